#pragma once

#include "domain/Outbox.h"

#include <QStringList>
#include <optional>

namespace sb {

class SqlContext;

// The durable outbox (`outbox`, `outbox_attempts`). enqueue() writes inside the caller's context, so
// the message row and its outbox row commit together in the writer's group commit. The dispatcher
// claims a due entry with markSending() (committed before its HTTP request), then records the
// attempt and the entry's new state with recordAttempt().
class OutboxRepository
{
public:
    // Inserts `entry` as pending and due now; sets its id, status and times.
    static void enqueue(SqlContext &context, OutboxEntry &entry);
    static std::optional<OutboxEntry> find(SqlContext &context, qint64 id);
    static std::optional<OutboxEntry> byIdempotencyKey(SqlContext &context, const QString &key);
    static std::optional<OutboxEntry> byMessage(SqlContext &context, qint64 messageId);
    // Pending entries due at `nowMs`, oldest due first.
    static QList<qint64> dueIds(SqlContext &context, qint64 nowMs, int limit);
    // When the next pending entry is due (ms), 0 when none is pending.
    static qint64 nextDue(SqlContext &context);
    // pending → sending; false when the entry was not pending (nothing changed).
    static bool markSending(SqlContext &context, qint64 id);
    // Entries left `sending` (an attempt interrupted by a crash or a kill).
    static QList<OutboxEntry> interrupted(SqlContext &context);
    // Sets the state without an attempt (recovery after a crash).
    static void setStatus(
        SqlContext &context, qint64 id, OutboxStatus status, qint64 nextAttemptAt, const QString &error);
    // Stores `attempt` with its credentials masked — credential headers (HeaderRedaction) and every
    // value of `secrets` (raw, percent-encoded or JSON-escaped) in the URL, headers and body — and
    // moves the entry to `status` (attempts, last status/error, next attempt, provider id).
    static void recordAttempt(SqlContext &context, const OutboxAttempt &attempt, const QStringList &secrets,
        OutboxStatus status, qint64 nextAttemptAt, const QString &providerId);
    static QList<OutboxAttempt> attempts(SqlContext &context, qint64 outboxId);

    // Moves the entry's message: stores the provider's id (so its status callbacks find the message)
    // and applies `status` forward-only through MessagingRepository (message.updated raised).
    static void updateMessage(SqlContext &context, const OutboxEntry &entry, const QString &providerId,
        std::optional<MessageStatus> status, const QString &errorCode, const QString &errorMessage,
        const QString &event);

    // The stored form of an attempt: what recordAttempt() writes.
    static OutboxAttempt masked(const OutboxAttempt &attempt, const QStringList &secrets);
};

} // namespace sb
