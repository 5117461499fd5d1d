#pragma once

#include "domain/ExternalService.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>
#include <optional>

namespace sb::channels {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// One message to send through a provider, as the outbox holds it.
struct OutgoingMessage
{
    QString messageId; // Switchboard's id; carried to the provider where it allows (Mailgun v:, SendGrid
                       // custom_args)
    QString to; // E.164 phone number, email address, device token / player id; empty for chat webhooks
    QString from; // overrides the service's sender when set
    QString subject; // email (and push title)
    QString body; // text
    QString html; // email only, optional
    QString statusCallback; // public URL for delivery receipts; empty when there is none
    QString idempotencyKey; // stable across every attempt of this message
    QJsonObject extra; // provider-specific: push data, ElevenLabs agent/dynamic variables, ...
};

// What the dispatcher sends: a complete HTTP request, built without any I/O.
struct ProviderRequest
{
    QByteArray method = "POST";
    QUrl url;
    HeaderList headers; // including Authorization and Content-Type
    QByteArray body;
};

enum class SendOutcome
{
    Accepted, // the provider took the message (2xx)
    Retry, // 429, 5xx: try again with the retry policy
    Rejected // any other 4xx, or an answer that says the message was refused: never retried
};

// The provider's answer, read.
struct ProviderAnswer
{
    SendOutcome outcome = SendOutcome::Rejected;
    QString providerId; // Twilio MessageSid, Mailgun id, SendGrid X-Message-Id, ...
    QString providerStatus; // the provider's own status word when it gives one ("queued", ...)
    QString errorCode; // Twilio's numeric code, ...
    QString errorMessage; // the provider's own words
    std::optional<int> retryAfterSeconds;
};

// An OAuth access token obtained from a provider (FCM), cached by the caller until expiry.
struct AccessToken
{
    QString token;
    QDateTime expiresAt;
};

// Per-send inputs that are not the message: the clock (request signing) and an access token.
struct SendContext
{
    QDateTime now;
    QString accessToken; // for providers whose tokenRequest() is not empty
};

// One provider's wire format: pure functions from (message, config) to request and from answer to
// outcome. The outbox dispatcher does the HTTP, the retries and the bookkeeping.
class ProviderAdapter
{
public:
    virtual ~ProviderAdapter() = default;
    virtual ServiceProvider provider() const = 0;
    // The provider's public API root (config key `base_url` and <PROVIDER>_API_BASE_URL override it).
    virtual QUrl defaultBaseUrl(const QJsonObject &config) const = 0;
    virtual ProviderRequest request(
        const OutgoingMessage &message, const QJsonObject &config, const SendContext &context) const = 0;
    virtual ProviderAnswer interpret(
        int httpStatus, const HeaderList &headers, const QByteArray &body) const = 0;

    // Providers that need an OAuth token first (FCM) build its request here and read its answer.
    virtual std::optional<ProviderRequest> tokenRequest(
        const QJsonObject &config, const SendContext &context) const
    {
        Q_UNUSED(config);
        Q_UNUSED(context);
        return std::nullopt;
    }
    virtual std::optional<AccessToken> readToken(
        int httpStatus, const QByteArray &body, const QDateTime &now) const
    {
        Q_UNUSED(httpStatus);
        Q_UNUSED(body);
        Q_UNUSED(now);
        return std::nullopt;
    }
};

// The base URL to use: config `base_url` when set, else `fallback`; never ends with '/'.
QUrl baseUrlOf(const QJsonObject &config, const QUrl &fallback);
// 2xx → Accepted, 429 and 5xx → Retry, other → Rejected; Retry-After (seconds) read when present.
ProviderAnswer classifyStatus(int httpStatus, const HeaderList &headers);

} // namespace sb::channels
