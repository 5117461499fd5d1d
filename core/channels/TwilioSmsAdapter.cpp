#include "TwilioSmsAdapter.h"

#include <QJsonDocument>
#include <QJsonValue>

namespace sb::channels {

namespace {

QString configText(const QJsonObject &config, const char *key)
{
    return config.value(QLatin1String(key)).toString().trimmed();
}

void addField(QByteArray &body, const char *name, const QString &value)
{
    if (!body.isEmpty())
        body += '&';
    body += name;
    body += '=';
    body += QUrl::toPercentEncoding(value);
}

} // namespace

QUrl TwilioSmsAdapter::defaultBaseUrl(const QJsonObject &config) const
{
    Q_UNUSED(config);
    return QUrl(QStringLiteral("https://api.twilio.com"));
}

ProviderRequest TwilioSmsAdapter::request(
    const OutgoingMessage &message, const QJsonObject &config, const SendContext &context) const
{
    Q_UNUSED(context);
    const QString accountSid = configText(config, "account_sid");
    const QString authToken = config.value(QLatin1String("auth_token")).toString();
    const QString from
        = message.from.trimmed().isEmpty() ? configText(config, "from_number") : message.from.trimmed();
    const QString serviceSid = configText(config, "messaging_service_sid");

    ProviderRequest request;
    request.method = "POST";
    QUrl url = baseUrlOf(config, defaultBaseUrl(config));
    url.setPath(
        url.path() + QStringLiteral("/2010-04-01/Accounts/") + accountSid + QStringLiteral("/Messages.json"));
    request.url = url;

    addField(request.body, "To", message.to.trimmed());
    if (!from.isEmpty())
        addField(request.body, "From", from);
    if (!serviceSid.isEmpty())
        addField(request.body, "MessagingServiceSid", serviceSid);
    addField(request.body, "Body", message.body);
    if (!message.statusCallback.isEmpty())
        addField(request.body, "StatusCallback", message.statusCallback);

    const QByteArray credentials = (accountSid + QLatin1Char(':') + authToken).toUtf8().toBase64();
    request.headers = {
        {"Authorization", "Basic " + credentials},
        {"Content-Type", "application/x-www-form-urlencoded"},
        {"Accept", "application/json"},
    };
    return request;
}

ProviderAnswer TwilioSmsAdapter::interpret(
    int httpStatus, const HeaderList &headers, const QByteArray &body) const
{
    ProviderAnswer answer = classifyStatus(httpStatus, headers);
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    if (answer.outcome == SendOutcome::Accepted) {
        answer.providerId = json.value(QLatin1String("sid")).toString();
        answer.providerStatus = json.value(QLatin1String("status")).toString();
        return answer;
    }
    // Twilio's error body: {"code": 21211, "message": "...", "more_info": "...", "status": 400}.
    const QJsonValue code = json.value(QLatin1String("code"));
    if (code.isDouble())
        answer.errorCode = QString::number(code.toInteger());
    else if (code.isString())
        answer.errorCode = code.toString();
    answer.errorMessage = json.value(QLatin1String("message")).toString();
    if (answer.errorMessage.isEmpty()) {
        answer.errorMessage = httpStatus == 0 ? QStringLiteral("no answer from Twilio")
                                              : QStringLiteral("Twilio answered HTTP %1").arg(httpStatus);
    }
    return answer;
}

const ProviderAdapter &twilioSmsAdapter()
{
    static const TwilioSmsAdapter adapter;
    return adapter;
}

} // namespace sb::channels
