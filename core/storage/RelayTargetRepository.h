#pragma once

#include "domain/Delivery.h"
#include "domain/RelayTarget.h"

#include <QList>
#include <optional>

namespace sb {

class SqlContext;

// Stores relay targets (schema 14). Runs on the writer (changes) or reader (reads) thread.
class RelayTargetRepository
{
public:
    // Ordered by route, then id.
    static QList<RelayTarget> list(SqlContext &context);
    static std::optional<RelayTarget> find(SqlContext &context, qint64 id);
    // The target with this route and URL, if one is stored (duplicates are refused).
    static std::optional<RelayTarget> findByRouteAndUrl(
        SqlContext &context, const QString &route, const QString &url);
    static void insert(SqlContext &context, RelayTarget &target);
    static bool update(SqlContext &context, RelayTarget &target);
    // The target's relays already queued stay in the log; pending ones fail at their next attempt.
    static bool remove(SqlContext &context, qint64 id);

    // The newest relay of each target: its status and last HTTP status (the console's list).
    struct LastRelay
    {
        DeliveryStatus status = DeliveryStatus::Pending;
        int lastStatus = 0;
        QString lastError;
        qint64 updatedAt = 0;
    };
    static std::optional<LastRelay> lastRelay(SqlContext &context, qint64 targetId);
    // The target's relays (deliveries), newest first, without their payloads.
    static QList<Delivery> relays(SqlContext &context, qint64 targetId, int limit);
};

} // namespace sb
