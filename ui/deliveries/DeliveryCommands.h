#pragma once

#include "DeliveryQueries.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <functional>

class QObject;

namespace sb {

class SqlWorker;

// The console's changes to deliveries, run as writer jobs so they are group-committed with
// everything else; the dispatcher is woken after the commit. `done` runs in `context`'s thread.
class DeliveryCommands
{
    Q_DECLARE_TR_FUNCTIONS(sb::DeliveryCommands)
public:
    // Re-queues one delivery for an immediate attempt; done(ok, message).
    static void retry(SqlWorker &writer, const QString &id, QObject *context,
        std::function<void(bool, const QString &)> done);
    // Re-queues a failed send (SendLog::retry: a new outbox row for the same message, refused while
    // one is pending or unknown); done(new outbox id or 0, refusal), after which the outbox is woken.
    static void retrySend(SqlWorker &writer, qint64 outboxId, QObject *context,
        std::function<void(qint64, const QString &)> done);
    // Re-queues every failed delivery matching `filter`; done(count, error).
    static void retryFailed(SqlWorker &writer, const DeliveryFilter &filter, QObject *context,
        std::function<void(int, const QString &)> done);

    // A shell command that sends the same request again (single-quoted for POSIX shells).
    static QString curlCommand(
        const QString &url, const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body);
};

} // namespace sb
