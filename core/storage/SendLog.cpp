#include "SendLog.h"

#include "OutboxMapper.h"
#include "OutboxRepository.h"
#include "SqlWorker.h"
#include "storage/RowJson.h"

#include <QJsonObject>
#include <QSqlRecord>

namespace sb {

std::optional<OutboxEntry> SendLog::entry(SqlContext &context, qint64 outboxId)
{
    auto &query = context.run(
        QStringLiteral("SELECT ") + OutboxMapper::columns() + QStringLiteral(" FROM outbox WHERE id = ?"),
        {outboxId});
    std::optional<OutboxEntry> entry;
    if (query.next())
        entry = OutboxMapper::fromRecord(query.record());
    query.finish();
    return entry;
}

QList<OutboxAttempt> SendLog::attempts(SqlContext &context, qint64 outboxId)
{
    auto &query = context.run(QStringLiteral("SELECT ") + OutboxAttemptMapper::columns()
            + QStringLiteral(" FROM outbox_attempts WHERE outbox_id = ? ORDER BY attempt, id"),
        {outboxId});
    QList<OutboxAttempt> list;
    while (query.next())
        list.append(OutboxAttemptMapper::fromRecord(query.record()));
    query.finish();
    return list;
}

std::variant<OutboxEntry, QString> SendLog::retry(SqlContext &context, qint64 outboxId)
{
    const auto failed = entry(context, outboxId);
    if (!failed)
        return QStringLiteral("send %1 not found").arg(OutboxMapper::recordId(outboxId));
    // Every entry of the message: the newest decides (an older failed row may have been retried).
    auto &query = context.run(QStringLiteral("SELECT ") + OutboxMapper::columns()
            + QStringLiteral(" FROM outbox WHERE message_id = ? ORDER BY id"),
        {failed->messageId});
    QList<OutboxEntry> entries;
    while (query.next())
        entries.append(OutboxMapper::fromRecord(query.record()));
    query.finish();
    for (const auto &other : entries) {
        switch (other.status) {
        case OutboxStatus::Pending:
        case OutboxStatus::Sending:
            return QStringLiteral("the message is already queued (%1)").arg(OutboxMapper::recordId(other.id));
        case OutboxStatus::Unknown:
            return QStringLiteral("%1 was interrupted and may have reached the provider: check the provider "
                                  "before sending it again")
                .arg(OutboxMapper::recordId(other.id));
        case OutboxStatus::Sent:
            return QStringLiteral("the provider already accepted this message (%1)")
                .arg(OutboxMapper::recordId(other.id));
        case OutboxStatus::Failed:
            break;
        }
    }
    OutboxEntry again;
    again.messageId = failed->messageId;
    again.serviceId = failed->serviceId;
    again.provider = failed->provider;
    again.channel = failed->channel;
    again.request = failed->request;
    again.idempotencyKey
        = failed->idempotencyKey + QStringLiteral(":retry") + QString::number(entries.size());
    OutboxRepository::enqueue(context, again);
    // Back to queued: statuses only move forward through MessagingRepository, a retry is the one
    // way back from failed.
    const auto now = context.nowMs();
    context.run(QStringLiteral("UPDATE messages SET status = ?, error_code = NULL, error_message = NULL, "
                               "updated_at = ? WHERE id = ?"),
        {messageStatusName(MessageStatus::Queued), now, failed->messageId});
    context.run(QStringLiteral("INSERT INTO message_events(message_id, provider, provider_message_id, event, "
                               "detail, occurred_at) VALUES(?,?,?,?,?,?)"),
        {failed->messageId, failed->provider, again.idempotencyKey, messageStatusName(MessageStatus::Queued),
            QStringLiteral("{\"retryOf\":%1,\"outboxId\":%2}").arg(failed->id).arg(again.id), now});
    const auto message
        = rowJson(context, QStringLiteral("messages"), failed->messageId, RowTimes::Milliseconds);
    context.raise(QStringLiteral("message.updated"), QString(),
        QJsonObject {{QStringLiteral("message"), message}, {QStringLiteral("messageId"), failed->messageId},
            {QStringLiteral("conversationId"), message.value(QStringLiteral("conversation_id"))},
            {QStringLiteral("leadId"), message.value(QStringLiteral("lead_id"))},
            {QStringLiteral("provider"), failed->provider},
            {QStringLiteral("event"), messageStatusName(MessageStatus::Queued)},
            {QStringLiteral("status"), messageStatusName(MessageStatus::Queued)},
            {QStringLiteral("previousStatus"), messageStatusName(MessageStatus::Failed)},
            {QStringLiteral("statusChanged"), true}, {QStringLiteral("requeuedOutboxId"), again.id}});
    return again;
}

} // namespace sb
