#include "Database.h"

#include "StorageLog.h"

#include <QFile>
#include <QSqlDriver>
#include <QSqlError>
#include <QVariant>
#include <array>
#include <atomic>
#include <sqlite3.h>

namespace sb {

bool DatabaseOptions::setUrl(const QString &url, const QString &defaultPath, QString *error)
{
    if (url.isEmpty()) {
        path = defaultPath;
        return true;
    }
    if (!url.startsWith(QLatin1String("sqlite:"))) {
        *error = QStringLiteral("--database %1: only sqlite:PATH is supported by this build").arg(url);
        return false;
    }
    path = url.mid(url.startsWith(QLatin1String("sqlite://")) ? 9 : 7);
    if (path.isEmpty()) {
        *error = QStringLiteral("--database %1: the URL names no file").arg(url);
        return false;
    }
    return true;
}

QStringList DatabaseOptions::files() const
{
    return {path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")};
}

namespace {

struct Migration
{
    int version;
    const char *resource;
};

// Append only: a released migration is never edited.
constexpr std::array migrations {
    Migration {1, ":/sql/001_initial.sql"},
    Migration {2, ":/sql/002_outbound.sql"},
    Migration {3, ":/sql/003_messaging.sql"},
    Migration {4, ":/sql/004_delivery_log.sql"},
    Migration {5, ":/sql/005_delivery_source.sql"},
    Migration {6, ":/sql/006_mailgun_tokens.sql"},
    Migration {7, ":/sql/007_redact_credentials.sql"},
    Migration {8, ":/sql/008_attempt_truncation.sql"},
    Migration {9, ":/sql/009_external_services.sql"},
    Migration {10, ":/sql/010_outbox.sql"},
    Migration {11, ":/sql/011_lead_archive.sql"},
    Migration {12, ":/sql/012_api_key_scopes.sql"},
    Migration {13, ":/sql/013_event_log.sql"},
    Migration {14, ":/sql/014_relays.sql"},
    Migration {15, ":/sql/015_campaigns.sql"},
    Migration {16, ":/sql/016_lead_scores.sql"},
    Migration {17, ":/sql/017_ai_calls.sql"},
    Migration {18, ":/sql/018_handovers_analyses.sql"},
    Migration {19, ":/sql/019_tasks.sql"},
    Migration {20, ":/sql/020_recordings.sql"},
    Migration {21, ":/sql/021_live_calls.sql"},
    Migration {22, ":/sql/022_transcriptions.sql"},
};

QStringList splitStatements(const QString &script)
{
    QStringList statements;
    QString current;
    const auto lines = script.split(QLatin1Char('\n'));
    for (const auto &line : lines) {
        const auto trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1String("--")))
            continue;
        current += line + QLatin1Char('\n');
        if (trimmed.endsWith(QLatin1Char(';'))) {
            statements.append(current.trimmed());
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        statements.append(current.trimmed());
    return statements;
}

// The driver's dynamic property that holds the start-up decision for its connection.
constexpr char rawSqliteProperty[] = "switchboard_rawSqlite";

// Whether statements of this program may run on the connection's handle; logs the first refusal.
bool decideRawSqlite(const QSqlDatabase &db, const SqliteLibrary &linked)
{
    auto *driver = db.driver();
    if (!driver)
        return false;
    const auto handle = driver->handle();
    QString refusal;
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0) {
        refusal = QStringLiteral("the connection's handle is %1, not sqlite3*")
                      .arg(QString::fromLatin1(handle.isValid() ? handle.typeName() : "missing"));
    } else {
        try {
            refusal = sqliteLibraryMismatch(linked, Database::driverSqlite(db));
        } catch (const SqlError &e) {
            refusal = QStringLiteral("the driver's SQLite version is unknown (%1)").arg(e.message());
        }
    }
    driver->setProperty(rawSqliteProperty, refusal.isEmpty());
    static std::atomic<bool> logged = false;
    if (!refusal.isEmpty() && !logged.exchange(true))
        qWarning("storage: statements go through QtSql instead of SQLite's API: %s", qPrintable(refusal));
    return refusal.isEmpty();
}

} // namespace

QString sqliteLibraryMismatch(const SqliteLibrary &linked, const SqliteLibrary &driver)
{
    if (linked.sourceId.isEmpty() || driver.sourceId.isEmpty())
        return QStringLiteral(
            "the source id of SQLite is unknown (this program: \"%1\", Qt's SQLite driver: \"%2\")")
            .arg(linked.sourceId, driver.sourceId);
    if (linked.version == driver.version && linked.sourceId == driver.sourceId)
        return {};
    return QStringLiteral("this program links SQLite %1 (%2), Qt's SQLite driver runs %3 (%4)")
        .arg(linked.version, linked.sourceId, driver.version, driver.sourceId);
}

SqliteLibrary Database::linkedSqlite()
{
    return {QString::fromLatin1(sqlite3_libversion()), QString::fromLatin1(sqlite3_sourceid())};
}

SqliteLibrary Database::driverSqlite(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT sqlite_version(), sqlite_source_id()")) || !query.next())
        throw SqlError(query.lastError().text());
    return {query.value(0).toString(), query.value(1).toString()};
}

sqlite3 *Database::rawSqlite(const QSqlDatabase &db)
{
    auto *driver = db.driver();
    if (!driver || !db.isOpen())
        return nullptr;
    const auto decided = driver->property(rawSqliteProperty);
    if (decided.isValid() ? !decided.toBool() : !decideRawSqlite(db, linkedSqlite()))
        return nullptr;
    return *static_cast<sqlite3 *const *>(driver->handle().constData());
}

void execOrThrow(QSqlQuery &query)
{
    if (!query.exec())
        throw SqlError(
            query.lastError().text() + QStringLiteral(" [") + query.lastQuery() + QLatin1Char(']'));
}

QSqlQuery execOrThrow(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        throw SqlError(query.lastError().text() + QStringLiteral(" [") + sql + QLatin1Char(']'));
    return query;
}

QSqlDatabase Database::open(const QString &connectionName, const DatabaseOptions &options)
{
    auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    db.setDatabaseName(options.path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(options.busyTimeoutMs));
    if (!db.open())
        throw SqlError(
            QStringLiteral("cannot open database %1: %2").arg(options.path, db.lastError().text()));
    execOrThrow(db, QStringLiteral("PRAGMA journal_mode=WAL"));
    execOrThrow(db,
        options.synchronousFull ? QStringLiteral("PRAGMA synchronous=FULL")
                                : QStringLiteral("PRAGMA synchronous=NORMAL"));
    execOrThrow(db, QStringLiteral("PRAGMA busy_timeout=%1").arg(options.busyTimeoutMs));
    execOrThrow(db, QStringLiteral("PRAGMA foreign_keys=ON"));
    execOrThrow(db, QStringLiteral("PRAGMA temp_store=MEMORY"));
    decideRawSqlite(db, options.linkedSqlite ? *options.linkedSqlite : linkedSqlite());
    return db;
}

void Database::close(const QString &connectionName)
{
    {
        auto db = QSqlDatabase::database(connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

int Database::knownSchemaVersion()
{
    return migrations.back().version;
}

int Database::schemaVersion(QSqlDatabase &db)
{
    if (!db.tables().contains(QStringLiteral("schema_version")))
        return 0;
    auto query = execOrThrow(db, QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version"));
    return query.next() ? query.value(0).toInt() : 0;
}

void Database::scrubFreedPages(QSqlDatabase &db)
{
    execOrThrow(db, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    execOrThrow(db, QStringLiteral("VACUUM"));
    execOrThrow(db, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
}

void Database::migrate(QSqlDatabase &db, qint64 nowMs)
{
    const int current = schemaVersion(db);
    if (current > knownSchemaVersion()) {
        throw SqlError(QStringLiteral("the database schema is version %1, newer than this Switchboard "
                                      "understands (%2); refusing to touch it — use a newer Switchboard")
                           .arg(current)
                           .arg(knownSchemaVersion()));
    }
    for (const auto &migration : migrations) {
        if (migration.version <= current)
            continue;
        QFile file(QString::fromLatin1(migration.resource));
        if (!file.open(QIODevice::ReadOnly))
            throw SqlError(QStringLiteral("migration %1 is missing from the binary").arg(migration.version));
        const auto script = QString::fromUtf8(file.readAll());
        if (!db.transaction())
            throw SqlError(db.lastError().text());
        try {
            for (const auto &statement : splitStatements(script))
                execOrThrow(db, statement);
            QSqlQuery mark(db);
            mark.prepare(QStringLiteral("INSERT INTO schema_version(version, applied_at) VALUES(?, ?)"));
            mark.addBindValue(migration.version);
            mark.addBindValue(nowMs);
            execOrThrow(mark);
            if (!db.commit())
                throw SqlError(db.lastError().text());
            qCInfo(lcStorage, "schema migration %d applied", int(migration.version));
        } catch (...) {
            db.rollback();
            throw;
        }
    }
}

} // namespace sb
