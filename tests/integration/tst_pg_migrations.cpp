// The migrations on a real PostgreSQL (SWITCHBOARD_TEST_PG_URL, exported by scripts/pg-cluster.sh
// start; scripts/test.sh does that). Each test case works in a database of its own, created through
// that URL (its role may create databases) and dropped afterwards. Without the URL the suite is
// skipped on a workstation and fails on CI (CI set), so CI can never silently skip it.
#include "storage/Database.h"

#include <QCoreApplication>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QVariant>
#include <latch>
#include <thread>
#include <vector>

using namespace sb;

namespace {

struct Column
{
    QString name;
    QString type;
    bool notNull = false;
    QString defaultValue;
    bool identity = false;
};

QString sqlitePostgresType(const QString &sqliteType)
{
    const auto upper = sqliteType.toUpper();
    if (upper == QLatin1String("INTEGER"))
        return QStringLiteral("bigint");
    if (upper == QLatin1String("REAL"))
        return QStringLiteral("double precision");
    if (upper == QLatin1String("BLOB"))
        return QStringLiteral("bytea");
    return sqliteType.toLower();
}

QStringList strings(QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(db);
    query.prepare(sql);
    for (const auto &value : values)
        query.addBindValue(value);
    execOrThrow(query);
    QStringList result;
    while (query.next())
        result.append(query.value(0).toString());
    return result;
}

QVariant scalar(QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(db);
    query.prepare(sql);
    for (const auto &value : values)
        query.addBindValue(value);
    execOrThrow(query);
    return query.next() ? query.value(0) : QVariant();
}

QString migrationError(QSqlDatabase &db)
{
    try {
        Database::migrate(db, 9);
    } catch (const SqlError &e) {
        return e.message();
    }
    return {};
}

} // namespace

class PgMigrationsTest : public QObject
{
    Q_OBJECT

    DatabaseOptions m_server; // the URL's own database: creates and drops the test databases
    QStringList m_databases; // created by the current test case
    int m_counter = 0;

    // A new empty database on the test cluster, and the options that open it.
    DatabaseOptions freshDatabase()
    {
        const auto name
            = QStringLiteral("sb_migrations_%1_%2").arg(QCoreApplication::applicationPid()).arg(++m_counter);
        auto admin = QSqlDatabase::database(QStringLiteral("admin"));
        execOrThrow(admin, QStringLiteral("CREATE DATABASE %1").arg(name));
        m_databases.append(name);
        auto options = m_server;
        options.postgres.database = name;
        return options;
    }

    bool advisoryLockIsFree(const DatabaseOptions &options)
    {
        bool free = false;
        {
            auto other = Database::open(QStringLiteral("probe"), options);
            free = scalar(
                other, QStringLiteral("SELECT pg_try_advisory_lock(?)"), {Database::postgresMigrationLock})
                       .toBool();
            if (free)
                scalar(
                    other, QStringLiteral("SELECT pg_advisory_unlock(?)"), {Database::postgresMigrationLock});
        }
        Database::close(QStringLiteral("probe"));
        return free;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const auto url = qEnvironmentVariable("SWITCHBOARD_TEST_PG_URL");
        if (url.isEmpty()) {
            if (!qEnvironmentVariableIsEmpty("CI"))
                QFAIL("SWITCHBOARD_TEST_PG_URL is unset on CI: the PostgreSQL suites must run there "
                      "(eval \"$(scripts/pg-cluster.sh start)\" exports it)");
            QSKIP("SWITCHBOARD_TEST_PG_URL is unset (eval \"$(scripts/pg-cluster.sh start)\" exports it)");
        }
        QString error;
        QVERIFY2(m_server.setUrl(url, {}, &error), qPrintable(error));
        QCOMPARE(m_server.backend, DatabaseBackend::Postgres);
        auto admin = Database::open(QStringLiteral("admin"), m_server);
        QVERIFY(Database::isPostgres(admin));
        // DROP DATABASE ... WITH (FORCE) needs PostgreSQL 13.
        QVERIFY(scalar(admin, QStringLiteral("SELECT current_setting('server_version_num')::int")).toInt()
            >= 130000);
    }

    void cleanup()
    {
        auto admin = QSqlDatabase::database(QStringLiteral("admin"));
        for (const auto &name : std::as_const(m_databases))
            execOrThrow(admin, QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name));
        m_databases.clear();
    }

    void cleanupTestCase() { Database::close(QStringLiteral("admin")); }

    void appliesEveryMigrationOnAnEmptyDatabase()
    {
        const auto options = freshDatabase();
        {
            auto db = Database::open(QStringLiteral("pg1"), options);
            QCOMPARE(Database::schemaVersion(db), 0);
            Database::migrate(db, 1234);
            QCOMPARE(Database::schemaVersion(db), Database::knownSchemaVersion());
            QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM schema_version")).toInt(),
                Database::knownSchemaVersion());
            QCOMPARE(
                scalar(db, QStringLiteral("SELECT MIN(applied_at) FROM schema_version")).toLongLong(), 1234);
            Database::migrate(db, 5678); // nothing left to do
            QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM schema_version")).toInt(),
                Database::knownSchemaVersion());
            QVERIFY(advisoryLockIsFree(options));

            // The rows the migrations insert.
            QCOMPARE(scalar(db, QStringLiteral("SELECT value FROM settings WHERE key = ?"),
                         {QStringLiteral("pending/redact-credential-headers")})
                         .toString(),
                QStringLiteral("1"));
            QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM handover_rules")).toInt(), 6);
            QCOMPARE(strings(db, QStringLiteral("SELECT id FROM lead_status_rules ORDER BY id")),
                QStringList({QStringLiteral("positive_call_qualified"), QStringLiteral("reply_contacted")}));

            // `?` placeholders go through QPSQL; a rowid key numbers rows like SQLite's.
            const auto insertLead = QStringLiteral(
                "INSERT INTO leads(lead_status, created_at, updated_at) VALUES(?, ?, ?) RETURNING id");
            QCOMPARE(scalar(db, insertLead, {QStringLiteral("new"), 1, 1}).toLongLong(), 1);
            QCOMPARE(scalar(db, insertLead, {QStringLiteral("new"), 2, 2}).toLongLong(), 2);
            QCOMPARE(
                scalar(db, QStringLiteral("SELECT lead_status FROM leads WHERE id = ? AND created_at = ?"),
                    {2, 2})
                    .toString(),
                QStringLiteral("new"));
            // 64-bit integers and bytes (zero bytes, quotes, backslashes) come back as they went in.
            const QByteArray bytes("\x00\xff\x01'\\\"x", 7);
            const qint64 big = 1'700'000'000'000'123;
            QSqlQuery insert(db);
            insert.prepare(
                QStringLiteral("INSERT INTO mailgun_tokens(token, body_sha256, seen_at) VALUES(?, ?, ?)"));
            insert.addBindValue(QStringLiteral("tok'en"));
            insert.addBindValue(bytes);
            insert.addBindValue(big);
            execOrThrow(insert);
            QSqlQuery read(db);
            read.prepare(QStringLiteral("SELECT body_sha256, seen_at FROM mailgun_tokens WHERE token = ?"));
            read.addBindValue(QStringLiteral("tok'en"));
            execOrThrow(read);
            QVERIFY(read.next());
            QCOMPARE(read.value(0).toByteArray(), bytes);
            QCOMPARE(read.value(1).toLongLong(), big);
            // SQLite's LIKE ignores case; the translated migration 005 used ILIKE, and ON CONFLICT works.
            execOrThrow(db,
                QStringLiteral(
                    "INSERT INTO settings(key, value) VALUES('a', '1') ON CONFLICT(key) DO UPDATE SET "
                    "value = excluded.value"));
            execOrThrow(db,
                QStringLiteral(
                    "INSERT INTO settings(key, value) VALUES('a', '2') ON CONFLICT(key) DO UPDATE SET "
                    "value = excluded.value"));
            QCOMPARE(scalar(db, QStringLiteral("SELECT value FROM settings WHERE key = 'a'")).toString(),
                QStringLiteral("2"));
        }
        Database::close(QStringLiteral("pg1"));
    }

    // Every table and index of SQLite's schema exists in PostgreSQL with the same columns, in the same
    // order, with the translated types, the same NOT NULLs and defaults, identity for rowid keys.
    void sameSchemaAsSqlite()
    {
        QTemporaryDir dir;
        DatabaseOptions sqliteOptions {dir.filePath(QStringLiteral("s.db")), false, 1000};
        const auto options = freshDatabase();
        {
            auto lite = Database::open(QStringLiteral("lite"), sqliteOptions);
            Database::migrate(lite, 1);
            auto pg = Database::open(QStringLiteral("pg2"), options);
            Database::migrate(pg, 1);

            auto liteTables = strings(lite,
                QStringLiteral(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
                    "ESCAPE '\\' ORDER BY name"));
            const auto pgTables = strings(pg,
                QStringLiteral(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                    "AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE \"C\""));
            QVERIFY(liteTables.size() >= 30);
            QCOMPARE(pgTables, liteTables);

            for (const auto &table : std::as_const(liteTables)) {
                QList<Column> expected;
                QSqlQuery info(lite);
                QVERIFY(info.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table)));
                QMap<QString, int> keyColumns;
                while (info.next()) {
                    Column column;
                    column.name = info.value(1).toString();
                    column.type = sqlitePostgresType(info.value(2).toString());
                    const int pk = info.value(5).toInt();
                    column.notNull = info.value(3).toInt() != 0 || pk > 0;
                    column.defaultValue = info.value(4).toString();
                    if (pk > 0)
                        keyColumns[column.name] = pk;
                    expected.append(column);
                }
                // SQLite's rowid alias: a lone INTEGER PRIMARY KEY that names no other table.
                const auto references = strings(
                    lite, QStringLiteral("SELECT \"from\" FROM pragma_foreign_key_list(?)"), {table});
                for (auto &column : expected) {
                    column.identity = keyColumns.size() == 1 && keyColumns.contains(column.name)
                        && column.type == QLatin1String("bigint") && !references.contains(column.name);
                }

                QSqlQuery columns(pg);
                columns.prepare(QStringLiteral(
                    "SELECT column_name, data_type, is_nullable, column_default, is_identity FROM "
                    "information_schema.columns WHERE table_schema = current_schema() AND table_name = ? "
                    "ORDER BY ordinal_position"));
                columns.addBindValue(table);
                execOrThrow(columns);
                int i = 0;
                while (columns.next()) {
                    QVERIFY2(i < expected.size(), qPrintable(table));
                    const auto &want = expected.at(i++);
                    const QString where = table + QLatin1Char('.') + want.name;
                    QCOMPARE(columns.value(0).toString(), want.name);
                    QVERIFY2(columns.value(1).toString() == want.type,
                        qPrintable(where + QStringLiteral(": ") + columns.value(1).toString()));
                    QVERIFY2((columns.value(2).toString() == QLatin1String("NO")) == want.notNull,
                        qPrintable(where));
                    QVERIFY2((columns.value(4).toString() == QLatin1String("YES")) == want.identity,
                        qPrintable(where));
                    const auto pgDefault = columns.value(3).toString();
                    QVERIFY2(pgDefault.startsWith(want.defaultValue)
                            && pgDefault.isEmpty() == want.defaultValue.isEmpty(),
                        qPrintable(where + QStringLiteral(": ") + pgDefault + QStringLiteral(" vs ")
                            + want.defaultValue));
                }
                QCOMPARE(i, expected.size());
            }

            const auto liteIndexes = strings(lite,
                QStringLiteral(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"));
            const auto pgIndexes = strings(
                pg, QStringLiteral("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"));
            QVERIFY(liteIndexes.size() >= 40);
            for (const auto &index : liteIndexes)
                QVERIFY2(pgIndexes.contains(index), qPrintable(index));
        }
        Database::close(QStringLiteral("lite"));
        Database::close(QStringLiteral("pg2"));
    }

    void refusesANewerSchemaAsSqliteDoes()
    {
        QTemporaryDir dir;
        DatabaseOptions sqliteOptions {dir.filePath(QStringLiteral("n.db")), false, 1000};
        const auto options = freshDatabase();
        const auto future = Database::knownSchemaVersion() + 5;
        {
            auto lite = Database::open(QStringLiteral("lite3"), sqliteOptions);
            Database::migrate(lite, 1);
            execOrThrow(lite,
                QStringLiteral("INSERT INTO schema_version(version, applied_at) VALUES(%1, 0)").arg(future));
            const auto sqliteRefusal = migrationError(lite);
            QVERIFY(sqliteRefusal.contains(QStringLiteral("newer")));

            auto pg = Database::open(QStringLiteral("pg3"), options);
            Database::migrate(pg, 1);
            execOrThrow(pg,
                QStringLiteral("INSERT INTO schema_version(version, applied_at) VALUES(%1, 0)").arg(future));
            execOrThrow(pg, QStringLiteral("INSERT INTO settings(key, value) VALUES('kept', 'yes')"));
            QCOMPARE(migrationError(pg), sqliteRefusal);
            QCOMPARE(Database::schemaVersion(pg), future);
            QCOMPARE(scalar(pg, QStringLiteral("SELECT value FROM settings WHERE key = 'kept'")).toString(),
                QStringLiteral("yes"));
            QVERIFY(advisoryLockIsFree(options)); // released on the refusal too
        }
        Database::close(QStringLiteral("lite3"));
        Database::close(QStringLiteral("pg3"));
    }

    // Instances starting together on an empty database: each migrates on its own connection at the same
    // moment; all succeed and every migration is applied once.
    void migrationRace()
    {
        const auto options = freshDatabase();
        constexpr int instances = 4;
        std::latch start(instances);
        std::vector<QString> errors(instances);
        std::vector<std::thread> threads;
        for (int i = 0; i < instances; ++i) {
            threads.emplace_back([&, i] {
                const auto name = QStringLiteral("race%1").arg(i);
                try {
                    auto db = Database::open(name, options);
                    start.arrive_and_wait();
                    Database::migrate(db, 100 + i);
                } catch (const SqlError &e) {
                    errors[std::size_t(i)] = e.message();
                }
                Database::close(name);
            });
        }
        for (auto &thread : threads)
            thread.join();
        for (const auto &error : errors)
            QVERIFY2(error.isEmpty(), qPrintable(error));
        {
            auto db = Database::open(QStringLiteral("pg4"), options);
            QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM schema_version")).toInt(),
                Database::knownSchemaVersion());
            QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(DISTINCT version) FROM schema_version")).toInt(),
                Database::knownSchemaVersion());
            // One instance applied them all: one applied_at.
            QCOMPARE(
                scalar(db, QStringLiteral("SELECT COUNT(DISTINCT applied_at) FROM schema_version")).toInt(),
                1);
            QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM handover_rules")).toInt(), 6);
        }
        Database::close(QStringLiteral("pg4"));
    }

    // A URL without a password: libpq reads PGPASSWORD, then the password file.
    void passwordFromEnvironmentOrPasswordFile()
    {
        QTemporaryDir dir;
        const auto password = m_server.postgres.password;
        QVERIFY(!password.isEmpty());
        auto options = m_server;
        options.postgres.password.clear();
        const auto missing = dir.filePath(QStringLiteral("none"));
        qputenv("PGPASSFILE", missing.toUtf8());
        qunsetenv("PGPASSWORD");
        const auto opens = [&](const QString &name) {
            bool ok = false;
            try {
                auto db = Database::open(name, options);
                ok = scalar(db, QStringLiteral("SELECT 1")).toInt() == 1;
            } catch (const SqlError &) { }
            Database::close(name);
            return ok;
        };
        QVERIFY(!opens(QStringLiteral("nopass")));

        qputenv("PGPASSWORD", password.toUtf8());
        QVERIFY(opens(QStringLiteral("envpass")));
        qunsetenv("PGPASSWORD");

        QFile file(dir.filePath(QStringLiteral("pgpass")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("%1:%2:*:%3:%4\n")
                       .arg(options.postgres.host)
                       .arg(options.postgres.port)
                       .arg(options.postgres.user, password)
                       .toUtf8());
        file.close();
        QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
        qputenv("PGPASSFILE", file.fileName().toUtf8());
        QVERIFY(opens(QStringLiteral("filepass")));
        qunsetenv("PGPASSFILE");
    }

    // Serving on PostgreSQL is not finished: the binary says so for --database and
    // SWITCHBOARD_DATABASE, without showing the password, and touches nothing.
    void serverRefusesPostgresForNow()
    {
        const auto binary = qEnvironmentVariable("SWITCHBOARD_BINARY");
        if (binary.isEmpty())
            QSKIP("SWITCHBOARD_BINARY is not set (run through ctest)");
        const auto url = qEnvironmentVariable("SWITCHBOARD_TEST_PG_URL");
        for (const bool fromEnvironment : {false, true}) {
            QTemporaryDir dir;
            auto environment = QProcessEnvironment::systemEnvironment();
            environment.remove(QStringLiteral("DISPLAY"));
            QStringList arguments {QStringLiteral("--headless"), QStringLiteral("--listen"),
                QStringLiteral("127.0.0.1:0"), QStringLiteral("--data-dir"), dir.path()};
            if (fromEnvironment)
                environment.insert(QStringLiteral("SWITCHBOARD_DATABASE"), url);
            else
                arguments << QStringLiteral("--database") << url;
            QProcess server;
            server.setProcessEnvironment(environment);
            server.start(binary, arguments);
            QVERIFY(server.waitForFinished(20000));
            QCOMPARE(server.exitCode(), 1);
            const auto errors = QString::fromUtf8(server.readAllStandardError());
            QVERIFY2(errors.contains(
                         QStringLiteral("PostgreSQL: schema and connection ready; the team mode is not "
                                        "finished in this build")),
                qPrintable(errors));
            QVERIFY2(errors.contains(QStringLiteral("@127.0.0.1:%1/").arg(m_server.postgres.port)),
                qPrintable(errors));
            QVERIFY2(!errors.contains(m_server.postgres.password), qPrintable(errors));
            QVERIFY(server.readAllStandardOutput().trimmed().isEmpty()); // never listened
            QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("switchboard.db"))));
        }
    }

    void wrongPasswordIsRefusedWithoutShowingIt()
    {
        auto options = m_server;
        options.postgres.password = QStringLiteral("Wrong-Secret-4711");
        QString message;
        try {
            Database::open(QStringLiteral("wrong"), options);
        } catch (const SqlError &e) {
            message = e.message();
        }
        Database::close(QStringLiteral("wrong"));
        QVERIFY2(message.contains(QStringLiteral("password authentication failed")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral(":****@127.0.0.1")), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("Wrong-Secret")), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(PgMigrationsTest)
#include "tst_pg_migrations.moc"
