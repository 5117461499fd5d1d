#include "FirebaseFake.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

namespace sb::test {

namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;

QByteArray bioText(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, size);
}

QByteArray fromBase64Url(const QByteArray &text)
{
    return QByteArray::fromBase64(text, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QMap<QString, QString> parseForm(const QByteArray &body)
{
    QMap<QString, QString> fields;
    for (const auto &pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        QByteArray name = equals < 0 ? pair : pair.left(equals);
        QByteArray value = equals < 0 ? QByteArray() : pair.mid(equals + 1);
        name.replace('+', ' ');
        value.replace('+', ' ');
        fields.insert(QString::fromUtf8(QByteArray::fromPercentEncoding(name)),
            QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
    }
    return fields;
}

WebhookReceiver::Answer json(
    int status, const QJsonObject &body, QList<QPair<QByteArray, QByteArray>> extra = {})
{
    WebhookReceiver::Answer answer;
    answer.status = status;
    answer.headers = {{"Content-Type", "application/json; charset=UTF-8"}};
    answer.headers.append(extra);
    answer.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return answer;
}

WebhookReceiver::Answer oauthError(const QString &error, const QString &description)
{
    return json(400, {{QStringLiteral("error"), error}, {QStringLiteral("error_description"), description}});
}

WebhookReceiver::Answer fcmError(int code, const QString &status, const QString &message,
    const QString &fcmCode = {}, QList<QPair<QByteArray, QByteArray>> extra = {})
{
    QJsonObject error {{QStringLiteral("code"), code}, {QStringLiteral("message"), message},
        {QStringLiteral("status"), status}};
    if (!fcmCode.isEmpty()) {
        error.insert(QStringLiteral("details"),
            QJsonArray {
                QJsonObject {{QStringLiteral("@type"),
                                 QStringLiteral("type.googleapis.com/google.firebase.fcm.v1.FcmError")},
                    {QStringLiteral("errorCode"), fcmCode}}});
    }
    return json(code, {{QStringLiteral("error"), error}}, std::move(extra));
}

} // namespace

TestRsaKey TestRsaKey::generate(int bits)
{
    Key key(EVP_RSA_gen(unsigned(bits)), &EVP_PKEY_free);
    Bio privateBio(BIO_new(BIO_s_mem()), &BIO_free);
    Bio publicBio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!key
        || PEM_write_bio_PrivateKey(privateBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1
        || PEM_write_bio_PUBKEY(publicBio.get(), key.get()) != 1)
        return {};
    return {bioText(privateBio.get()), bioText(publicBio.get())};
}

bool verifyRs256Jwt(const QByteArray &jwt, const QByteArray &publicPem)
{
    const auto parts = jwt.split('.');
    if (parts.size() != 3)
        return false;
    const QByteArray input = parts[0] + '.' + parts[1];
    const QByteArray signature = fromBase64Url(parts[2]);
    Bio bio(BIO_new_mem_buf(publicPem.constData(), int(publicPem.size())), &BIO_free);
    Key key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!key || !context
        || EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1)
        return false;
    return EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
               size_t(signature.size()), reinterpret_cast<const unsigned char *>(input.constData()),
               size_t(input.size()))
        == 1;
}

FirebaseFake::FirebaseFake(QByteArray publicKeyPem, QString clientEmail, QString projectId)
    : m_publicKey(std::move(publicKeyPem))
    , m_clientEmail(std::move(clientEmail))
    , m_projectId(std::move(projectId))
{
    m_receiver.setResponder([this](const WebhookReceiver::Received &request) { return respond(request); });
}

QString FirebaseFake::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_receiver.port());
}

WebhookReceiver::Answer FirebaseFake::respond(const WebhookReceiver::Received &request)
{
    if (request.method == "POST" && request.target == "/token")
        return token(request);
    static const QRegularExpression sendPath(QStringLiteral("^/v1/projects/([^/]+)/messages:send$"));
    const auto match = sendPath.match(QString::fromUtf8(request.target));
    if (request.method == "POST" && match.hasMatch())
        return send(request, match.captured(1));
    m_violations << QStringLiteral("no such endpoint: %1 %2")
                        .arg(QString::fromUtf8(request.method), QString::fromUtf8(request.target));
    return fcmError(
        404, QStringLiteral("NOT_FOUND"), QStringLiteral("The requested URL was not found on this server."));
}

WebhookReceiver::Answer FirebaseFake::token(const WebhookReceiver::Received &request)
{
    const auto refuse = [this](const QString &error, const QString &description) {
        m_violations << QStringLiteral("token: %1: %2").arg(error, description);
        return oauthError(error, description);
    };
    if (!request.header("Content-Type").startsWith("application/x-www-form-urlencoded"))
        return refuse(QStringLiteral("invalid_request"),
            QStringLiteral("Content-Type must be application/x-www-form-urlencoded"));
    const auto fields = parseForm(request.body);
    if (fields.value(QStringLiteral("grant_type"))
        != QLatin1String("urn:ietf:params:oauth:grant-type:jwt-bearer"))
        return refuse(QStringLiteral("unsupported_grant_type"),
            QStringLiteral("Invalid grant_type: %1").arg(fields.value(QStringLiteral("grant_type"))));
    const QByteArray assertion = fields.value(QStringLiteral("assertion")).toUtf8();
    const auto parts = assertion.split('.');
    if (parts.size() != 3)
        return refuse(
            QStringLiteral("invalid_request"), QStringLiteral("Invalid JWT: not header.claims.signature"));
    const QJsonObject header = QJsonDocument::fromJson(fromBase64Url(parts[0])).object();
    if (header.value(QLatin1String("alg")).toString() != QLatin1String("RS256"))
        return refuse(QStringLiteral("invalid_grant"), QStringLiteral("Invalid JWT: alg must be RS256"));
    if (header.contains(QLatin1String("typ"))
        && header.value(QLatin1String("typ")).toString() != QLatin1String("JWT"))
        return refuse(QStringLiteral("invalid_grant"), QStringLiteral("Invalid JWT: typ must be JWT"));
    if (!verifyRs256Jwt(assertion, m_publicKey))
        return refuse(QStringLiteral("invalid_grant"), QStringLiteral("Invalid JWT Signature."));
    const QJsonObject claims = QJsonDocument::fromJson(fromBase64Url(parts[1])).object();
    if (claims.value(QLatin1String("iss")).toString() != m_clientEmail)
        return refuse(QStringLiteral("invalid_grant"),
            QStringLiteral("Invalid JWT: iss is not the service account's client_email"));
    const QStringList scopes = claims.value(QLatin1String("scope")).toString().split(QLatin1Char(' '));
    if (!scopes.contains(QLatin1String("https://www.googleapis.com/auth/firebase.messaging")))
        return refuse(QStringLiteral("invalid_scope"),
            QStringLiteral("scope must include https://www.googleapis.com/auth/firebase.messaging"));
    if (claims.value(QLatin1String("aud")).toString() != tokenUri())
        return refuse(QStringLiteral("invalid_grant"),
            QStringLiteral("Invalid JWT: aud must be the token URI %1").arg(tokenUri()));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const qint64 iat = claims.value(QLatin1String("iat")).toInteger(-1);
    const qint64 exp = claims.value(QLatin1String("exp")).toInteger(-1);
    if (iat < 0 || exp < 0 || qAbs(iat - now) > 300 || exp <= now || exp - iat > 3600)
        return refuse(QStringLiteral("invalid_grant"),
            QStringLiteral(
                "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. "
                "Check your iat and exp values in the JWT claim."));
    const QString accessToken = QStringLiteral("ya29.fake-") + QUuid::createUuid().toString(QUuid::Id128);
    m_tokens.append(accessToken);
    return json(200,
        {{QStringLiteral("access_token"), accessToken}, {QStringLiteral("expires_in"), m_expiresIn},
            {QStringLiteral("token_type"), QStringLiteral("Bearer")}});
}

WebhookReceiver::Answer FirebaseFake::send(const WebhookReceiver::Received &request, const QString &project)
{
    const QByteArray authorization = request.header("Authorization");
    if (!authorization.startsWith("Bearer ") || !m_tokens.contains(QString::fromUtf8(authorization.mid(7)))) {
        m_violations << QStringLiteral("send: Authorization is not a Bearer token this server issued");
        return fcmError(401, QStringLiteral("UNAUTHENTICATED"),
            QStringLiteral("Request had invalid authentication credentials. Expected OAuth 2 access token, "
                           "login cookie or "
                           "other valid authentication credential."));
    }
    const auto invalid = [this](const QString &message) {
        m_violations << QStringLiteral("send: INVALID_ARGUMENT: %1").arg(message);
        return fcmError(400, QStringLiteral("INVALID_ARGUMENT"), message, QStringLiteral("INVALID_ARGUMENT"));
    };
    if (project != m_projectId) {
        m_violations << QStringLiteral("send: project %1 is not %2").arg(project, m_projectId);
        return fcmError(403, QStringLiteral("PERMISSION_DENIED"),
            QStringLiteral("Permission 'cloudmessaging.messages.create' denied on resource "
                           "'//cloudresourcemanager.googleapis.com/projects/%1'")
                .arg(project),
            QStringLiteral("SENDER_ID_MISMATCH"));
    }
    if (!request.header("Content-Type").startsWith("application/json"))
        return invalid(QStringLiteral("Content-Type must be application/json"));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return invalid(QStringLiteral("Invalid JSON payload received."));
    const QJsonObject body = document.object();
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != QLatin1String("message") && it.key() != QLatin1String("validate_only"))
            return invalid(
                QStringLiteral("Invalid JSON payload received. Unknown name \"%1\": Cannot find field.")
                    .arg(it.key()));
    }
    const QJsonObject message = body.value(QLatin1String("message")).toObject();
    static const QStringList known {QStringLiteral("name"), QStringLiteral("data"),
        QStringLiteral("notification"), QStringLiteral("android"), QStringLiteral("webpush"),
        QStringLiteral("apns"), QStringLiteral("fcm_options"), QStringLiteral("token"),
        QStringLiteral("topic"), QStringLiteral("condition")};
    for (auto it = message.begin(); it != message.end(); ++it) {
        if (!known.contains(it.key()))
            return invalid(QStringLiteral(
                "Invalid JSON payload received. Unknown name \"%1\" at 'message': Cannot find field.")
                               .arg(it.key()));
    }
    const int targets = int(message.contains(QLatin1String("token")))
        + int(message.contains(QLatin1String("topic"))) + int(message.contains(QLatin1String("condition")));
    if (targets != 1)
        return invalid(
            QStringLiteral("exactly one of message.token, message.topic, message.condition is required"));
    const QString deviceToken = message.value(QLatin1String("token")).toString();
    if (message.contains(QLatin1String("token")) && deviceToken.isEmpty())
        return invalid(QStringLiteral("The registration token is not a valid FCM registration token"));
    if (message.contains(QLatin1String("notification"))) {
        const QJsonObject notification = message.value(QLatin1String("notification")).toObject();
        for (auto it = notification.begin(); it != notification.end(); ++it) {
            if (it.key() != QLatin1String("title") && it.key() != QLatin1String("body")
                && it.key() != QLatin1String("image"))
                return invalid(QStringLiteral("Unknown name \"%1\" at 'message.notification'").arg(it.key()));
            if (!it.value().isString())
                return invalid(
                    QStringLiteral("Invalid value at 'message.notification.%1' (TYPE_STRING)").arg(it.key()));
        }
    }
    const QJsonObject data = message.value(QLatin1String("data")).toObject();
    int index = 0;
    for (auto it = data.begin(); it != data.end(); ++it, ++index) {
        if (!it.value().isString())
            return invalid(
                QStringLiteral("Invalid value at 'message.data[%1].value' (TYPE_STRING)").arg(index));
        if (it.key().startsWith(QLatin1String("google")) || it.key().startsWith(QLatin1String("gcm"))
            || it.key() == QLatin1String("from") || it.key() == QLatin1String("message_type"))
            return invalid(QStringLiteral("Invalid data key %1: reserved").arg(it.key()));
    }
    if (m_unregistered.contains(deviceToken))
        return fcmError(404, QStringLiteral("NOT_FOUND"), QStringLiteral("Requested entity was not found."),
            QStringLiteral("UNREGISTERED"));
    if (!m_unavailable.empty()) {
        m_unavailable.pop_front();
        return fcmError(503, QStringLiteral("UNAVAILABLE"),
            QStringLiteral("The service is currently unavailable."), QStringLiteral("UNAVAILABLE"),
            {{"Retry-After", "5"}});
    }
    const QString name = QStringLiteral("projects/%1/messages/0:%2%3")
                             .arg(m_projectId)
                             .arg(QDateTime::currentMSecsSinceEpoch())
                             .arg(m_names.size());
    m_messages.append(message);
    m_names.append(name);
    return json(200, {{QStringLiteral("name"), name}});
}

} // namespace sb::test
