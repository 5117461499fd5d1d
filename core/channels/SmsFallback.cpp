#include "SmsFallback.h"

#include "domain/ServiceConfigSchema.h"
#include "storage/ExternalServiceRepository.h"
#include "storage/LeadDirectory.h"
#include "storage/MessagingMapper.h"
#include "storage/MessagingRepository.h"
#include "storage/OutboxRepository.h"
#include "storage/SqlWorker.h"

#include <QLoggingCategory>
#include <QSqlQuery>
#include <QSqlRecord>

namespace sb {

Q_LOGGING_CATEGORY(lcSmsFallback, "switchboard.channels.fallback")

namespace {

const QString fallbackEvent = QStringLiteral("fallback_email");

std::optional<Message> messageById(SqlContext &context, qint64 id)
{
    auto &query = context.run(
        QStringLiteral("SELECT ") + MessageMapper::columns() + QStringLiteral(" FROM messages WHERE id = ?"),
        {id});
    std::optional<Message> message;
    if (query.next())
        message = MessageMapper::fromRecord(query.record());
    query.finish();
    return message;
}

// The SMS's own event: what was decided, with the email message when one was queued.
void recordDecision(SqlContext &context, const Message &sms, const SmsFallbackResult &result)
{
    MessageStatusUpdate update;
    update.provider = sms.provider;
    update.providerMessageId = sms.providerMessageId;
    update.recipient = sms.to;
    update.event = fallbackEvent;
    update.detail = QJsonObject {{QStringLiteral("outcome"), smsFallbackOutcomeName(result.outcome)}};
    if (result.emailMessageId)
        update.detail.insert(QStringLiteral("emailMessageId"), result.emailMessageId);
    if (!result.detail.isEmpty())
        update.detail.insert(QStringLiteral("detail"), result.detail);
    MessagingRepository::updateMessageStatus(context, update);
}

bool decidedBefore(SqlContext &context, qint64 messageId)
{
    auto &query = context.run(
        QStringLiteral("SELECT 1 FROM message_events WHERE message_id = ? AND event = ? LIMIT 1"),
        {messageId, fallbackEvent});
    const bool found = query.next();
    query.finish();
    return found;
}

} // namespace

QString smsFallbackOutcomeName(SmsFallbackOutcome outcome)
{
    switch (outcome) {
    case SmsFallbackOutcome::Queued:
        return QStringLiteral("queued");
    case SmsFallbackOutcome::NotApplicable:
        return QStringLiteral("not_applicable");
    case SmsFallbackOutcome::NoFallback:
        return QStringLiteral("no_fallback");
    case SmsFallbackOutcome::NoEmail:
        return QStringLiteral("no_email");
    case SmsFallbackOutcome::DoNotContact:
        return QStringLiteral("do_not_contact");
    case SmsFallbackOutcome::AlreadyQueued:
        return QStringLiteral("already_queued");
    case SmsFallbackOutcome::Refused:
        return QStringLiteral("refused");
    }
    return {};
}

bool SmsFallback::concerns(const QJsonObject &payload)
{
    const auto message = payload.value(QStringLiteral("message")).toObject();
    const auto status = messageStatusFromName(payload.value(QStringLiteral("status")).toString());
    return payload.value(QStringLiteral("statusChanged")).toBool() && status && isFailedMessageStatus(*status)
        && message.value(QStringLiteral("channel")).toString() == channelName(Channel::Sms)
        && message.value(QStringLiteral("direction")).toString() == directionName(Direction::Outbound);
}

SmsFallbackResult SmsFallback::onMessageUpdated(
    SqlContext &context, const QJsonObject &payload, const SendSettings &settings)
{
    if (!concerns(payload))
        return {};
    return forMessage(context, payload.value(QStringLiteral("messageId")).toInteger(), settings);
}

SmsFallbackResult SmsFallback::forMessage(SqlContext &context, qint64 messageId, const SendSettings &settings)
{
    SmsFallbackResult result;
    const auto sms = messageById(context, messageId);
    if (!sms || sms->channel != Channel::Sms || sms->direction != Direction::Outbound
        || !isFailedMessageStatus(sms->status))
        return result;
    const auto outbox = OutboxRepository::byMessage(context, messageId);
    if (!outbox || outbox->serviceId <= 0)
        return result; // sent outside the outbox, or through a service from the environment
    const auto service = ExternalServiceRepository::get(context, outbox->serviceId);
    const auto fallbackId = service ? fallbackEmailServiceId(service->config) : std::nullopt;
    const QString key = keyPrefix() + QString::number(messageId);
    if (!fallbackId) {
        result.outcome = SmsFallbackOutcome::NoFallback;
    } else if (const auto earlier = OutboxRepository::byIdempotencyKey(context, key)) {
        result.outcome = SmsFallbackOutcome::AlreadyQueued;
        result.emailMessageId = earlier->messageId;
        return result; // decided and recorded when it was queued
    } else if (const auto lead = LeadDirectory::lead(context, sms->leadId); !lead || lead->email.isEmpty()) {
        result.outcome = SmsFallbackOutcome::NoEmail;
    } else if (lead->doNotContact) {
        result.outcome = SmsFallbackOutcome::DoNotContact;
    } else {
        SendRequest send;
        send.channel = Channel::Email;
        send.to = lead->email;
        send.subject = service->config.value(QStringLiteral("fallback_email_subject")).toString().trimmed();
        if (send.subject.isEmpty())
            send.subject = QStringLiteral("Our text message to you");
        send.body = sms->body;
        send.leadId = lead->id;
        send.serviceId = *fallbackId;
        send.idempotencyKey = key;
        const auto queued = queueSend(context, send, settings);
        if (const auto *error = std::get_if<ApiError>(&queued)) {
            result.outcome = SmsFallbackOutcome::Refused;
            result.detail = error->message;
        } else {
            result.outcome = SmsFallbackOutcome::Queued;
            result.emailMessageId = std::get<SendQueued>(queued).messageId;
        }
    }
    qCInfo(lcSmsFallback, "SMS message %lld %s: email fallback %s%s%s", messageId,
        qPrintable(messageStatusName(sms->status)), qPrintable(smsFallbackOutcomeName(result.outcome)),
        result.detail.isEmpty() ? "" : " — ", qPrintable(result.detail));
    recordDecision(context, *sms, result);
    return result;
}

int SmsFallback::sweep(SqlContext &context, qint64 sinceMs, const SendSettings &settings)
{
    auto &query
        = context.run(QStringLiteral("SELECT m.id FROM messages m JOIN outbox o ON o.message_id = m.id "
                                     "WHERE m.channel = ? AND m.direction = ? AND m.status IN (?, ?) "
                                     "AND m.updated_at >= ? AND o.service_id > 0 ORDER BY m.id"),
            {channelName(Channel::Sms), directionName(Direction::Outbound),
                messageStatusName(MessageStatus::Failed), messageStatusName(MessageStatus::Undelivered),
                sinceMs});
    QList<qint64> ids;
    while (query.next())
        ids.append(query.value(0).toLongLong());
    query.finish();
    int queued = 0;
    for (const auto id : ids) {
        if (decidedBefore(context, id))
            continue;
        if (forMessage(context, id, settings).outcome == SmsFallbackOutcome::Queued)
            ++queued;
    }
    return queued;
}

} // namespace sb
