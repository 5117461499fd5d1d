#include "SlackWebhookAdapter.h"

#include "AnswerText.h"

#include <QJsonDocument>

namespace sb::channels {

namespace {

QString escaped(QString text)
{
    text.replace(QLatin1Char('&'), QStringLiteral("&amp;"));
    text.replace(QLatin1Char('<'), QStringLiteral("&lt;"));
    text.replace(QLatin1Char('>'), QStringLiteral("&gt;"));
    return text;
}

class SlackWebhookAdapter final : public ProviderAdapter
{
public:
    ServiceProvider provider() const override { return ServiceProvider::Slack; }

    QUrl defaultBaseUrl(const QJsonObject &config) const override
    {
        return QUrl(config.value(QLatin1String("webhook_url")).toString().trimmed());
    }

    ProviderRequest request(
        const OutgoingMessage &message, const QJsonObject &config, const SendContext &context) const override
    {
        Q_UNUSED(context);
        QString text = escaped(message.body);
        if (!message.subject.isEmpty())
            text = QLatin1Char('*') + escaped(message.subject) + QStringLiteral("*\n") + text;
        ProviderRequest request;
        request.url = defaultBaseUrl(config);
        request.headers = {{"Content-Type", "application/json; charset=utf-8"}};
        request.body
            = QJsonDocument(QJsonObject {{QStringLiteral("text"), text}}).toJson(QJsonDocument::Compact);
        return request;
    }

    ProviderAnswer interpret(int httpStatus, const HeaderList &headers, const QByteArray &body) const override
    {
        auto answer = classifyStatus(httpStatus, headers);
        if (answer.outcome == SendOutcome::Accepted)
            return answer;
        answer.errorMessage = answerText(body);
        // Slack's error is one snake_case word ("invalid_payload"); keep it as the code too.
        if (!answer.errorMessage.isEmpty() && !answer.errorMessage.contains(QLatin1Char(' ')))
            answer.errorCode = answer.errorMessage;
        return answer;
    }
};

} // namespace

const ProviderAdapter &slackWebhookAdapter()
{
    static const SlackWebhookAdapter adapter;
    return adapter;
}

} // namespace sb::channels
