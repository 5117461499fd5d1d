#pragma once

// Shared by the provider integration tests (tst_twilio, tst_mailgun, tst_signalwire,
// tst_elevenlabs, tst_campaign): a read-only view of the stored database, the events published,
// and requests signed with the core signature classes.
#include "TestSupport.h"
#include "events/EventBus.h"
#include "inbound/FormParser.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

namespace sb::test {

class Store
{
public:
    explicit Store(const TestServer &server) : m_name(QStringLiteral("provider_store_%1").arg(++s_count))
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(server.dataDir() + QStringLiteral("/switchboard.db"));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open())
            qFatal("cannot open the test database: %s", qPrintable(db.lastError().text()));
    }
    ~Store()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    QVariantMap row(const QString &sql, const QVariantList &values = {}) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name));
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
        return row(QStringLiteral("SELECT * FROM inbound_requests WHERE path = ? ORDER BY seq DESC LIMIT 1"), {path});
    }

private:
    QString m_name;
    static inline int s_count = 0;
};

// Collects the event types published on the bus.
class EventLog : public QObject
{
public:
    explicit EventLog(EventBus &bus)
    {
        connect(&bus, &EventBus::eventsPublished, this, [this](const QList<DomainEvent> &events) {
            for (const auto &event : events) {
                types.append(event.type);
                payloads.append(event.payload);
            }
        });
    }
    qsizetype count(const QString &type) const { return types.count(type); }
    QStringList types;
    QList<QJsonObject> payloads;
};

inline QByteArray formBody(const QList<QPair<QString, QString>> &fields)
{
    QByteArray body;
    for (const auto &[name, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

inline FormFields formFields(const QList<QPair<QString, QString>> &fields)
{
    FormFields form;
    for (const auto &[name, value] : fields)
        form.append(name, value);
    return form;
}

inline qint64 nowSeconds()
{
    return QDateTime::currentSecsSinceEpoch();
}

inline QString publicUrlOf(TestServer &server, const QString &pathAndQuery)
{
    return server.url(pathAndQuery).toString();
}

} // namespace sb::test
