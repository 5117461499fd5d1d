#include "SendCommands.h"

#include "OutboxDispatcher.h"
#include "ServiceResolver.h"
#include "domain/EmailAddress.h"
#include "domain/PhoneNumber.h"
#include "storage/LeadDirectory.h"
#include "storage/MessagingRepository.h"
#include "storage/OutboxRepository.h"
#include "storage/SqlWorker.h"

#include <QUuid>

namespace sb {

namespace {

const auto twilioStatusPath = QStringLiteral("/api/webhooks/twilio/sms/status");

QJsonObject answerFor(SqlContext &context, qint64 messageId, qint64 outboxId, bool repeated)
{
    const auto message = MessagingRepository::message(context, messageId);
    QJsonObject json {{QStringLiteral("success"), true}, {QStringLiteral("messageId"), messageId},
        {QStringLiteral("outboxId"), outboxId}, {QStringLiteral("repeated"), repeated}};
    if (message) {
        json.insert(QStringLiteral("status"), messageStatusName(message->status));
        json.insert(QStringLiteral("message"),
            QJsonObject {{QStringLiteral("id"), message->id},
                {QStringLiteral("conversationId"), message->conversationId},
                {QStringLiteral("leadId"), message->leadId},
                {QStringLiteral("channel"), channelName(message->channel)},
                {QStringLiteral("direction"), directionName(message->direction)},
                {QStringLiteral("provider"), message->provider}, {QStringLiteral("from"), message->from},
                {QStringLiteral("to"), message->to}, {QStringLiteral("subject"), message->subject},
                {QStringLiteral("body"), message->body},
                {QStringLiteral("status"), messageStatusName(message->status)}});
    }
    return json;
}

SendQueued queued(SqlContext &context, qint64 messageId, qint64 outboxId, bool repeated)
{
    return SendQueued {messageId, outboxId, repeated, answerFor(context, messageId, outboxId, repeated)};
}

// SMS and email go to the lead; chat posts go to the team's channel (Slack, Teams, Discord) about
// the lead. Push needs a device token no lead carries; voice is a call (OutboundCalls).
bool sendable(Channel channel)
{
    return channel == Channel::Sms || channel == Channel::Email || channel == Channel::Chat;
}

// The title of a chat post: which lead it is about.
QString chatTitle(const Lead &lead)
{
    QString title = QStringLiteral("Lead #") + QString::number(lead.id);
    const auto name = lead.name();
    if (!name.isEmpty())
        title += QStringLiteral(" · ") + name;
    const auto phone = leadAddressFor(lead, Channel::Sms);
    QStringList reach;
    if (!phone.isEmpty())
        reach.append(phone);
    if (!lead.email.isEmpty())
        reach.append(lead.email);
    if (!reach.isEmpty())
        title += QStringLiteral(" (") + reach.join(QStringLiteral(", ")) + QLatin1Char(')');
    return title;
}

// Fills the lead, channel and recipient of a send into a thread.
std::optional<ApiError> resolveConversation(SqlContext &context, SendRequest &send)
{
    const qint64 id = *send.conversationId;
    auto &query
        = context.run(QStringLiteral("SELECT lead_id, channel FROM conversations WHERE id = ?"), {id});
    if (!query.next()) {
        query.finish();
        return ApiError {ErrorKind::NotFound, QStringLiteral("Conversation %1 not found").arg(id)};
    }
    const qint64 leadId = query.value(0).toLongLong();
    const auto threadChannel = channelFromName(query.value(1).toString());
    query.finish();
    if (!send.channelGiven) {
        if (!threadChannel)
            return ApiError {
                ErrorKind::BadRequest, QStringLiteral("this conversation's channel cannot be sent to")};
        send.channel = *threadChannel;
    }
    if (!sendable(send.channel))
        return ApiError {
            ErrorKind::BadRequest, QStringLiteral("this conversation's channel cannot be sent to")};
    const auto lead = LeadDirectory::lead(context, leadId);
    if (!lead)
        return ApiError {ErrorKind::NotFound, QStringLiteral("Lead %1 not found").arg(leadId)};
    send.leadId = lead->id;
    if (send.channel == Channel::Chat) {
        send.to.clear(); // the service's channel
        return std::nullopt;
    }
    send.to = leadAddressFor(*lead, send.channel);
    if (send.to.isEmpty())
        return ApiError {ErrorKind::BadRequest,
            QStringLiteral("Lead %1 has no %2")
                .arg(QString::number(lead->id),
                    send.channel == Channel::Email ? QStringLiteral("email address")
                                                   : QStringLiteral("phone number"))};
    return std::nullopt;
}

} // namespace

QString leadAddressFor(const Lead &lead, Channel channel)
{
    if (channel == Channel::Email)
        return lead.email;
    return lead.phoneE164.isEmpty() ? lead.phone : lead.phoneE164;
}

SendResult queueSend(SqlContext &context, SendRequest send, const SendSettings &settings)
{
    if (send.conversationId) {
        if (auto error = resolveConversation(context, send))
            return *error;
    }
    if (!send.idempotencyKey.isEmpty()) {
        if (const auto first = OutboxRepository::byIdempotencyKey(context, send.idempotencyKey))
            return queued(context, first->messageId, first->id, true);
    }
    // The recipient.
    if (send.channel == Channel::Sms) {
        const auto e164 = send.to.startsWith(QLatin1Char('+'))
            ? PhoneNumber::toE164(send.to, settings.phoneRegion)
            : QString();
        if (e164.isEmpty())
            return ApiError {ErrorKind::BadRequest,
                QStringLiteral("to must be an E.164 phone number such as +14155550100, not '%1'")
                    .arg(send.to)};
        send.to = e164;
    } else if (send.channel == Channel::Email) {
        const auto problem = EmailAddress::problem(send.to);
        if (!problem.isEmpty())
            return ApiError {
                ErrorKind::BadRequest, QStringLiteral("to is not a valid email address: ") + problem};
    }
    if (send.channel == Channel::Chat && !send.leadId)
        return ApiError {
            ErrorKind::BadRequest, QStringLiteral("a chat post needs a leadId or a conversation")};
    if (!sendable(send.channel))
        return ApiError {ErrorKind::BadRequest,
            QStringLiteral("channel %1 cannot be sent here (sms, email or chat)")
                .arg(channelName(send.channel))};
    // The lead.
    qint64 leadId = 0;
    std::optional<Lead> lead;
    if (send.leadId) {
        lead = LeadDirectory::lead(context, *send.leadId);
        if (!lead)
            return ApiError {ErrorKind::NotFound, QStringLiteral("Lead %1 not found").arg(*send.leadId)};
        leadId = lead->id;
    } else {
        std::optional<LeadMatch> match = send.channel == Channel::Email
            ? LeadDirectory::findByEmail(context, send.to)
            : LeadDirectory::findByPhone(context, send.to);
        if (match && match->doNotContact)
            return ApiError {ErrorKind::Conflict,
                QStringLiteral("Lead %1 is marked do-not-contact; nothing was sent").arg(match->id)};
        if (!match)
            match = send.channel == Channel::Email
                ? LeadDirectory::forEmail(context, send.to, {}, QStringLiteral("api"), {})
                : LeadDirectory::forPhone(context, send.to, QStringLiteral("api"), {});
        leadId = match->id;
        lead = LeadDirectory::lead(context, leadId);
    }
    // A chat post goes to the team, not to the lead: do-not-contact does not stop it.
    if (send.channel == Channel::Chat) {
        send.to.clear();
        if (send.subject.isEmpty() && lead)
            send.subject = chatTitle(*lead);
    } else if (lead && lead->doNotContact)
        return ApiError {ErrorKind::Conflict,
            QStringLiteral("Lead %1 is marked do-not-contact%2; nothing was sent")
                .arg(QString::number(leadId),
                    lead->doNotContactReason.isEmpty()
                        ? QString()
                        : QStringLiteral(" (") + lead->doNotContactReason + QLatin1Char(')'))};
    // The service.
    auto resolved = ServiceResolver::resolve(context, send.channel, send.serviceId, settings.environment);
    if (std::holds_alternative<ApiError>(resolved))
        return std::get<ApiError>(resolved);
    const auto &service = std::get<ExternalService>(resolved);
    QString from = send.from;
    if (send.channel == Channel::Chat)
        from = service.name;
    else if (from.isEmpty())
        from = service.config
                   .value(send.channel == Channel::Email ? QStringLiteral("from_email")
                                                         : QStringLiteral("from_number"))
                   .toString();
    const QString key = send.idempotencyKey.isEmpty()
        ? QStringLiteral("outbox:") + QUuid::createUuid().toString(QUuid::WithoutBraces)
        : send.idempotencyKey;

    NewMessage message;
    message.leadId = leadId;
    message.channel = send.channel;
    message.direction = Direction::Outbound;
    message.provider = serviceProviderName(service.provider);
    message.providerMessageId = key;
    message.from = from;
    message.to = send.to;
    message.subject = send.subject;
    message.body = send.body;
    message.status = MessageStatus::Queued;
    const auto created = MessagingRepository::addMessage(context, message);

    QJsonObject outgoing {{QStringLiteral("to"), send.to}, {QStringLiteral("body"), send.body}};
    if (!send.from.isEmpty())
        outgoing.insert(QStringLiteral("from"), send.from);
    if (!send.subject.isEmpty())
        outgoing.insert(QStringLiteral("subject"), send.subject);
    const auto publicUrl = settings.publicUrl ? settings.publicUrl() : QString();
    if (service.provider == ServiceProvider::Twilio && !publicUrl.isEmpty()) {
        QString base = publicUrl;
        while (base.endsWith(QLatin1Char('/')))
            base.chop(1);
        outgoing.insert(QStringLiteral("statusCallback"), QString(base + twilioStatusPath));
    }
    OutboxEntry entry;
    entry.messageId = created.value(QStringLiteral("id")).toInteger();
    entry.serviceId = service.id;
    entry.provider = serviceProviderName(service.provider);
    entry.channel = send.channel;
    entry.request = outgoing;
    entry.idempotencyKey = key;
    OutboxRepository::enqueue(context, entry);
    return queued(context, entry.messageId, entry.id, false);
}

void sendTestMessage(OutboxDispatcher &outbox, ExternalService service,
    const channels::OutgoingMessage &message, const QProcessEnvironment &environment, QObject *context,
    std::function<void(const ApiResult &)> done)
{
    ServiceResolver::applyBaseUrl(service, environment);
    if (service.type == ServiceType::Sms && !message.to.startsWith(QLatin1Char('+'))) {
        done(ApiError {ErrorKind::BadRequest,
            QStringLiteral("recipient must be an E.164 phone number such as +14155550100")});
        return;
    }
    if (service.type == ServiceType::Email && !EmailAddress::isValid(message.to)) {
        done(ApiError {ErrorKind::BadRequest, QStringLiteral("recipient is not a valid email address")});
        return;
    }
    outbox.sendNow(service, message, context, [done](const OutboxTestResult &result) {
        const auto &answer = result.answer;
        const bool ok = answer.outcome == channels::SendOutcome::Accepted;
        QJsonObject json {{QStringLiteral("success"), ok},
            {QStringLiteral("status_code"),
                result.httpStatus == 0 ? QJsonValue() : QJsonValue(result.httpStatus)},
            {QStringLiteral("response_time"), result.latencyMs}};
        if (ok) {
            json.insert(QStringLiteral("message"), QStringLiteral("Test message sent successfully"));
            json.insert(QStringLiteral("provider_message_id"), answer.providerId);
            if (!answer.providerStatus.isEmpty())
                json.insert(QStringLiteral("provider_status"), answer.providerStatus);
        } else {
            json.insert(QStringLiteral("message"), QStringLiteral("Test message failed"));
            QString error = result.attempt.error;
            if (error.isEmpty())
                error = answer.errorMessage;
            json.insert(QStringLiteral("error"), error);
            if (!answer.errorCode.isEmpty())
                json.insert(QStringLiteral("error_code"), answer.errorCode);
        }
        done(ApiResponse::json(200, json));
    });
}

} // namespace sb
