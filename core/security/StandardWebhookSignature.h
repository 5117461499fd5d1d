#pragma once

#include "Verification.h"

namespace sb {

// Standard Webhooks (https://www.standardwebhooks.com, spec.md "Signature scheme"):
//   webhook-id, webhook-timestamp (Unix seconds), webhook-signature: space-separated "v1,<base64>"
//   v1 = base64(HMAC-SHA256(key, "<id>.<timestamp>.<raw body>")), any listed signature may match.
// The key of a "whsec_<base64>" secret is the decoded base64. A secret without the prefix is used as
// its UTF-8 bytes (outbound configs hold free-form secrets); for verification its base64 decoding is
// tried as well, because the reference libraries decode unprefixed secrets as base64.
// Timestamps more than 5 minutes from the arrival time are rejected either way.
struct StandardWebhookSignature
{
    static constexpr QByteArrayView idHeader = "webhook-id";
    static constexpr QByteArrayView timestampHeader = "webhook-timestamp";
    static constexpr QByteArrayView signatureHeader = "webhook-signature";
    static constexpr qint64 toleranceSeconds = 5 * 60;

    static QByteArray stringToSign(QByteArrayView id, QByteArrayView timestamp, QByteArrayView body)
    {
        return id.toByteArray() + '.' + timestamp.toByteArray() + '.' + body.toByteArray();
    }
    // The signing key of `secret`; empty with `error` set when a whsec_ secret is not base64.
    static QByteArray signingKey(QByteArrayView secret, QString *error = nullptr);
    // The webhook-signature value "v1,<base64>" the outbound dispatcher sends.
    static QByteArray sign(QByteArrayView secret, QByteArrayView id, qint64 timestamp, QByteArrayView body);
    static Verification verify(QByteArrayView secret, QByteArrayView id, QByteArrayView timestamp,
        QByteArrayView signatures, QByteArrayView body, qint64 nowSeconds);
};

} // namespace sb
