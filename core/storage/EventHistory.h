#pragma once

#include "storage/DeliveryFilter.h"
#include "storage/InboundFilter.h"
#include "storage/OutboxFilter.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace sb {

class SqlContext;

// Inbound requests, outbound webhook deliveries and outbox sends (SMS, email, push, chat, voice) as
// one history (DESIGN.md, "Records and their APIs"). A send is an outbound record "snd_<outbox id>".
struct HistoryEntry
{
    enum class Direction
    {
        Inbound,
        Outbound
    };
    QString id;
    Direction direction = Direction::Inbound;
    QString source; // inbound: the provider; send: the provider it goes through
    QString eventType; // sends: sendEventType
    QString status; // the name of an InboundStatus, a DeliveryStatus or an OutboxStatus, as stored
    qint64 configId = 0; // webhook deliveries only
    QString channel; // outbound only: LogChannel::name() ("webhook", "sms", ...)
    QString lastError; // outbound only
    qint64 messageId = 0; // sends only
    qint64 serviceId = 0; // sends only; 0: a service configured from the environment
    QString providerId; // sends only: the provider's id of the message, once accepted
    int attempts = 1;
    QByteArray payload; // sends: the outgoing message (to, from, subject, body, ...)
    int lastStatus = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

// Which records a history query reads: each side is filtered by its own log's filter, and a side
// can be left out altogether (direction, or a filter only the other side has).
struct HistoryFilter
{
    bool inbound = true;
    bool outbound = true;
    bool sends = true; // the outbound side's outbox rows (with `outbound`)
    InboundFilter inboundFilter;
    DeliveryFilter deliveryFilter;
    OutboxFilter outboxFilter;
};

class EventHistory
{
public:
    // The event type of every send in the history.
    static QString sendEventType();
    static qint64 count(SqlContext &context, const HistoryFilter &filter);
    // Newest first (created_at, then id, descending).
    static QList<HistoryEntry> page(
        SqlContext &context, const HistoryFilter &filter, int limit, qint64 offset);
    static std::optional<HistoryEntry> find(SqlContext &context, const QString &id);
};

} // namespace sb
