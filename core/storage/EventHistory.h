#pragma once

#include "storage/DeliveryFilter.h"
#include "storage/InboundFilter.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace sb {

class SqlContext;

// Inbound requests and outbound deliveries as one history (DESIGN.md, "Records and their APIs").
struct HistoryEntry
{
    enum class Direction
    {
        Inbound,
        Outbound
    };
    QString id;
    Direction direction = Direction::Inbound;
    QString source; // inbound: the provider
    QString eventType;
    QString status; // the name of an InboundStatus or a DeliveryStatus, as stored
    qint64 configId = 0; // outbound only
    int attempts = 1;
    QByteArray payload;
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
    InboundFilter inboundFilter;
    DeliveryFilter deliveryFilter;
};

class EventHistory
{
public:
    static qint64 count(SqlContext &context, const HistoryFilter &filter);
    // Newest first (created_at, then id, descending).
    static QList<HistoryEntry> page(
        SqlContext &context, const HistoryFilter &filter, int limit, qint64 offset);
    static std::optional<HistoryEntry> find(SqlContext &context, const QString &id);
};

} // namespace sb
