#pragma once

#include "domain/Outbox.h"

#include <QList>
#include <QString>
#include <optional>
#include <variant>

namespace sb {

class SqlContext;

// Reads and the one command of the send log (Deliveries view, event history API): the outbox rows
// and attempts read through OutboxMapper, and Retry of a failed send.
class SendLog
{
public:
    static std::optional<OutboxEntry> entry(SqlContext &context, qint64 outboxId);
    static QList<OutboxAttempt> attempts(SqlContext &context, qint64 outboxId);
    // Re-queues a failed send: a new pending outbox row for the same message and request (a new
    // idempotency key derived from the first), its message back to queued. Refused (the message says
    // why) unless the entry is failed and no other entry of its message is pending, sending, sent or
    // unknown — an unknown send may have reached the provider and is never sent again from here.
    // Raises message.updated with `requeuedOutboxId` (the runtime wakes the outbox on it).
    static std::variant<OutboxEntry, QString> retry(SqlContext &context, qint64 outboxId);
};

} // namespace sb
