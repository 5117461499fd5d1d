#pragma once

#include "domain/Delivery.h"
#include "storage/DeliveryFilter.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace sb {

class SqlContext;

class DeliveryRepository
{
public:
    static void insert(SqlContext &context, Delivery &delivery);
    static std::optional<Delivery> find(SqlContext &context, const QString &id);
    // Pending deliveries due at `nowMs`, oldest due first.
    static QList<Delivery> due(SqlContext &context, qint64 nowMs, int limit);
    // Only the ids of those (cheap to skip the ones already in flight).
    static QStringList dueIds(SqlContext &context, qint64 nowMs, int limit);
    // The earliest scheduled attempt (0 when none is pending).
    static qint64 nextDue(SqlContext &context);
    // Persists an attempt and the delivery's new state in one go.
    // Rewrites stored attempts whose headers still hold credentials in full (written before they
    // were redacted on insert); returns how many rows changed.
    static int redactStoredCredentials(SqlContext &context);
    static void recordAttempt(
        SqlContext &context, const DeliveryAttempt &attempt, DeliveryStatus status, qint64 nextAttemptAt);
    // Puts a delivery back in the queue for an immediate attempt (manual retry).
    static bool requeue(SqlContext &context, const QString &id);
    // Manual retry (API and console): re-queues each delivery and wakes the dispatcher after the
    // commit. Returns how many were re-queued.
    static int retry(SqlContext &context, const QStringList &ids);
    static QList<DeliveryAttempt> attempts(SqlContext &context, const QString &id);

    // The ids of the deliveries `filter` selects (API and console "retry failed").
    static QStringList ids(SqlContext &context, const DeliveryFilter &filter);
    // Deliveries `filter` selects, newest first (seq), `limit` of them after skipping `offset`.
    static QList<Delivery> list(SqlContext &context, const DeliveryFilter &filter, int limit, qint64 offset);
    // How many deliveries wait for an attempt.
    static qint64 pendingCount(SqlContext &context);
    static QJsonObject attemptJson(const DeliveryAttempt &attempt);
};

} // namespace sb
