#include "TeamsWebhookAdapter.h"

#include "AnswerText.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace sb::channels {

namespace {

QJsonObject textBlock(const QString &text, bool heading)
{
    QJsonObject block {{QStringLiteral("type"), QStringLiteral("TextBlock")}, {QStringLiteral("text"), text},
        {QStringLiteral("wrap"), true}};
    if (heading) {
        block.insert(QStringLiteral("weight"), QStringLiteral("Bolder"));
        block.insert(QStringLiteral("size"), QStringLiteral("Medium"));
    }
    return block;
}

class TeamsWebhookAdapter final : public ProviderAdapter
{
public:
    ServiceProvider provider() const override { return ServiceProvider::Teams; }

    QUrl defaultBaseUrl(const QJsonObject &config) const override
    {
        return QUrl(config.value(QLatin1String("webhook_url")).toString().trimmed());
    }

    ProviderRequest request(
        const OutgoingMessage &message, const QJsonObject &config, const SendContext &context) const override
    {
        Q_UNUSED(context);
        QJsonArray blocks;
        if (!message.subject.isEmpty())
            blocks.append(textBlock(message.subject, true));
        blocks.append(textBlock(message.body, false));
        const QJsonObject card {
            {QStringLiteral("$schema"), QStringLiteral("http://adaptivecards.io/schemas/adaptive-card.json")},
            {QStringLiteral("type"), QStringLiteral("AdaptiveCard")},
            {QStringLiteral("version"), QStringLiteral("1.4")},
            {QStringLiteral("body"), blocks},
        };
        const QJsonObject attachment {
            {QStringLiteral("contentType"), QStringLiteral("application/vnd.microsoft.card.adaptive")},
            {QStringLiteral("contentUrl"), QJsonValue::Null},
            {QStringLiteral("content"), card},
        };
        const QJsonObject activity {
            {QStringLiteral("type"), QStringLiteral("message")},
            {QStringLiteral("attachments"), QJsonArray {attachment}},
        };
        ProviderRequest request;
        request.url = defaultBaseUrl(config);
        request.headers = {{"Content-Type", "application/json"}};
        request.body = QJsonDocument(activity).toJson(QJsonDocument::Compact);
        return request;
    }

    ProviderAnswer interpret(int httpStatus, const HeaderList &headers, const QByteArray &body) const override
    {
        auto answer = classifyStatus(httpStatus, headers);
        if (answer.outcome == SendOutcome::Accepted)
            return answer;
        if (const auto object = answerObject(body)) {
            const auto error = object->value(QLatin1String("error")).toObject();
            answer.errorCode = error.value(QLatin1String("code")).toString();
            answer.errorMessage = error.value(QLatin1String("message")).toString();
        }
        if (answer.errorMessage.isEmpty())
            answer.errorMessage = answerText(body);
        return answer;
    }
};

} // namespace

const ProviderAdapter &teamsWebhookAdapter()
{
    static const TeamsWebhookAdapter adapter;
    return adapter;
}

} // namespace sb::channels
