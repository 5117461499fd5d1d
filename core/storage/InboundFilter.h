#pragma once

#include "domain/InboundRecord.h"

#include <QString>
#include <QVariantList>

namespace sb {

// The inbound log's filters, as the admin API (GET /api/webhooks/events) and the console's
// inspector give them. clauses() is the one place they become SQL; matches() is the same test for
// a request that arrives live.
struct InboundFilter
{
    // The name of an InboundStatus (processed | duplicate | rejected); empty = any. A name that is
    // no status matches nothing.
    QString status;
    // Text in path, provider, event, status, client address or HTTP status, or a record id.
    QString search;
    QString provider; // empty = any
    QString eventType; // empty = any
    qint64 fromMs = 0; // received_at >= fromMs; 0 = open
    qint64 toMs = 0; // received_at < toMs; 0 = open

    bool isEmpty() const;
    // " AND ..." clauses over the `inbound_requests` columns (empty when nothing is filtered) and
    // their values, in order.
    QString clauses(QVariantList *values) const;
    bool matches(const InboundSummary &summary) const;
    bool operator==(const InboundFilter &) const = default;
};

} // namespace sb
