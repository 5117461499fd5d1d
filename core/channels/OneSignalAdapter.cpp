#include "OneSignalAdapter.h"

#include "AnswerText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>
#include <QUuid>

namespace sb::channels {

namespace {

// Namespace for name-based (v5) idempotency keys; any fixed UUID works, this one is Switchboard's.
const QUuid idempotencyNamespace(QStringLiteral("{6f1c2b8e-3d4a-5b6c-9d7e-0a1b2c3d4e5f}"));

class OneSignalAdapter final : public ProviderAdapter
{
public:
    ServiceProvider provider() const override { return ServiceProvider::OneSignal; }

    QUrl defaultBaseUrl(const QJsonObject &config) const override
    {
        Q_UNUSED(config);
        return QUrl(QStringLiteral("https://api.onesignal.com"));
    }

    ProviderRequest request(
        const OutgoingMessage &message, const QJsonObject &config, const SendContext &context) const override
    {
        Q_UNUSED(context);
        QJsonArray recipients;
        for (const auto &id : message.to.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            if (!id.trimmed().isEmpty())
                recipients.append(id.trimmed());
        }
        QJsonObject body;
        body.insert(QStringLiteral("app_id"), config.value(QLatin1String("app_id")).toString());
        body.insert(QStringLiteral("target_channel"), QStringLiteral("push"));
        body.insert(QStringLiteral("include_subscription_ids"), recipients);
        body.insert(QStringLiteral("contents"), QJsonObject {{QStringLiteral("en"), message.body}});
        if (!message.subject.isEmpty())
            body.insert(QStringLiteral("headings"), QJsonObject {{QStringLiteral("en"), message.subject}});
        const auto data = message.extra.value(QLatin1String("data"));
        if (data.isObject())
            body.insert(QStringLiteral("data"), data);
        const auto key = oneSignalIdempotencyKey(message.idempotencyKey);
        if (!key.isEmpty())
            body.insert(QStringLiteral("idempotency_key"), key);

        ProviderRequest request;
        QUrl url(baseUrlOf(config, defaultBaseUrl(config)).toString() + QStringLiteral("/notifications"));
        url.setQuery(QStringLiteral("c=push"));
        request.url = url;
        request.headers = {
            {"Authorization", "Key " + config.value(QLatin1String("api_key")).toString().toUtf8()},
            {"Content-Type", "application/json; charset=utf-8"},
            {"Accept", "application/json"},
        };
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        return request;
    }

    ProviderAnswer interpret(int httpStatus, const HeaderList &headers, const QByteArray &body) const override
    {
        auto answer = classifyStatus(httpStatus, headers);
        const auto object = answerObject(body);
        const auto errors = object ? flattenErrors(object->value(QLatin1String("errors"))) : QString();
        if (answer.outcome == SendOutcome::Accepted) {
            answer.providerId = object ? object->value(QLatin1String("id")).toString() : QString();
            if (answer.providerId.isEmpty()) {
                // 200 without a notification: nobody was sent anything (e.g. all recipients invalid).
                answer.outcome = SendOutcome::Rejected;
                answer.errorMessage
                    = errors.isEmpty() ? QStringLiteral("no notification was created") : errors;
            } else {
                answer.errorMessage = errors; // partial success: the invalid recipients, if any
            }
            return answer;
        }
        answer.errorMessage = errors.isEmpty() ? answerText(body) : errors;
        return answer;
    }
};

} // namespace

QString oneSignalIdempotencyKey(const QString &idempotencyKey)
{
    if (idempotencyKey.isEmpty())
        return {};
    const QUuid given(idempotencyKey);
    if (!given.isNull())
        return given.toString(QUuid::WithoutBraces);
    return QUuid::createUuidV5(idempotencyNamespace, idempotencyKey).toString(QUuid::WithoutBraces);
}

const ProviderAdapter &oneSignalAdapter()
{
    static const OneSignalAdapter adapter;
    return adapter;
}

} // namespace sb::channels
