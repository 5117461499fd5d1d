#include "ElevenLabsCallAdapter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QStringList>

namespace sb::channels {

namespace {

// The message's `extra` value for `key` when it is a non-blank string, else the config's.
QString overridden(const QJsonObject &extra, const QJsonObject &config, const char *key)
{
    const QString fromExtra = extra.value(QLatin1String(key)).toString().trimmed();
    if (!fromExtra.isEmpty())
        return fromExtra;
    return config.value(QLatin1String(key)).toString().trimmed();
}

} // namespace

QUrl ElevenLabsCallAdapter::defaultBaseUrl(const QJsonObject &config) const
{
    Q_UNUSED(config);
    return QUrl(QStringLiteral("https://api.elevenlabs.io"));
}

ProviderRequest ElevenLabsCallAdapter::request(
    const OutgoingMessage &message, const QJsonObject &config, const SendContext &context) const
{
    Q_UNUSED(context);
    ProviderRequest request;
    request.method = "POST";
    QUrl url = baseUrlOf(config, defaultBaseUrl(config));
    url.setPath(url.path() + QStringLiteral("/v1/convai/twilio/outbound-call"));
    request.url = url;

    QJsonObject json {
        {QStringLiteral("agent_id"), overridden(message.extra, config, "agent_id")},
        {QStringLiteral("agent_phone_number_id"), overridden(message.extra, config, "agent_phone_number_id")},
        {QStringLiteral("to_number"), message.to.trimmed()},
    };
    const QJsonObject variables = message.extra.value(QLatin1String("dynamic_variables")).toObject();
    if (!variables.isEmpty()) {
        json.insert(QStringLiteral("conversation_initiation_client_data"),
            QJsonObject {{QStringLiteral("dynamic_variables"), variables}});
    }
    request.body = QJsonDocument(json).toJson(QJsonDocument::Compact);
    request.headers = {
        {"xi-api-key", config.value(QLatin1String("api_key")).toString().toUtf8()},
        {"Content-Type", "application/json"},
        {"Accept", "application/json"},
    };
    return request;
}

ProviderAnswer ElevenLabsCallAdapter::interpret(
    int httpStatus, const HeaderList &headers, const QByteArray &body) const
{
    ProviderAnswer answer = classifyStatus(httpStatus, headers);
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    if (answer.outcome == SendOutcome::Accepted) {
        answer.providerId = json.value(QLatin1String("conversation_id")).toString();
        answer.providerStatus = json.value(QLatin1String("callSid")).toString();
        if (!json.value(QLatin1String("success")).toBool(true)) {
            answer.outcome = SendOutcome::Rejected;
            answer.errorMessage = json.value(QLatin1String("message")).toString();
            if (answer.errorMessage.isEmpty())
                answer.errorMessage = QStringLiteral("ElevenLabs did not place the call");
        }
        return answer;
    }

    const QJsonValue detail = json.value(QLatin1String("detail"));
    if (detail.isArray()) {
        // 422 validation error: each entry names the field (loc) and the reason (msg).
        QStringList reasons;
        for (const QJsonValue &entry : detail.toArray()) {
            const QJsonObject item = entry.toObject();
            QStringList location;
            for (const QJsonValue &part : item.value(QLatin1String("loc")).toArray())
                location << (part.isDouble() ? QString::number(part.toInteger()) : part.toString());
            const QString msg = item.value(QLatin1String("msg")).toString();
            reasons << (location.isEmpty() ? msg
                                           : location.join(QLatin1Char('.')) + QStringLiteral(": ") + msg);
            if (answer.errorCode.isEmpty())
                answer.errorCode = item.value(QLatin1String("type")).toString();
        }
        answer.errorMessage = reasons.join(QStringLiteral("; "));
    } else if (detail.isObject()) {
        answer.errorCode = detail.toObject().value(QLatin1String("status")).toString();
        answer.errorMessage = detail.toObject().value(QLatin1String("message")).toString();
    } else if (detail.isString()) {
        answer.errorMessage = detail.toString();
    }
    if (answer.errorMessage.isEmpty()) {
        answer.errorMessage = httpStatus == 0 ? QStringLiteral("no answer from ElevenLabs")
                                              : QStringLiteral("ElevenLabs answered HTTP %1").arg(httpStatus);
    }
    return answer;
}

const ProviderAdapter &elevenLabsCallAdapter()
{
    static const ElevenLabsCallAdapter adapter;
    return adapter;
}

} // namespace sb::channels
