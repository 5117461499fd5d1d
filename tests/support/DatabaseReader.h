#pragma once

#include "TestSupport.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariantMap>

namespace sb::test {

// A read-only connection to a TestServer's database, for checking what a request stored.
class DatabaseReader
{
public:
    explicit DatabaseReader(const TestServer &server)
        : m_name(QStringLiteral("test_reader_%1").arg(++s_count))
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(server.dataDir() + QStringLiteral("/switchboard.db"));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open())
            qFatal("cannot open the test database: %s", qPrintable(db.lastError().text()));
    }
    ~DatabaseReader()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    DatabaseReader(const DatabaseReader &) = delete;
    DatabaseReader &operator=(const DatabaseReader &) = delete;

    QSqlDatabase db() const { return QSqlDatabase::database(m_name); }

    // The first row of `sql` by column name; empty when there is none.
    QVariantMap row(const QString &sql, const QVariantList &values = {}) const
    {
        QSqlQuery query(db());
        query.prepare(sql);
        for (int i = 0; i < values.size(); ++i)
            query.bindValue(i, values[i]);
        if (!query.exec())
            qWarning("query failed: %s [%s]", qPrintable(query.lastError().text()), qPrintable(sql));
        QVariantMap result;
        if (query.next()) {
            const auto record = query.record();
            for (int i = 0; i < record.count(); ++i)
                result.insert(record.fieldName(i), record.value(i));
        }
        return result;
    }
    QVariant value(const QString &sql, const QVariantList &values = {}) const
    {
        const auto first = row(sql, values);
        return first.isEmpty() ? QVariant() : first.first();
    }
    qint64 count(const QString &table, const QString &where = {}, const QVariantList &values = {}) const
    {
        return value(QStringLiteral("SELECT COUNT(*) FROM ") + table
                + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where),
            values)
            .toLongLong();
    }
    // The stored outcome of the latest inbound request to `path`.
    QVariantMap lastInbound(const QString &path) const
    {
        return row(QStringLiteral("SELECT * FROM inbound_requests WHERE path = ? ORDER BY seq DESC LIMIT 1"),
            {path});
    }

private:
    QString m_name;
    static inline int s_count = 0;
};

} // namespace sb::test
