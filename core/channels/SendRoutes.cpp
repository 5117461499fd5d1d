#include "SendRoutes.h"

#include "OutboxDispatcher.h"
#include "ServiceResolver.h"
#include "domain/EmailAddress.h"
#include "domain/PhoneNumber.h"
#include "http/JsonBody.h"
#include "server/RouteTable.h"
#include "storage/ExternalServiceRepository.h"
#include "storage/LeadDirectory.h"
#include "storage/MessagingRepository.h"
#include "storage/OutboxRepository.h"
#include "storage/SqlWorker.h"

#include <QPointer>
#include <QUuid>

namespace sb {

namespace {

const auto twilioStatusPath = QStringLiteral("/api/webhooks/twilio/sms/status");

std::optional<qint64> positiveId(const QJsonValue &value)
{
    if (value.isDouble() && value.toDouble() >= 1 && value.toDouble() == double(qint64(value.toDouble())))
        return qint64(value.toDouble());
    if (value.isString()) {
        bool ok = false;
        const auto id = value.toString().toLongLong(&ok);
        if (ok && id > 0)
            return id;
    }
    return std::nullopt;
}

// What a send asks for, read and checked.
struct SendRequest
{
    Channel channel = Channel::Sms;
    QString to;
    QString from;
    QString subject;
    QString body;
    std::optional<qint64> leadId;
    std::optional<qint64> serviceId;
    std::optional<qint64> conversationId;
    QString idempotencyKey; // "api:<key>" when the caller gave one
};

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

QString idempotencyKeyOf(const ApiRequest &request, const QJsonObject &body)
{
    auto key = QString::fromUtf8(request.header("Idempotency-Key")).trimmed();
    if (key.isEmpty())
        key = body.value(QStringLiteral("client_message_id")).toString().trimmed();
    return key.isEmpty() ? QString() : QStringLiteral("api:") + key;
}

// Queues one message: lead found or created, do-not-contact refused, service resolved, message row
// and outbox row written in this job (one commit).
ApiResult queue(SqlContext &context, SendRequest send, const SendDependencies &dependencies)
{
    if (!send.idempotencyKey.isEmpty()) {
        if (const auto first = OutboxRepository::byIdempotencyKey(context, send.idempotencyKey))
            return ApiResponse::json(202, answerFor(context, first->messageId, first->id, true));
    }
    // The recipient.
    if (send.channel == Channel::Sms) {
        const auto e164 = send.to.startsWith(QLatin1Char('+'))
            ? PhoneNumber::toE164(send.to, dependencies.phoneRegion)
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
    if (lead && lead->doNotContact)
        return ApiError {ErrorKind::Conflict,
            QStringLiteral("Lead %1 is marked do-not-contact%2; nothing was sent")
                .arg(QString::number(leadId),
                    lead->doNotContactReason.isEmpty()
                        ? QString()
                        : QStringLiteral(" (") + lead->doNotContactReason + QLatin1Char(')'))};
    // The service.
    auto resolved = ServiceResolver::resolve(context, send.channel, send.serviceId, dependencies.environment);
    if (std::holds_alternative<ApiError>(resolved))
        return std::get<ApiError>(resolved);
    const auto &service = std::get<ExternalService>(resolved);
    QString from = send.from;
    if (from.isEmpty())
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
    const auto publicUrl = dependencies.publicUrl ? dependencies.publicUrl() : QString();
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
    return ApiResponse::json(202, answerFor(context, entry.messageId, entry.id, false));
}

std::variant<QJsonObject, ApiError> jsonBody(const ApiRequest &request)
{
    return JsonBody::object(request.body);
}

QString text(const QJsonObject &body, const QString &name, QStringList &problems, bool required)
{
    const auto value = body.value(name);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            problems.append(name + QStringLiteral(" is required"));
        return {};
    }
    if (!value.isString()) {
        problems.append(name + QStringLiteral(" must be a string"));
        return {};
    }
    if (required && value.toString().trimmed().isEmpty())
        problems.append(name + QStringLiteral(" must not be empty"));
    return value.toString();
}

std::optional<qint64> optionalId(const QJsonObject &body, const QString &name, QStringList &problems)
{
    const auto value = body.value(name);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    auto id = positiveId(value);
    if (!id)
        problems.append(name + QStringLiteral(" must be a positive integer"));
    return id;
}

ApiResult sendSms(SqlContext &context, const ApiRequest &request, const SendDependencies &dependencies)
{
    auto parsed = jsonBody(request);
    if (std::holds_alternative<ApiError>(parsed))
        return std::get<ApiError>(parsed);
    const auto &body = std::get<QJsonObject>(parsed);
    QStringList problems;
    SendRequest send;
    send.channel = Channel::Sms;
    send.to = text(body, QStringLiteral("to"), problems, true).trimmed();
    send.body = text(body, QStringLiteral("body"), problems, true);
    send.from = text(body, QStringLiteral("from"), problems, false).trimmed();
    send.leadId = optionalId(body, QStringLiteral("leadId"), problems);
    send.serviceId = optionalId(body, QStringLiteral("serviceId"), problems);
    if (!problems.isEmpty())
        return ApiError {ErrorKind::BadRequest, problems.join(QStringLiteral("; "))};
    send.idempotencyKey = idempotencyKeyOf(request, body);
    return queue(context, send, dependencies);
}

// The lead's address on a channel: phone for SMS, email for email.
QString addressOf(const Lead &lead, Channel channel);

ApiResult conversationSend(SqlContext &context, const ApiRequest &request,
    const SendDependencies &dependencies, bool newConversation)
{
    auto parsed = jsonBody(request);
    if (std::holds_alternative<ApiError>(parsed))
        return std::get<ApiError>(parsed);
    const auto &body = std::get<QJsonObject>(parsed);
    QStringList problems;
    SendRequest send;
    send.body = text(body, QStringLiteral("content"), problems, true);
    send.subject = text(body, QStringLiteral("subject"), problems, false);
    send.serviceId = optionalId(body, QStringLiteral("serviceId"), problems);
    const auto channelText = text(body, QStringLiteral("channel"), problems, newConversation);
    std::optional<Channel> channel;
    if (!channelText.isEmpty()) {
        channel = channelFromName(channelText);
        if (!channel || (*channel != Channel::Sms && *channel != Channel::Email))
            problems.append(QStringLiteral("channel must be sms or email"));
    }
    std::optional<qint64> leadId;
    if (newConversation) {
        leadId = optionalId(body, QStringLiteral("leadId"), problems);
        if (!leadId && !body.contains(QStringLiteral("leadId")))
            problems.append(QStringLiteral("leadId is required"));
    } else {
        const auto id = positiveId(QJsonValue(request.pathArgs.value(0)));
        if (!id)
            return ApiError {ErrorKind::NotFound, QStringLiteral("Conversation not found")};
        auto &query
            = context.run(QStringLiteral("SELECT lead_id, channel FROM conversations WHERE id = ?"), {*id});
        if (!query.next()) {
            query.finish();
            return ApiError {ErrorKind::NotFound, QStringLiteral("Conversation %1 not found").arg(*id)};
        }
        leadId = query.value(0).toLongLong();
        const auto threadChannel = channelFromName(query.value(1).toString());
        query.finish();
        if (!channel)
            channel = threadChannel;
    }
    if (!problems.isEmpty())
        return ApiError {ErrorKind::BadRequest, problems.join(QStringLiteral("; "))};
    if (!channel || (*channel != Channel::Sms && *channel != Channel::Email))
        return ApiError {
            ErrorKind::BadRequest, QStringLiteral("this conversation's channel cannot be sent to")};
    const auto lead = LeadDirectory::lead(context, *leadId);
    if (!lead)
        return ApiError {ErrorKind::NotFound, QStringLiteral("Lead %1 not found").arg(*leadId)};
    send.channel = *channel;
    send.leadId = lead->id;
    send.to = addressOf(*lead, *channel);
    if (send.to.isEmpty())
        return ApiError {ErrorKind::BadRequest,
            QStringLiteral("Lead %1 has no %2")
                .arg(QString::number(lead->id),
                    *channel == Channel::Email ? QStringLiteral("email address")
                                               : QStringLiteral("phone number"))};
    send.idempotencyKey = idempotencyKeyOf(request, body);
    return queue(context, send, dependencies);
}

QString addressOf(const Lead &lead, Channel channel)
{
    if (channel == Channel::Email)
        return lead.email;
    return lead.phoneE164.isEmpty() ? lead.phone : lead.phoneE164;
}

} // namespace

void registerSendRoutes(Router &router, const SendDependencies &dependencies)
{
    const auto deps = std::make_shared<SendDependencies>(dependencies);
    routes::addCommand(router, "POST", QStringLiteral("/api/twilio/send-sms"), ApiFamily::Communications,
        QStringLiteral("twilio.send-sms"),
        [deps](SqlContext &c, const ApiRequest &r) { return sendSms(c, r, *deps); });
    routes::addCommand(router, "POST", QStringLiteral("/api/conversations"), ApiFamily::Communications,
        QStringLiteral("conversations.create"),
        [deps](SqlContext &c, const ApiRequest &r) { return conversationSend(c, r, *deps, true); });
    routes::addCommand(router, "POST", QStringLiteral("/api/conversations/{id}/messages"),
        ApiFamily::Communications, QStringLiteral("conversations.send"),
        [deps](SqlContext &c, const ApiRequest &r) { return conversationSend(c, r, *deps, false); });
    routes::addAsync(router, "POST", QStringLiteral("/api/communications/external-services/{id}/test"),
        ApiFamily::Communications, QStringLiteral("external-services.test"),
        [deps](const ApiRequest &request, QObject *context, std::function<void(const ApiResult &)> done) {
            const auto id = positiveId(QJsonValue(request.pathArgs.value(0)));
            auto parsed = JsonBody::object(request.body);
            if (std::holds_alternative<ApiError>(parsed)) {
                done(std::get<ApiError>(parsed));
                return;
            }
            const auto body = std::get<QJsonObject>(parsed);
            QStringList problems;
            channels::OutgoingMessage message;
            message.to = text(body, QStringLiteral("recipient"), problems, false).trimmed();
            message.subject = text(body, QStringLiteral("subject"), problems, false);
            message.body = text(body, QStringLiteral("content"), problems, true);
            message.idempotencyKey
                = QStringLiteral("test:") + QUuid::createUuid().toString(QUuid::WithoutBraces);
            if (!problems.isEmpty()) {
                done(ApiError {ErrorKind::BadRequest, problems.join(QStringLiteral("; "))});
                return;
            }
            if (!id) {
                done(ApiError {ErrorKind::NotFound, QStringLiteral("External service not found")});
                return;
            }
            QPointer<QObject> guard(context);
            SqlJob job;
            auto service = std::make_shared<std::optional<ExternalService>>();
            job.run = [service, id = *id](SqlContext &c) -> ApiResult {
                *service = ExternalServiceRepository::get(c, id);
                return ApiResponse {};
            };
            job.replyContext = context;
            job.done = [deps, service, message, guard, done](const ApiResult &) {
                if (!*service) {
                    done(ApiError {ErrorKind::NotFound, QStringLiteral("External service not found")});
                    return;
                }
                auto chosen = **service;
                ServiceResolver::applyBaseUrl(chosen, deps->environment);
                if (chosen.type == ServiceType::Sms && !message.to.startsWith(QLatin1Char('+'))) {
                    done(ApiError {ErrorKind::BadRequest,
                        QStringLiteral("recipient must be an E.164 phone number such as +14155550100")});
                    return;
                }
                if (chosen.type == ServiceType::Email && !EmailAddress::isValid(message.to)) {
                    done(ApiError {
                        ErrorKind::BadRequest, QStringLiteral("recipient is not a valid email address")});
                    return;
                }
                deps->outbox.sendNow(chosen, message, guard.data(), [done](const OutboxTestResult &result) {
                    const auto &answer = result.answer;
                    const bool ok = answer.outcome == channels::SendOutcome::Accepted;
                    QJsonObject json {{QStringLiteral("success"), ok},
                        {QStringLiteral("status_code"),
                            result.httpStatus == 0 ? QJsonValue() : QJsonValue(result.httpStatus)},
                        {QStringLiteral("response_time"), result.latencyMs}};
                    if (ok) {
                        json.insert(
                            QStringLiteral("message"), QStringLiteral("Test message sent successfully"));
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
            };
            deps->reader.submit(std::move(job));
        });
}

} // namespace sb
