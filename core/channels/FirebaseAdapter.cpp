#include "FirebaseAdapter.h"

#include "security/AwsSigV4.h"
#include "security/ServiceAccountJwt.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace sb::channels {

namespace {

QString tokenUriOf(const QJsonObject &config)
{
    const QString uri = config.value(QLatin1String("token_uri")).toString().trimmed();
    return uri.isEmpty() ? QString(ServiceAccountJwt::defaultTokenUri) : uri;
}

SignedJwt assertionFor(const QJsonObject &config, const QDateTime &now)
{
    const QDateTime at = now.isValid() ? now : QDateTime::currentDateTimeUtc();
    return ServiceAccountJwt::googleAssertion(
        config.value(QLatin1String("client_email")).toString().trimmed(),
        config.value(QLatin1String("private_key")).toString().toUtf8(), tokenUriOf(config),
        at.toSecsSinceEpoch());
}

// FCM data values are strings; anything else is sent as its compact JSON text.
QJsonObject dataPayload(const QJsonObject &extra)
{
    const QJsonObject source = extra.value(QLatin1String("data")).isObject()
        ? extra.value(QLatin1String("data")).toObject()
        : extra;
    QJsonObject data;
    for (auto it = source.begin(); it != source.end(); ++it) {
        const QJsonValue value = it.value();
        if (value.isString())
            data.insert(it.key(), value);
        else if (value.isObject())
            data.insert(
                it.key(), QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)));
        else if (value.isArray())
            data.insert(
                it.key(), QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)));
        else if (value.isBool())
            data.insert(it.key(), value.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
        else if (value.isDouble())
            data.insert(it.key(), QString::number(value.toDouble(), 'g', 17));
    }
    return data;
}

bool isRetryableFcmCode(const QString &code)
{
    return code == QLatin1String("UNAVAILABLE") || code == QLatin1String("INTERNAL")
        || code == QLatin1String("QUOTA_EXCEEDED") || code == QLatin1String("UNAUTHENTICATED");
}

} // namespace

QUrl FirebaseAdapter::defaultBaseUrl(const QJsonObject &config) const
{
    Q_UNUSED(config);
    return QUrl(QStringLiteral("https://fcm.googleapis.com"));
}

ProviderRequest FirebaseAdapter::request(
    const OutgoingMessage &message, const QJsonObject &config, const SendContext &context) const
{
    QJsonObject fcmMessage {{QStringLiteral("token"), message.to}};
    QJsonObject notification;
    if (!message.subject.isEmpty())
        notification.insert(QStringLiteral("title"), message.subject);
    if (!message.body.isEmpty())
        notification.insert(QStringLiteral("body"), message.body);
    if (!notification.isEmpty())
        fcmMessage.insert(QStringLiteral("notification"), notification);
    const QJsonObject data = dataPayload(message.extra);
    if (!data.isEmpty())
        fcmMessage.insert(QStringLiteral("data"), data);

    ProviderRequest request;
    request.method = "POST";
    QUrl url = baseUrlOf(config, defaultBaseUrl(config));
    const QString projectId = config.value(QLatin1String("project_id")).toString().trimmed();
    url.setPath(url.path()
            + QStringLiteral("/v1/projects/%1/messages:send")
                  .arg(QString::fromLatin1(AwsSigV4::uriEncode(projectId.toUtf8()))),
        QUrl::TolerantMode);
    request.url = url;
    request.headers = {{"Authorization", "Bearer " + context.accessToken.toUtf8()},
        {"Content-Type", "application/json; charset=utf-8"}};
    request.body
        = QJsonDocument(QJsonObject {{QStringLiteral("message"), fcmMessage}}).toJson(QJsonDocument::Compact);
    return request;
}

ProviderAnswer FirebaseAdapter::interpret(
    int httpStatus, const HeaderList &headers, const QByteArray &body) const
{
    ProviderAnswer answer = classifyStatus(httpStatus, headers);
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    if (answer.outcome == SendOutcome::Accepted) {
        answer.providerId = json.value(QLatin1String("name")).toString();
        return answer;
    }
    const QJsonObject error = json.value(QLatin1String("error")).toObject();
    answer.errorMessage = error.value(QLatin1String("message")).toString();
    answer.providerStatus = error.value(QLatin1String("status")).toString();
    answer.errorCode = answer.providerStatus;
    for (const auto detail : error.value(QLatin1String("details")).toArray()) {
        const QString fcmCode = detail.toObject().value(QLatin1String("errorCode")).toString();
        if (!fcmCode.isEmpty()) {
            answer.errorCode = fcmCode;
            break;
        }
    }
    if (isRetryableFcmCode(answer.errorCode))
        answer.outcome = SendOutcome::Retry;
    return answer;
}

std::optional<ProviderRequest> FirebaseAdapter::tokenRequest(
    const QJsonObject &config, const SendContext &context) const
{
    // An unusable key still gives a request (with an empty assertion, which the token endpoint
    // refuses); assertionError() says why before anything is sent.
    const SignedJwt assertion = assertionFor(config, context.now);
    ProviderRequest request;
    request.method = "POST";
    request.url = QUrl(tokenUriOf(config));
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    request.body = "grant_type=" + AwsSigV4::uriEncode("urn:ietf:params:oauth:grant-type:jwt-bearer")
        + "&assertion=" + AwsSigV4::uriEncode(assertion.token);
    return request;
}

std::optional<AccessToken> FirebaseAdapter::readToken(
    int httpStatus, const QByteArray &body, const QDateTime &now) const
{
    if (httpStatus < 200 || httpStatus >= 300)
        return std::nullopt;
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    const QString token = json.value(QLatin1String("access_token")).toString();
    if (token.isEmpty())
        return std::nullopt;
    const qint64 lifetime
        = json.value(QLatin1String("expires_in")).toInteger(ServiceAccountJwt::lifetimeSeconds);
    return AccessToken {token, now.addSecs(lifetime)};
}

QString FirebaseAdapter::assertionError(const QJsonObject &config)
{
    return assertionFor(config, QDateTime::currentDateTimeUtc()).error;
}

const ProviderAdapter &firebaseAdapter()
{
    static const FirebaseAdapter adapter;
    return adapter;
}

} // namespace sb::channels
