#pragma once

#include "domain/Delivery.h"

#include <QString>
#include <QVariantList>
#include <optional>

namespace sb {

// The delivery log's filters, as the admin API (GET /api/webhooks/events, retry-failed, the
// Communications logs) and the console's filter bar give them. clauses() is the one place they
// become SQL, so the API, the console's pages and "retry failed" all see the same set.
struct DeliveryFilter
{
    qint64 configId = 0; // 0 = every configuration
    std::optional<DeliveryStatus> status; // none = any
    QString eventType; // empty = any
    QString source; // empty = any
    qint64 fromMs = 0; // created_at >= fromMs; 0 = open
    qint64 toMs = 0; // created_at < toMs; 0 = open
    QString search; // a delivery/event id, or text in event type, source, error or HTTP status

    bool isEmpty() const;
    // " AND ..." clauses over the `deliveries` columns (empty when nothing is filtered) and their
    // values, in order.
    QString clauses(QVariantList *values) const;
    bool operator==(const DeliveryFilter &) const = default;
};

} // namespace sb
