#include "SendGridAdapter.h"

#include "AnswerText.h"
#include "domain/EmailAddress.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace sb::channels {

namespace {

QJsonObject addressObject(const QString &text, const QString &fallbackName = {})
{
    QJsonObject object;
    if (const auto parsed = EmailAddress::parse(text)) {
        object.insert(QStringLiteral("email"), parsed->address);
        const auto name = parsed->displayName.isEmpty() ? fallbackName : parsed->displayName;
        if (!name.isEmpty())
            object.insert(QStringLiteral("name"), name);
    } else {
        // Not an address we can read: sent as written, SendGrid answers with its own 400.
        object.insert(QStringLiteral("email"), text.trimmed());
        if (!fallbackName.isEmpty())
            object.insert(QStringLiteral("name"), fallbackName);
    }
    return object;
}

class SendGridAdapter final : public ProviderAdapter
{
public:
    ServiceProvider provider() const override { return ServiceProvider::SendGrid; }

    QUrl defaultBaseUrl(const QJsonObject &config) const override
    {
        Q_UNUSED(config);
        return QUrl(QStringLiteral("https://api.sendgrid.com"));
    }

    ProviderRequest request(
        const OutgoingMessage &message, const QJsonObject &config, const SendContext &context) const override
    {
        Q_UNUSED(context);
        QJsonObject personalization;
        personalization.insert(QStringLiteral("to"), QJsonArray {addressObject(message.to)});
        if (!message.messageId.isEmpty()) {
            personalization.insert(QStringLiteral("custom_args"),
                QJsonObject {{QStringLiteral("switchboard_message_id"), message.messageId}});
        }

        const auto fromName = config.value(QLatin1String("from_name")).toString();
        const auto from = message.from.isEmpty()
            ? addressObject(config.value(QLatin1String("from_email")).toString(), fromName)
            : addressObject(message.from);

        QJsonArray content;
        if (!message.body.isEmpty())
            content.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("text/plain")},
                {QStringLiteral("value"), message.body}});
        if (!message.html.isEmpty())
            content.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("text/html")},
                {QStringLiteral("value"), message.html}});

        QJsonObject body;
        body.insert(QStringLiteral("personalizations"), QJsonArray {personalization});
        body.insert(QStringLiteral("from"), from);
        body.insert(QStringLiteral("subject"), message.subject);
        body.insert(QStringLiteral("content"), content);

        ProviderRequest request;
        request.url
            = QUrl(baseUrlOf(config, defaultBaseUrl(config)).toString() + QStringLiteral("/v3/mail/send"));
        request.headers = {
            {"Authorization", "Bearer " + config.value(QLatin1String("api_key")).toString().toUtf8()},
            {"Content-Type", "application/json"},
            {"Accept", "application/json"},
        };
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        return request;
    }

    ProviderAnswer interpret(int httpStatus, const HeaderList &headers, const QByteArray &body) const override
    {
        auto answer = classifyStatus(httpStatus, headers);
        if (answer.outcome == SendOutcome::Accepted) {
            answer.providerId = QString::fromUtf8(headerValue(headers, "X-Message-Id")).trimmed();
            return answer;
        }
        const auto object = answerObject(body);
        if (!object) {
            answer.errorMessage = answerText(body);
            return answer;
        }
        QStringList messages;
        for (const auto &item : object->value(QLatin1String("errors")).toArray()) {
            const auto error = item.toObject();
            auto text = error.value(QLatin1String("message")).toString();
            const auto field = error.value(QLatin1String("field")).toString();
            if (!field.isEmpty())
                text += QStringLiteral(" (field %1)").arg(field);
            if (!text.isEmpty())
                messages.append(text);
        }
        answer.errorMessage = messages.isEmpty() ? answerText(body) : messages.join(QStringLiteral("; "));
        return answer;
    }
};

} // namespace

const ProviderAdapter &sendGridAdapter()
{
    static const SendGridAdapter adapter;
    return adapter;
}

} // namespace sb::channels
