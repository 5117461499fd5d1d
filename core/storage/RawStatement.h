#pragma once

#include <QByteArray>
#include <QString>
#include <QVariant>

struct sqlite3;
struct sqlite3_stmt;

namespace sb {

// A prepared statement run through SQLite's own API on the handle of a Qt connection. QSqlQuery
// costs several times the work of SQLite itself per execution (result caches, QVariant and field
// copies); the per-request statements of the ingest path use this instead. Owned by SqlContext.
class RawStatement
{
public:
    RawStatement(sqlite3 *db, const char *sql);
    ~RawStatement();
    RawStatement(const RawStatement &) = delete;
    RawStatement &operator=(const RawStatement &) = delete;

    // Binders are 1-based, as in SQLite. Text is bound as UTF-8; null QString/QByteArray bind NULL.
    RawStatement &bind(int index, qint64 value);
    RawStatement &bind(int index, const QString &text);
    RawStatement &bindText(int index, const QByteArray &utf8);
    RawStatement &bindBlob(int index, const QByteArray &bytes);
    RawStatement &bindNull(int index);
    // By the variant's type: integers, doubles, byte arrays (blobs), null, else text.
    RawStatement &bind(int index, const QVariant &value);
    // Runs to completion (statements without rows); throws SqlError.
    void run();
    qint64 lastInsertRowId() const;

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_statement = nullptr;
    QByteArray m_sql;
};

} // namespace sb
