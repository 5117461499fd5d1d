#pragma once

// Shared by the provider integration tests (tst_twilio, tst_mailgun, tst_signalwire,
// tst_elevenlabs, tst_campaign): a read-only view of the stored database, the events published,
// and requests signed with the core signature classes.
#include "DatabaseReader.h"
#include "TestSupport.h"
#include "domain/EventBus.h"
#include "http/FormParser.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

namespace sb::test {

// Reads what the server stored.
using Store = DatabaseReader;

// Collects the event types published on the bus.
class BusEvents : public QObject
{
public:
    explicit BusEvents(EventBus &bus)
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

// `fields` as multipart/form-data parts after `preamble` (text a multipart parser skips).
inline QByteArray multipartBody(
    const QList<QPair<QString, QString>> &fields, const QByteArray &boundary, const QByteArray &preamble = {})
{
    QByteArray body = preamble;
    for (const auto &[name, value] : fields)
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name.toUtf8() + "\"\r\n\r\n"
            + value.toUtf8() + "\r\n";
    body += "--" + boundary + "--\r\n";
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
