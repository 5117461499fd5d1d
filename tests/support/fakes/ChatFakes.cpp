#include "ChatFakes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>
#include <QUuid>
#include <cmath>

namespace sb::test {

namespace {

std::optional<QJsonObject> jsonObject(const QByteArray &body)
{
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

bool isUuid(const QString &text)
{
    return text.size() == 36 && !QUuid(text).isNull();
}

QJsonObject oneSignalErrors(const QString &message)
{
    return QJsonObject {{QStringLiteral("errors"), QJsonArray {message}}};
}

} // namespace

FakeOneSignal::FakeOneSignal(QString appId, QString apiKey)
    : MailChatFake(QStringLiteral("OneSignal"))
    , m_appId(std::move(appId))
    , m_apiKey(std::move(apiKey))
{ }

MailChatFake::Answer FakeOneSignal::handle(const Request &request, QStringList &problems)
{
    auto refuse = [&](const QString &message) {
        problems << message;
        return json(400, oneSignalErrors(message));
    };
    if (request.method != "POST" || path(request) != "/notifications") {
        problems << QStringLiteral("expected POST /notifications, got %1 %2")
                        .arg(QString::fromUtf8(request.method), QString::fromUtf8(request.target));
        return json(404, oneSignalErrors(QStringLiteral("Not Found")));
    }
    const auto channel = QUrlQuery(QString::fromUtf8(query(request))).queryItemValue(QStringLiteral("c"));
    if (!channel.isEmpty() && channel != QLatin1String("push"))
        return refuse(QStringLiteral("c=%1 is not the push channel").arg(channel));
    if (request.header("Authorization") != "Key " + m_apiKey.toUtf8()) {
        problems << QStringLiteral("Authorization is not Key <api_key>");
        return json(403,
            oneSignalErrors(QStringLiteral("Access denied.  Please include an 'Authorization: Key "
                                           "YOUR_REST_API_KEY' header with a valid API key.")));
    }
    if (!isJson(request))
        return refuse(QStringLiteral("Content-Type is not application/json"));
    const auto body = jsonObject(request.body);
    if (!body)
        return refuse(QStringLiteral("the body is not a JSON object"));
    const auto appId = body->value(QLatin1String("app_id")).toString();
    if (!isUuid(appId) || appId != m_appId)
        return refuse(
            QStringLiteral("app_id not found. You may be missing a Content-Type: application/json header."));
    if (body->contains(QLatin1String("target_channel"))
        && body->value(QLatin1String("target_channel")).toString() != QLatin1String("push"))
        return refuse(QStringLiteral("target_channel must be push on the push endpoint"));
    const auto ids = body->value(QLatin1String("include_subscription_ids")).toArray();
    if (ids.isEmpty())
        return refuse(
            QStringLiteral("You must include which players, segments, or tags you wish to send this "
                           "notification to."));
    if (ids.size() > 20000)
        return refuse(QStringLiteral("include_subscription_ids is limited to 20000 entries"));
    QStringList invalid;
    QStringList subscribed;
    for (const auto &value : ids) {
        if (!value.isString() || !isUuid(value.toString()))
            return refuse(QStringLiteral("include_subscription_ids must hold subscription id UUIDs"));
        (m_unsubscribed.contains(value.toString()) ? invalid : subscribed) << value.toString();
    }
    const auto contents = body->value(QLatin1String("contents")).toObject();
    if (contents.value(QLatin1String("en")).toString().isEmpty())
        return refuse(QStringLiteral("Message Notifications must have English language content"));
    if (body->contains(QLatin1String("headings"))
        && body->value(QLatin1String("headings")).toObject().value(QLatin1String("en")).toString().isEmpty())
        return refuse(QStringLiteral("Headings must have English language content"));
    if (body->contains(QLatin1String("data")) && !body->value(QLatin1String("data")).isObject())
        return refuse(QStringLiteral("data must be a JSON object"));
    const auto key = body->value(QLatin1String("idempotency_key")).toString();
    if (body->contains(QLatin1String("idempotency_key")) && !isUuid(key))
        return refuse(QStringLiteral("idempotency_key must be a valid UUID"));

    if (!key.isEmpty() && m_replies.contains(key)) {
        Answer replay = json(200, QJsonObject());
        replay.body = m_replies.value(key);
        return replay;
    }
    QJsonObject answer;
    if (subscribed.isEmpty()) {
        answer = QJsonObject {{QStringLiteral("id"), QString()},
            {QStringLiteral("errors"),
                QJsonArray {QStringLiteral("All included players are not subscribed")}}};
    } else {
        ++m_created;
        answer.insert(QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces));
        answer.insert(QStringLiteral("external_id"), QJsonValue::Null);
        if (!invalid.isEmpty())
            answer.insert(QStringLiteral("errors"),
                QJsonObject {{QStringLiteral("invalid_player_ids"), QJsonArray::fromStringList(invalid)}});
    }
    const auto reply = json(200, answer);
    if (!key.isEmpty())
        m_replies.insert(key, reply.body);
    return reply;
}

FakeSlack::FakeSlack()
    : MailChatFake(QStringLiteral("Slack"))
{ }

MailChatFake::Answer FakeSlack::handle(const Request &request, QStringList &problems)
{
    if (request.method != "POST" || request.target != m_path) {
        problems << QStringLiteral("expected POST to the webhook URL, got %1 %2")
                        .arg(QString::fromUtf8(request.method), QString::fromUtf8(request.target));
        return text(404, "no_service", "text/html");
    }
    if (!isJson(request)) {
        problems << QStringLiteral("Content-Type is not application/json");
        return text(400, "invalid_payload", "text/html");
    }
    const auto body = jsonObject(request.body);
    if (!body) {
        problems << QStringLiteral("the body is not a JSON object");
        return text(400, "invalid_payload", "text/html");
    }
    const auto textValue = body->value(QLatin1String("text"));
    if (!textValue.isUndefined() && !textValue.isString()) {
        problems << QStringLiteral("text is not a string");
        return text(400, "invalid_payload", "text/html");
    }
    if (textValue.toString().isEmpty() && body->value(QLatin1String("blocks")).toArray().isEmpty()) {
        problems << QStringLiteral("neither text nor blocks");
        return text(400, "no_text", "text/html");
    }
    if (m_archived)
        return text(410, "channel_is_archived", "text/html");
    return text(200, "ok", "text/html");
}

FakeTeams::FakeTeams()
    : MailChatFake(QStringLiteral("Teams"))
{ }

MailChatFake::Answer FakeTeams::handle(const Request &request, QStringList &problems)
{
    auto error = [](int status, const QString &code, const QString &message) {
        return json(status,
            QJsonObject {{QStringLiteral("error"),
                QJsonObject {{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}});
    };
    auto mismatch = [&](const QString &problem) {
        problems << problem;
        return error(400, QStringLiteral("TriggerInputSchemaMismatch"),
            QStringLiteral("The input body for trigger 'manual' of type 'Request' did not match its schema "
                           "definition. Error details: '%1'.")
                .arg(problem));
    };
    const auto expectedPath = m_target.left(m_target.indexOf('?'));
    if (request.method != "POST" || path(request) != expectedPath) {
        problems << QStringLiteral("expected POST to the workflow URL, got %1 %2")
                        .arg(QString::fromUtf8(request.method), QString::fromUtf8(request.target));
        return error(
            404, QStringLiteral("WorkflowNotFound"), QStringLiteral("The workflow could not be found."));
    }
    if (request.target != m_target) {
        problems << QStringLiteral("the query (api-version, sp, sv, sig) was not sent as given");
        return error(401, QStringLiteral("DirectApiInvalidAuthorizationSignature"),
            QStringLiteral("The provided callback URL signature is not valid."));
    }
    if (!isJson(request))
        return mismatch(QStringLiteral("Content-Type is not application/json"));
    const auto body = jsonObject(request.body);
    if (!body)
        return mismatch(QStringLiteral("the body is not a JSON object"));
    if (body->value(QLatin1String("type")).toString() != QLatin1String("message"))
        return mismatch(QStringLiteral("type is not \"message\""));
    const auto attachments = body->value(QLatin1String("attachments")).toArray();
    if (attachments.isEmpty())
        return mismatch(QStringLiteral("attachments is empty"));
    for (const auto &item : attachments) {
        const auto attachment = item.toObject();
        if (attachment.value(QLatin1String("contentType")).toString()
            != QLatin1String("application/vnd.microsoft.card.adaptive"))
            return mismatch(QStringLiteral("an attachment is not an Adaptive Card"));
        const auto card = attachment.value(QLatin1String("content")).toObject();
        if (card.value(QLatin1String("type")).toString() != QLatin1String("AdaptiveCard"))
            return mismatch(QStringLiteral("content.type is not AdaptiveCard"));
        if (card.value(QLatin1String("version")).toString().isEmpty())
            return mismatch(QStringLiteral("the card has no version"));
        const auto elements = card.value(QLatin1String("body")).toArray();
        if (elements.isEmpty())
            return mismatch(QStringLiteral("the card body is empty"));
        for (const auto &element : elements) {
            const auto object = element.toObject();
            if (object.value(QLatin1String("type")).toString().isEmpty())
                return mismatch(QStringLiteral("a card element has no type"));
            if (object.value(QLatin1String("type")).toString() == QLatin1String("TextBlock")
                && object.value(QLatin1String("text")).toString().isEmpty())
                return mismatch(QStringLiteral("a TextBlock has no text"));
        }
    }
    Answer accepted;
    accepted.status = 202;
    accepted.body.clear();
    return accepted;
}

FakeDiscord::FakeDiscord()
    : MailChatFake(QStringLiteral("Discord"))
{ }

void FakeDiscord::rateLimitNext(double retryAfterSeconds)
{
    answerNext(json(429,
        QJsonObject {{QStringLiteral("message"), QStringLiteral("You are being rate limited.")},
            {QStringLiteral("retry_after"), retryAfterSeconds}, {QStringLiteral("global"), false}},
        {{"Retry-After", QByteArray::number(static_cast<int>(std::ceil(retryAfterSeconds)))},
            {"X-RateLimit-Scope", "shared"}}));
}

MailChatFake::Answer FakeDiscord::handle(const Request &request, QStringList &problems)
{
    auto discordError = [&](int status, int code, const QString &message) {
        problems << message;
        return json(
            status, QJsonObject {{QStringLiteral("message"), message}, {QStringLiteral("code"), code}});
    };
    const auto parts = QString::fromUtf8(path(request)).split(QLatin1Char('/'));
    if (request.method != "POST" || parts.size() != 5 || parts.at(1) != QLatin1String("api")
        || parts.at(2) != QLatin1String("webhooks"))
        return discordError(405, 0, QStringLiteral("405: Method Not Allowed"));
    if (parts.at(3) != m_webhookId)
        return discordError(404, 10015, QStringLiteral("Unknown Webhook"));
    if (parts.at(4) != m_token)
        return discordError(401, 50027, QStringLiteral("Invalid Webhook Token"));
    if (!isJson(request))
        return discordError(400, 50109, QStringLiteral("The request body contains invalid JSON."));
    const auto body = jsonObject(request.body);
    if (!body)
        return discordError(400, 50109, QStringLiteral("The request body contains invalid JSON."));
    const auto content = body->value(QLatin1String("content")).toString();
    if (content.isEmpty() && body->value(QLatin1String("embeds")).toArray().isEmpty())
        return discordError(400, 50006, QStringLiteral("Cannot send an empty message"));
    if (content.toUcs4().size() > 2000) {
        problems << QStringLiteral("content is longer than 2000 characters");
        const QJsonObject detail {{QStringLiteral("code"), QStringLiteral("BASE_TYPE_MAX_LENGTH")},
            {QStringLiteral("message"), QStringLiteral("Must be 2000 or fewer in length.")}};
        return json(400,
            QJsonObject {{QStringLiteral("code"), 50035},
                {QStringLiteral("message"), QStringLiteral("Invalid Form Body")},
                {QStringLiteral("errors"),
                    QJsonObject {{QStringLiteral("content"),
                        QJsonObject {{QStringLiteral("_errors"), QJsonArray {detail}}}}}}});
    }
    if (body->contains(QLatin1String("allowed_mentions"))) {
        for (const auto &kind : body->value(QLatin1String("allowed_mentions"))
                                    .toObject()
                                    .value(QLatin1String("parse"))
                                    .toArray()) {
            const auto name = kind.toString();
            if (name != QLatin1String("roles") && name != QLatin1String("users")
                && name != QLatin1String("everyone"))
                return discordError(400, 50035, QStringLiteral("Invalid Form Body"));
        }
    }
    const bool wait = QUrlQuery(QString::fromUtf8(query(request))).queryItemValue(QStringLiteral("wait"))
        == QLatin1String("true");
    if (!wait) {
        problems << QStringLiteral("wait=true is missing: Discord answers 204 without the message id");
        Answer noContent;
        noContent.status = 204;
        noContent.body.clear();
        return noContent;
    }
    const auto id = QString::number(1100000000000000000LL + m_ids.size() + 1);
    m_ids << id;
    return json(200,
        QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("type"), 0},
            {QStringLiteral("content"), content},
            {QStringLiteral("channel_id"), QStringLiteral("199737254929760256")},
            {QStringLiteral("webhook_id"), m_webhookId}});
}

} // namespace sb::test
