#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
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

// The engine behind a DatabaseOptions. Only the storage layer looks at it.
enum class DatabaseBackend
{
    Sqlite,
    Postgres
};

// Where a PostgreSQL database is, from a postgresql:// (or postgres://) URL, decoded. Empty fields are
// left to libpq's defaults: no password reads PGPASSWORD, then ~/.pgpass (or PGPASSFILE); no host
// uses the local socket; no user is the OS user; no database is the user's name.
struct PostgresConnection
{
    QString host;
    int port = 5432;
    QString database;
    QString user;
    QString password;
    // libpq connection parameters from the URL's query (sslmode=require, connect_timeout=10, ...),
    // each "key=value".
    QStringList parameters;

    // The URL with the password replaced by "****": the only form that goes into messages and logs.
    QString displayUrl() const;
};

struct DatabaseOptions
{
    QString path; // the database file
    bool synchronousFull = false; // FULL survives power loss; NORMAL (default) survives a process crash
    int busyTimeoutMs = 5000;
    // Seals and reveals the secrets stored in the database (null: secrets are not read).
    const SecretStore *secrets = nullptr;

    DatabaseBackend backend = DatabaseBackend::Sqlite;
    PostgresConnection postgres; // when backend is Postgres

    // Reads a --database URL: empty means `defaultPath`; sqlite:PATH and sqlite://PATH name the
    // file; postgresql://[user[:password]@][host][:port][/database][?param=value&...] (or
    // postgres://) a PostgreSQL database, percent-decoded. Anything else: false, with `error` saying
    // what is wrong (a password in the URL is masked there).
    bool setUrl(const QString &url, const QString &defaultPath, QString *error);
    // The database as messages show it: the file, or the URL with its password masked.
    QString displayName() const;
    // Why this build cannot serve on this database yet (empty: it can). PostgreSQL: the schema and
    // the connection work, the team mode does not yet.
    QString servingRefusal() const;
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
    // whose schema is newer than this binary. On PostgreSQL the SQLite scripts are translated
    // (PostgresSchema.h) unless a NNN_name.postgres.sql override is in the binary, and the whole run
    // holds an advisory lock (postgresMigrationLock) so that instances starting together migrate
    // once; each migration is one transaction that also records its version.
    static void migrate(QSqlDatabase &db, qint64 nowMs);
    // The key of the PostgreSQL advisory lock the migrations run under.
    static constexpr qint64 postgresMigrationLock = 0x5377'6974'6368'0001; // "Switch" + 1
    // Whether a connection is to PostgreSQL (QPSQL) rather than SQLite.
    static bool isPostgres(const QSqlDatabase &db);
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
