#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <stdexcept>

namespace sb {

class SecretStore;

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
};

// A failed SQL statement. Thrown inside storage jobs; the writer rolls the batch back and retries
// its jobs one by one so that one bad request never takes its neighbours down.
class SqlError : public std::runtime_error
{
public:
    explicit SqlError(const QString &message) : std::runtime_error(message.toStdString()) {}
    QString message() const { return QString::fromStdString(what()); }
};

class Database
{
public:
    // Opens (and configures) a connection that belongs to the calling thread.
    static QSqlDatabase open(const QString &connectionName, const DatabaseOptions &options);
    static void close(const QString &connectionName);

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
