#include "DiscordWebhookAdapter.h"

#include "AnswerText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>
#include <cmath>

namespace sb::channels {

namespace {

// At most `limit` characters (code points), cut with an ellipsis.
QString clipped(const QString &text, qsizetype limit)
{
    const auto codePoints = text.toUcs4();
    if (codePoints.size() <= limit)
        return text;
    return QString::fromUcs4(reinterpret_cast<const char32_t *>(codePoints.constData()), limit - 1)
        + QStringLiteral("…");
}

// The first message inside Discord's nested "errors" object ({"content":{"_errors":[{...}]}}).
QString firstNestedError(const QJsonObject &errors, const QString &path = {})
{
    for (auto it = errors.begin(); it != errors.end(); ++it) {
        if (it.key() == QLatin1String("_errors")) {
            const auto first = it.value().toArray().first().toObject();
            const auto message = first.value(QLatin1String("message")).toString();
            return path.isEmpty() ? message : path + QStringLiteral(": ") + message;
        }
        if (it.value().isObject()) {
            const auto nested = firstNestedError(
                it.value().toObject(), path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key());
            if (!nested.isEmpty())
                return nested;
        }
    }
    return {};
}

class DiscordWebhookAdapter final : public ProviderAdapter
{
public:
    ServiceProvider provider() const override { return ServiceProvider::Discord; }

    QUrl defaultBaseUrl(const QJsonObject &config) const override
    {
        return QUrl(config.value(QLatin1String("webhook_url")).toString().trimmed());
    }

    ProviderRequest request(
        const OutgoingMessage &message, const QJsonObject &config, const SendContext &context) const override
    {
        Q_UNUSED(context);
        QString content = message.body;
        if (!message.subject.isEmpty())
            content = QStringLiteral("**") + message.subject + QStringLiteral("**\n") + content;
        QUrl url = defaultBaseUrl(config);
        QUrlQuery query(url);
        query.removeAllQueryItems(QStringLiteral("wait"));
        query.addQueryItem(QStringLiteral("wait"), QStringLiteral("true"));
        url.setQuery(query);

        const QJsonObject body {
            {QStringLiteral("content"), clipped(content, discordContentLimit)},
            {QStringLiteral("allowed_mentions"), QJsonObject {{QStringLiteral("parse"), QJsonArray()}}},
        };
        ProviderRequest request;
        request.url = url;
        request.headers = {{"Content-Type", "application/json"}};
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        return request;
    }

    ProviderAnswer interpret(int httpStatus, const HeaderList &headers, const QByteArray &body) const override
    {
        auto answer = classifyStatus(httpStatus, headers);
        const auto object = answerObject(body);
        if (answer.outcome == SendOutcome::Accepted) {
            if (object)
                answer.providerId = object->value(QLatin1String("id")).toString();
            return answer;
        }
        if (!object) {
            answer.errorMessage = answerText(body);
            return answer;
        }
        const auto retryAfter = object->value(QLatin1String("retry_after"));
        if (httpStatus == 429 && retryAfter.isDouble() && retryAfter.toDouble() >= 0)
            answer.retryAfterSeconds = static_cast<int>(std::ceil(retryAfter.toDouble()));
        const auto code = object->value(QLatin1String("code"));
        if (code.isDouble())
            answer.errorCode = QString::number(code.toInteger());
        answer.errorMessage = object->value(QLatin1String("message")).toString();
        const auto detail = firstNestedError(object->value(QLatin1String("errors")).toObject());
        if (!detail.isEmpty())
            answer.errorMessage += QStringLiteral(" (") + detail + QLatin1Char(')');
        if (answer.errorMessage.isEmpty())
            answer.errorMessage = answerText(body);
        return answer;
    }
};

} // namespace

const ProviderAdapter &discordWebhookAdapter()
{
    static const DiscordWebhookAdapter adapter;
    return adapter;
}

} // namespace sb::channels
