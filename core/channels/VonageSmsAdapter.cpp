#include "VonageSmsAdapter.h"

#include "domain/SmsSegments.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

namespace sb::channels {

namespace {

constexpr qsizetype kMaxClientRef = 100; // Vonage: client-ref and callback, at most 100 characters
constexpr qsizetype kMaxCallback = 100;

void addField(QByteArray &body, const char *name, const QString &value)
{
    if (!body.isEmpty())
        body += '&';
    body += name;
    body += '=';
    body += QUrl::toPercentEncoding(value);
}

// "+44 7700 900000" → "447700900000": Vonage takes numbers as E.164 digits without the '+'.
QString digitsOnly(const QString &number)
{
    QString digits;
    for (QChar c : number) {
        if (c.isDigit())
            digits += c;
    }
    return digits;
}

// A phone-number sender loses its '+'; an alphanumeric sender ("Switchboard") is sent as it is.
QString senderOf(const QString &from)
{
    const QString trimmed = from.trimmed();
    if (trimmed.startsWith(QLatin1Char('+')))
        return digitsOnly(trimmed);
    return trimmed;
}

// Vonage writes status as a string ("0"); accept a number too.
QString statusText(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(value.toInteger());
    return value.toString();
}

} // namespace

QUrl VonageSmsAdapter::defaultBaseUrl(const QJsonObject &config) const
{
    Q_UNUSED(config);
    return QUrl(QStringLiteral("https://rest.nexmo.com"));
}

ProviderRequest VonageSmsAdapter::request(
    const OutgoingMessage &message, const QJsonObject &config, const SendContext &context) const
{
    Q_UNUSED(context);
    const QString from = message.from.trimmed().isEmpty()
        ? config.value(QLatin1String("from_number")).toString()
        : message.from;

    ProviderRequest request;
    request.method = "POST";
    QUrl url = baseUrlOf(config, defaultBaseUrl(config));
    url.setPath(url.path() + QStringLiteral("/sms/json"));
    request.url = url;

    addField(request.body, "api_key", config.value(QLatin1String("api_key")).toString().trimmed());
    addField(request.body, "api_secret", config.value(QLatin1String("api_secret")).toString());
    addField(request.body, "from", senderOf(from));
    addField(request.body, "to", digitsOnly(message.to));
    addField(request.body, "text", message.body);
    if (!SmsSegments::isGsm7(message.body))
        addField(request.body, "type", QStringLiteral("unicode"));
    if (!message.messageId.isEmpty())
        addField(request.body, "client-ref", message.messageId.left(kMaxClientRef));
    if (!message.statusCallback.isEmpty()) {
        addField(request.body, "status-report-req", QStringLiteral("1"));
        // A longer URL is refused by Vonage; the receipt then goes to the account's dashboard URL.
        if (message.statusCallback.size() <= kMaxCallback)
            addField(request.body, "callback", message.statusCallback);
    }

    request.headers = {
        {"Content-Type", "application/x-www-form-urlencoded"},
        {"Accept", "application/json"},
    };
    return request;
}

ProviderAnswer VonageSmsAdapter::interpret(
    int httpStatus, const HeaderList &headers, const QByteArray &body) const
{
    ProviderAnswer answer = classifyStatus(httpStatus, headers);
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    if (answer.outcome != SendOutcome::Accepted) {
        // Non-200 answers (401 bad credentials, 5xx) are not the messages[] shape; keep what they say.
        answer.errorMessage = json.value(QLatin1String("error_title")).toString();
        if (answer.errorMessage.isEmpty())
            answer.errorMessage = json.value(QLatin1String("title")).toString();
        if (answer.errorMessage.isEmpty()) {
            answer.errorMessage = httpStatus == 0 ? QStringLiteral("no answer from Vonage")
                                                  : QStringLiteral("Vonage answered HTTP %1").arg(httpStatus);
        }
        return answer;
    }

    const QJsonArray messages = json.value(QLatin1String("messages")).toArray();
    if (messages.isEmpty()) {
        answer.outcome = SendOutcome::Rejected;
        answer.errorMessage = QStringLiteral("Vonage's answer lists no messages");
        return answer;
    }
    answer.providerId = messages.first().toObject().value(QLatin1String("message-id")).toString();
    for (const QJsonValue &value : messages) {
        const QJsonObject part = value.toObject();
        const QString status = statusText(part.value(QLatin1String("status")));
        if (status == QLatin1String("0"))
            continue;
        answer.outcome = status == QLatin1String("1") ? SendOutcome::Retry : SendOutcome::Rejected;
        answer.errorCode = status;
        answer.errorMessage = part.value(QLatin1String("error-text")).toString();
        if (answer.providerId.isEmpty())
            answer.providerId = part.value(QLatin1String("message-id")).toString();
        return answer;
    }
    answer.providerStatus = statusText(messages.first().toObject().value(QLatin1String("status")));
    return answer;
}

const ProviderAdapter &vonageSmsAdapter()
{
    static const VonageSmsAdapter adapter;
    return adapter;
}

} // namespace sb::channels
