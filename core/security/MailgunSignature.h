#pragma once

#include "Verification.h"
#include "http/FormParser.h"

#include <optional>

namespace sb {

// Mailgun webhooks (https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks):
// signature = lower-case hex HMAC-SHA256(webhook signing key, timestamp + token). Event webhooks carry
// the three values in the JSON body's "signature" object; routes (inbound mail) post them as form
// fields, urlencoded or multipart. Mailgun recommends also checking the timestamp's freshness and
// rejecting reused tokens; the freshness check is applied when an arrival time is given.
struct MailgunSignature
{
    static constexpr qint64 defaultToleranceSeconds = 15 * 60;

    static QByteArray stringToSign(QByteArrayView timestamp, QByteArrayView token)
    {
        return timestamp.toByteArray() + token.toByteArray();
    }
    static QByteArray sign(QByteArrayView signingKey, QByteArrayView timestamp, QByteArrayView token);
    static Verification verify(QByteArrayView signingKey, QByteArrayView timestamp, QByteArrayView token,
        QByteArrayView signature, std::optional<qint64> nowSeconds = std::nullopt,
        qint64 toleranceSeconds = defaultToleranceSeconds);
    // {"signature": {"timestamp": .., "token": .., "signature": ..}, "event-data": {..}}
    static Verification verifyJsonBody(QByteArrayView signingKey, QByteArrayView body,
        std::optional<qint64> nowSeconds = std::nullopt, qint64 toleranceSeconds = defaultToleranceSeconds);
    static Verification verifyForm(QByteArrayView signingKey, const FormFields &fields,
        std::optional<qint64> nowSeconds = std::nullopt, qint64 toleranceSeconds = defaultToleranceSeconds);
};

} // namespace sb
