#include "ServiceConfigSchema.h"

#include "PhoneNumber.h"

#include <QRegularExpression>
#include <QUrl>
#include <algorithm>
#include <cmath>

namespace sb {

namespace {

using F = ConfigFormat;

ServiceConfigKey required(const char *name, ConfigFormat format = F::Text)
{
    return {QString::fromLatin1(name), true, false, format};
}
ServiceConfigKey optional(const char *name, ConfigFormat format = F::Text)
{
    return {QString::fromLatin1(name), false, false, format};
}
ServiceConfigKey requiredSecret(const char *name, ConfigFormat format = F::Text)
{
    return {QString::fromLatin1(name), true, true, format};
}
ServiceConfigKey optionalSecret(const char *name, ConfigFormat format = F::Text)
{
    return {QString::fromLatin1(name), false, true, format};
}

bool matches(const QString &text, const QRegularExpression &pattern)
{
    return pattern.match(text).hasMatch();
}

const QRegularExpression &hostnamePattern()
{
    static const QRegularExpression pattern(
        QStringLiteral("^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$"));
    return pattern;
}

bool isE164(const QString &text)
{
    return text.startsWith(QLatin1Char('+')) && PhoneNumber::toE164(text, QString()) == text;
}

// An alphanumeric SMS sender (Twilio's and Vonage's rule): at most 11 letters, digits and inner
// spaces, at least one letter.
bool isAlphanumericSender(const QString &text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(?=.*[A-Za-z])[A-Za-z0-9](?:[A-Za-z0-9 ]{0,9}[A-Za-z0-9])?$"));
    return matches(text, pattern);
}

// An AWS SMS sender id: at most 11 letters, digits and inner hyphens, at least one letter, no spaces.
bool isSenderId(const QString &text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(?=.*[A-Za-z])[A-Za-z0-9](?:[A-Za-z0-9-]{0,9}[A-Za-z0-9])?$"));
    return matches(text, pattern);
}

bool isEmail(const QString &text)
{
    const auto at = text.lastIndexOf(QLatin1Char('@'));
    if (at <= 0 || at > 64)
        return false;
    static const QRegularExpression local(QStringLiteral("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$"));
    const auto localPart = text.left(at);
    return matches(localPart, local) && !localPart.startsWith(QLatin1Char('.'))
        && !localPart.endsWith(QLatin1Char('.')) && !localPart.contains(QLatin1String(".."))
        && matches(text.mid(at + 1), hostnamePattern());
}

bool isHttpUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const auto scheme = url.scheme();
    return url.isValid() && (scheme == QLatin1String("http") || scheme == QLatin1String("https"))
        && !url.host().isEmpty() && !text.contains(QLatin1Char(' '));
}

bool isPemPrivateKey(const QString &text)
{
    static const QLatin1String begin("-----BEGIN PRIVATE KEY-----");
    static const QLatin1String end("-----END PRIVATE KEY-----");
    const auto trimmed = text.trimmed();
    if (!trimmed.startsWith(begin) || !trimmed.endsWith(end))
        return false;
    auto body = trimmed.mid(begin.size(), trimmed.size() - begin.size() - end.size());
    body.remove(QRegularExpression(QStringLiteral("\\s")));
    if (body.isEmpty())
        return false;
    const auto decoded
        = QByteArray::fromBase64Encoding(body.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    // PKCS#8 PrivateKeyInfo is a DER SEQUENCE.
    return decoded.decodingStatus == QByteArray::Base64DecodingStatus::Ok && decoded.decoded.size() > 16
        && static_cast<unsigned char>(decoded.decoded.at(0)) == 0x30;
}

bool valid(ConfigFormat format, const QString &text)
{
    if (text.trimmed().isEmpty())
        return false;
    switch (format) {
    case F::Text:
        return true;
    case F::E164:
        return isE164(text);
    case F::SmsSender:
        return isE164(text) || isAlphanumericSender(text);
    case F::SenderId:
        return isSenderId(text);
    case F::Email:
        return isEmail(text);
    case F::Hostname:
        return matches(text, hostnamePattern());
    case F::TwilioAccountSid: {
        static const QRegularExpression pattern(QStringLiteral("^AC[0-9a-fA-F]{32}$"));
        return matches(text, pattern);
    }
    case F::TwilioMessagingServiceSid: {
        static const QRegularExpression pattern(QStringLiteral("^MG[0-9a-fA-F]{32}$"));
        return matches(text, pattern);
    }
    case F::Uuid: {
        static const QRegularExpression pattern(
            QStringLiteral("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
        return matches(text, pattern);
    }
    case F::HttpUrl:
        return isHttpUrl(text);
    case F::AwsRegion: {
        static const QRegularExpression pattern(
            QStringLiteral("^[a-z]{2}(?:-(?:gov|iso[a-z]?))?-[a-z]+-[0-9]{1,2}$"));
        return matches(text, pattern);
    }
    case F::PemPrivateKey:
        return isPemPrivateKey(text);
    case F::PositiveNumber: {
        bool ok = false;
        const double number = text.trimmed().toDouble(&ok);
        return ok && std::isfinite(number) && number > 0;
    }
    case F::ServiceId: {
        bool ok = false;
        const qint64 id = text.trimmed().toLongLong(&ok);
        return ok && id > 0;
    }
    }
    return false;
}

QString expectation(ConfigFormat format)
{
    switch (format) {
    case F::Text:
        return QStringLiteral("must be a non-empty string");
    case F::E164:
        return QStringLiteral("must be E.164, e.g. +14155550100");
    case F::SmsSender:
        return QStringLiteral("must be E.164 (e.g. +14155550100) or an alphanumeric sender id of at most "
                              "11 characters");
    case F::SenderId:
        return QStringLiteral("must be a sender id of at most 11 letters, digits or hyphens");
    case F::Email:
        return QStringLiteral("must be an email address, e.g. noreply@example.com");
    case F::Hostname:
        return QStringLiteral("must be a domain name, e.g. mail.example.com");
    case F::TwilioAccountSid:
        return QStringLiteral("must be AC followed by 32 hexadecimal digits");
    case F::TwilioMessagingServiceSid:
        return QStringLiteral("must be MG followed by 32 hexadecimal digits");
    case F::Uuid:
        return QStringLiteral("must be a UUID, e.g. 5eb5a37e-b458-11e3-ac11-000c2940e62c");
    case F::HttpUrl:
        return QStringLiteral("must be an http or https URL");
    case F::AwsRegion:
        return QStringLiteral("must be an AWS region, e.g. us-east-1");
    case F::PemPrivateKey:
        return QStringLiteral("must be a PEM PKCS#8 private key (-----BEGIN PRIVATE KEY-----)");
    case F::PositiveNumber:
        return QStringLiteral("must be a number greater than 0, e.g. 5");
    case F::ServiceId:
        return QStringLiteral("must be the id of a registered service, e.g. 2");
    }
    return {};
}

QString maskMarker()
{
    return QString(4, QChar(0x2022));
}

} // namespace

QList<ServiceConfigKey> serviceConfigKeys(ServiceProvider provider)
{
    QList<ServiceConfigKey> keys;
    switch (provider) {
    case ServiceProvider::Twilio:
        // from_number or messaging_service_sid: one of them (validateServiceConfig says so).
        keys = {required("account_sid", F::TwilioAccountSid), requiredSecret("auth_token"),
            optional("from_number", F::E164),
            optional("messaging_service_sid", F::TwilioMessagingServiceSid)};
        break;
    case ServiceProvider::Nexmo:
        keys = {required("api_key"), requiredSecret("api_secret"), required("from_number", F::SmsSender)};
        break;
    case ServiceProvider::AwsSns:
        keys = {required("access_key_id"), requiredSecret("secret_access_key"),
            required("region", F::AwsRegion), optionalSecret("session_token"),
            optional("sender_id", F::SenderId)};
        break;
    case ServiceProvider::SendGrid:
        keys = {requiredSecret("api_key"), required("from_email", F::Email), optional("from_name")};
        break;
    case ServiceProvider::Mailgun:
        keys = {requiredSecret("api_key"), required("domain", F::Hostname), required("from_email", F::Email),
            optional("from_name")};
        break;
    case ServiceProvider::AwsSes:
        keys = {required("access_key_id"), requiredSecret("secret_access_key"),
            required("region", F::AwsRegion), required("from_email", F::Email), optional("from_name"),
            optionalSecret("session_token")};
        break;
    case ServiceProvider::Firebase:
        keys = {required("project_id"), requiredSecret("private_key", F::PemPrivateKey),
            required("client_email", F::Email), optional("token_uri", F::HttpUrl)};
        break;
    case ServiceProvider::OneSignal:
        keys = {required("app_id", F::Uuid), requiredSecret("api_key")};
        break;
    case ServiceProvider::Slack:
    case ServiceProvider::Teams:
    case ServiceProvider::Discord:
        // The URL embeds the channel's token.
        keys = {requiredSecret("webhook_url", F::HttpUrl)};
        break;
    case ServiceProvider::ElevenLabs:
        keys = {requiredSecret("api_key"), required("agent_id"), required("agent_phone_number_id")};
        break;
    }
    // A failed or undelivered SMS is sent again by email through this email service when the lead
    // has an address (seed 003, failed-SMS handling).
    if (serviceTypeOf(provider) == ServiceType::Sms) {
        keys.append(optional("fallback_email_service_id", F::ServiceId));
        keys.append(optional("fallback_email_subject"));
    }
    keys.append(optional("base_url", F::HttpUrl));
    keys.append(optional("messages_per_second", F::PositiveNumber));
    return keys;
}

bool isSecretConfigKey(ServiceProvider provider, const QString &key)
{
    const auto keys = serviceConfigKeys(provider);
    return std::any_of(keys.cbegin(), keys.cend(), [&](const auto &k) { return k.secret && k.name == key; });
}

QStringList validateServiceConfig(ServiceProvider provider, const QJsonObject &config)
{
    QStringList problems;
    const auto keys = serviceConfigKeys(provider);
    const auto present = [&](const QString &name) {
        const auto value = config.value(name);
        return !value.isUndefined() && !value.isNull();
    };
    for (const auto &key : keys) {
        const QString label = QStringLiteral("config.") + key.name;
        if (!present(key.name)) {
            if (key.required)
                problems.append(label + QStringLiteral(" is required"));
            else if (provider == ServiceProvider::Twilio && key.name == QLatin1String("from_number")
                && !present(QStringLiteral("messaging_service_sid")))
                problems.append(label + QStringLiteral(" is required (or config.messaging_service_sid)"));
            continue;
        }
        const auto value = config.value(key.name);
        if (key.format == F::PositiveNumber && value.isDouble()) {
            if (!(std::isfinite(value.toDouble()) && value.toDouble() > 0))
                problems.append(label + QLatin1Char(' ') + expectation(key.format));
            continue;
        }
        if (key.format == F::ServiceId && value.isDouble()) {
            const double id = value.toDouble();
            if (!(std::isfinite(id) && id >= 1 && id == std::floor(id) && id < 9.0e15))
                problems.append(label + QLatin1Char(' ') + expectation(key.format));
            continue;
        }
        if (!value.isString()) {
            problems.append(label + QStringLiteral(" must be a string"));
            continue;
        }
        if (!valid(key.format, value.toString()))
            problems.append(label + QLatin1Char(' ') + expectation(key.format));
    }
    QStringList unknown;
    for (auto it = config.begin(); it != config.end(); ++it) {
        const auto known
            = std::any_of(keys.cbegin(), keys.cend(), [&](const auto &key) { return key.name == it.key(); });
        if (!known)
            unknown.append(QStringLiteral("config.") + it.key() + QStringLiteral(" is not a ")
                + serviceProviderName(provider) + QStringLiteral(" setting"));
    }
    unknown.sort();
    return problems + unknown;
}

std::optional<qint64> fallbackEmailServiceId(const QJsonObject &config)
{
    const auto value = config.value(QStringLiteral("fallback_email_service_id"));
    qint64 id = 0;
    if (value.isDouble() && value.toDouble() == std::floor(value.toDouble()) && value.toDouble() < 9.0e15)
        id = qint64(value.toDouble());
    else if (value.isString())
        id = value.toString().trimmed().toLongLong();
    if (id > 0)
        return id;
    return std::nullopt;
}

QString maskSecretValue(const QString &value)
{
    if (value.size() < 8)
        return maskMarker();
    return maskMarker() + value.right(4);
}

QJsonObject maskServiceConfig(ServiceProvider provider, const QJsonObject &config)
{
    QJsonObject masked = config;
    for (const auto &key : serviceConfigKeys(provider)) {
        if (!key.secret || !config.contains(key.name))
            continue;
        const auto value = config.value(key.name);
        if (value.isNull())
            continue;
        masked.insert(key.name, maskSecretValue(value.isString() ? value.toString() : QString()));
    }
    return masked;
}

bool isMaskedValue(const QString &text)
{
    return text.startsWith(maskMarker()) && (text.size() == 4 || text.size() == 8);
}

} // namespace sb
