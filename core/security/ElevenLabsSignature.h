#pragma once

#include "Verification.h"

namespace sb {

// ElevenLabs webhooks (https://elevenlabs.io/docs/product-guides/administration/webhooks, and the
// SDKs' webhooks.construct_event / constructEvent):
//   ElevenLabs-Signature: t=<unix seconds>,v0=<lower-case hex HMAC-SHA256(secret, "<t>.<raw body>")>
// The SDKs reject a timestamp more than 30 minutes older than now. A timestamp more than 30 minutes
// ahead is rejected here too: only a forged or badly skewed sender produces one, and accepting it
// would keep a captured request replayable for longer.
struct ElevenLabsSignature
{
    static constexpr QByteArrayView headerName = "ElevenLabs-Signature";
    static constexpr qint64 toleranceSeconds = 30 * 60;

    static QByteArray stringToSign(QByteArrayView timestamp, QByteArrayView body)
    {
        return timestamp.toByteArray() + '.' + body.toByteArray();
    }
    // The header value for `body` signed at `timestamp`.
    static QByteArray sign(QByteArrayView secret, qint64 timestamp, QByteArrayView body);
    static Verification verify(
        QByteArrayView secret, QByteArrayView body, QByteArrayView header, qint64 nowSeconds);
};

} // namespace sb
