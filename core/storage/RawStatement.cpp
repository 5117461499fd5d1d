#include "RawStatement.h"

#include "Database.h"

#include <sqlite3.h>

namespace sb {

RawStatement::RawStatement(sqlite3 *db, const char *sql)
    : m_db(db)
    , m_sql(sql)
{
    if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr) != SQLITE_OK)
        throw SqlError(QString::fromUtf8(sqlite3_errmsg(m_db)) + QStringLiteral(" [") + QString::fromUtf8(sql)
            + QLatin1Char(']'));
}

RawStatement::~RawStatement()
{
    sqlite3_finalize(m_statement);
}

RawStatement &RawStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_statement, index, value);
    return *this;
}

RawStatement &RawStatement::bind(int index, const QString &text)
{
    return text.isNull() ? bindNull(index) : bindText(index, text.toUtf8());
}

RawStatement &RawStatement::bindText(int index, const QByteArray &utf8)
{
    if (utf8.isNull())
        return bindNull(index);
    sqlite3_bind_text64(
        m_statement, index, utf8.constData(), sqlite3_uint64(utf8.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}

RawStatement &RawStatement::bindBlob(int index, const QByteArray &bytes)
{
    if (bytes.isNull())
        return bindNull(index);
    sqlite3_bind_blob64(
        m_statement, index, bytes.constData(), sqlite3_uint64(bytes.size()), SQLITE_TRANSIENT);
    return *this;
}

RawStatement &RawStatement::bindNull(int index)
{
    sqlite3_bind_null(m_statement, index);
    return *this;
}

RawStatement &RawStatement::bind(int index, const QVariant &value)
{
    if (value.isNull())
        return bindNull(index);
    switch (value.metaType().id()) {
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return bind(index, value.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float:
        sqlite3_bind_double(m_statement, index, value.toDouble());
        return *this;
    case QMetaType::QByteArray:
        return bindBlob(index, value.toByteArray());
    default:
        return bind(index, value.toString());
    }
}

void RawStatement::run()
{
    const int result = sqlite3_step(m_statement);
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
    if (result != SQLITE_DONE && result != SQLITE_ROW)
        throw SqlError(QString::fromUtf8(sqlite3_errmsg(m_db)) + QStringLiteral(" [")
            + QString::fromUtf8(m_sql) + QLatin1Char(']'));
}

qint64 RawStatement::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

} // namespace sb
