#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <optional>
#include <stdexcept>

struct sqlite3;

namespace sb {

class SecretStore;

// One SQLite library as the code that runs it reports itself: sqlite3_libversion() and
// sqlite3_sourceid() (in SQL: sqlite_version() and sqlite_source_id()).
struct SqliteLibrary
{
    QString version;
    QString sourceId;
};

// Why the SQLite library `linked` (the one this program calls directly) must not run statements on
// the handle of a connection whose driver runs `driver`, or empty when both are the same library.
// Two copies of SQLite (the Qt plugin on Windows and macOS carries its own) each keep their own
// global state: one must never step the other's handle.
QString sqliteLibraryMismatch(const SqliteLibrary &linked, const SqliteLibrary &driver);

struct DatabaseOptions
{
    QString path; // the database file
    bool synchronousFull = false; // FULL survives power loss; NORMAL (default) survives a process crash
    int busyTimeoutMs = 5000;
    // Seals and reveals the secrets stored in the database (null: secrets are not read).
    const SecretStore *secrets = nullptr;

    // Reads a --database URL: empty means `defaultPath`; sqlite:PATH and sqlite://PATH name the
    // file. Any other engine: false, with `error` saying what this build supports.
    bool setUrl(const QString &url, const QString &defaultPath, QString *error);
    // The files the engine keeps for this database, the database file first (the write-ahead log
    // and shared-memory files take its mode, so it is created owner-only first).
    QStringList files() const;
    // The library the start-up check compares the driver's with; unset: the one this program links.
    // Set only to see the check refuse a library (Qt's path is then taken, as it would be on a
    // platform whose Qt plugin carries its own SQLite).
    std::optional<SqliteLibrary> linkedSqlite;
};

// A failed SQL statement. Thrown inside storage jobs; the writer rolls the batch back and retries
// its jobs one by one so that one bad request never takes its neighbours down.
class SqlError : public std::runtime_error
{
public:
    explicit SqlError(const QString &message)
        : std::runtime_error(message.toStdString())
    { }
    QString message() const { return QString::fromStdString(what()); }
};

class Database
{
public:
    // Opens (and configures) a connection that belongs to the calling thread.
    static QSqlDatabase open(const QString &connectionName, const DatabaseOptions &options);
    static void close(const QString &connectionName);

    // The connection's sqlite3 handle, for statements run through SQLite's own API (RawStatement),
    // or null when they must go through QtSql: the driver is not SQLite, or it runs another SQLite
    // library than the one this program links. Decided when the connection is opened (logged once
    // per process when refused); for a connection opened elsewhere, on first use.
    static sqlite3 *rawSqlite(const QSqlDatabase &db);
    // What the driver's connection runs, asked through SQL.
    static SqliteLibrary driverSqlite(const QSqlDatabase &db);
    // The library this program links.
    static SqliteLibrary linkedSqlite();

    // Applies the migrations this binary knows. Refuses, without touching anything, a database
    // whose schema is newer than this binary.
    static void migrate(QSqlDatabase &db, qint64 nowMs);
    static int knownSchemaVersion();
    static int schemaVersion(QSqlDatabase &db);
    // After rows were rewritten to remove what must not be kept (plain-text secrets, credential
    // headers): SQLite keeps the old bytes in the WAL and in free pages until they are reused, so
    // checkpoint, rebuild the file and checkpoint again.
    static void scrubFreedPages(QSqlDatabase &db);
};

// Runs a prepared or plain statement; throws SqlError with the statement's error text.
void execOrThrow(QSqlQuery &query);
QSqlQuery execOrThrow(QSqlDatabase &db, const QString &sql);

} // namespace sb
