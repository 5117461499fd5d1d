#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace sb {

// A happening in the domain, named as in DESIGN.md's event catalog (e.g. "lead.created").
struct DomainEvent
{
    QString id; // evt_<ULID>
    QString type; // catalog name
    qint64 occurredAtMs = 0;
    QString source; // the inbound record or API call that raised it
    QJsonObject payload; // the changed record + source ids
    // Who raised it: the provider of the inbound request (crm, twilio, mailgun, ...), "api" for an
    // admin API call, "console" for an edit in the console. Set by SqlContext::publish.
    QString origin;
    // Its place in the durable event log (storage's event_log.seq): increasing in commit order
    // across restarts; 0 for an event that was not logged.
    qint64 seq = 0;
};

// One entry of the durable event log as the live streams (/ws, SSE) send it: a domain event, a
// recorded inbound request or a delivery attempt.
struct StreamEvent
{
    qint64 seq = 0;
    QString type; // lead.created, inbound.recorded, delivery.updated, ...
    QString topic; // leads, conversations, deliveries, inbound, campaigns, notifications
    qint64 leadId = 0; // 0: none
    qint64 conversationId = 0; // 0: none
    qint64 occurredAtMs = 0;
    QJsonObject data;
};

// What the inbound-request views need without asking the database.
struct InboundSummary
{
    qint64 seq = 0;
    QString id;
    qint64 receivedAtMs = 0;
    QString method;
    QString path;
    QString provider;
    QString eventType;
    QString status; // processed | duplicate | rejected
    int responseStatus = 0;
    QString verification;
    qint64 bodySize = 0;
    QString clientIp;

    bool operator==(const InboundSummary &) const = default;
};

} // namespace sb

Q_DECLARE_METATYPE(sb::DomainEvent)
Q_DECLARE_METATYPE(sb::InboundSummary)
Q_DECLARE_METATYPE(sb::StreamEvent)
