#pragma once

#include "domain/Outbox.h"

#include <QString>
#include <QVariantList>
#include <optional>

namespace sb {

// Which outbound log a record belongs to, as the console's Channel filter and the history API's
// `channel` parameter name it: webhook deliveries, or sends of one channel.
struct LogChannel
{
    std::optional<Channel> send; // none: webhook deliveries

    // "webhook", or the channel's name ("sms", "email", "voice", "push", "chat").
    QString name() const;
    static std::optional<LogChannel> fromName(QStringView name);
    bool operator==(const LogChannel &) const = default;
};

// The send log's filters (outbox rows): the console's Deliveries view under a send channel and the
// sends side of GET /api/webhooks/events. clauses() is the one place they become SQL.
struct OutboxFilter
{
    std::optional<Channel> channel; // none = every channel
    std::optional<OutboxStatus> status; // none = any
    QString provider; // ServiceProvider wire name; empty = any
    qint64 fromMs = 0; // created_at >= fromMs; 0 = open
    qint64 toMs = 0; // created_at < toMs; 0 = open
    QString search; // "snd_<id>", or text in the recipient or body, provider id, error or HTTP status

    bool isEmpty() const;
    // " AND ..." clauses over the `outbox` columns (empty when nothing is filtered) and their values.
    QString clauses(QVariantList *values) const;
    bool operator==(const OutboxFilter &) const = default;
};

} // namespace sb
