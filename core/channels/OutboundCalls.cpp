#include "OutboundCalls.h"

#include "storage/MessagingRepository.h"
#include "storage/SqlWorker.h"

namespace sb {

void OutboundCalls::recordOutcome(SqlContext &context, const OutboxEntry &entry, OutboxStatus status,
    const QString &conversationId, const QString &callSid, const QString &error)
{
    if (entry.channel != Channel::Voice)
        return;
    if (status != OutboxStatus::Sent && status != OutboxStatus::Failed && status != OutboxStatus::Unknown)
        return;
    QString reference = entry.idempotencyKey;
    if (status == OutboxStatus::Sent && !conversationId.isEmpty()) {
        // A post-call webhook that arrived first created its own row: keep that one.
        auto &existing
            = context.run(QStringLiteral("SELECT id FROM calls WHERE provider = ? AND call_ref = ?"),
                {entry.provider, conversationId});
        const bool known = existing.next();
        existing.finish();
        if (!known)
            context.write(QStringLiteral("UPDATE calls SET call_ref = ? WHERE provider = ? AND call_ref = ?"),
                {conversationId, entry.provider, entry.idempotencyKey});
        reference = conversationId;
    }
    CallUpdate update;
    update.provider = entry.provider;
    update.callRef = reference;
    update.direction = QStringLiteral("outbound-api");
    update.to = entry.request.value(QStringLiteral("to")).toString();
    update.status = status == OutboxStatus::Sent ? CallStatus::Initiated : CallStatus::Failed;
    QJsonObject metadata {{QStringLiteral("outboxId"), entry.id}};
    if (!conversationId.isEmpty())
        metadata.insert(QStringLiteral("conversationId"), conversationId);
    if (!callSid.isEmpty())
        metadata.insert(QStringLiteral("callSid"), callSid);
    if (!error.isEmpty())
        metadata.insert(QStringLiteral("error"), error);
    update.metadata = metadata;
    MessagingRepository::upsertCall(context, update);
}

} // namespace sb
