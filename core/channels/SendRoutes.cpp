#include "SendRoutes.h"

#include "OutboxDispatcher.h"
#include "SendCommands.h"
#include "http/JsonBody.h"
#include "server/RouteTable.h"
#include "storage/ExternalServiceRepository.h"
#include "storage/LeadDirectory.h"
#include "storage/SqlWorker.h"

#include <QPointer>
#include <QUuid>

namespace sb {

namespace {

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

QString idempotencyKeyOf(const ApiRequest &request, const QJsonObject &body)
{
    auto key = QString::fromUtf8(request.header("Idempotency-Key")).trimmed();
    if (key.isEmpty())
        key = body.value(QStringLiteral("client_message_id")).toString().trimmed();
    return key.isEmpty() ? QString() : QStringLiteral("api:") + key;
}

ApiResult queue(SqlContext &context, const SendRequest &send, const SendDependencies &dependencies)
{
    auto result = queueSend(context, send,
        SendSettings {dependencies.publicUrl, dependencies.phoneRegion, dependencies.environment});
    if (const auto *error = std::get_if<ApiError>(&result))
        return *error;
    return ApiResponse::json(202, std::get<SendQueued>(result).answer);
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
        if (!channel || (*channel != Channel::Sms && *channel != Channel::Email && *channel != Channel::Chat))
            problems.append(
                QStringLiteral("channel must be sms, email or chat (a post to the team's channel)"));
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
        send.conversationId = *id;
    }
    if (!problems.isEmpty())
        return ApiError {ErrorKind::BadRequest, problems.join(QStringLiteral("; "))};
    if (newConversation) {
        const auto lead = LeadDirectory::lead(context, *leadId);
        if (!lead)
            return ApiError {ErrorKind::NotFound, QStringLiteral("Lead %1 not found").arg(*leadId)};
        send.channel = *channel;
        send.leadId = lead->id;
        send.to = *channel == Channel::Chat ? QString() : leadAddressFor(*lead, *channel);
        if (send.to.isEmpty() && *channel != Channel::Chat)
            return ApiError {ErrorKind::BadRequest,
                QStringLiteral("Lead %1 has no %2")
                    .arg(QString::number(lead->id),
                        *channel == Channel::Email ? QStringLiteral("email address")
                                                   : QStringLiteral("phone number"))};
    } else {
        send.channelGiven = channel.has_value();
        if (channel)
            send.channel = *channel;
    }
    send.idempotencyKey = idempotencyKeyOf(request, body);
    return queue(context, send, dependencies);
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
                sendTestMessage(deps->outbox, **service, message, deps->environment, guard.data(), done);
            };
            deps->reader.submit(std::move(job));
        });
}

} // namespace sb
