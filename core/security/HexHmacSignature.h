#pragma once

#include "Verification.h"

#include <QByteArray>

namespace sb {

// "X-Webhook-Signature: <hex HMAC-SHA256 of the raw body>" (seed 002's CRM scheme; seed 004 signs
// outbound deliveries the same way). An optional "sha256=" prefix is tolerated.
// A sender that also sends "X-Webhook-Timestamp: <Unix seconds>" signs `timestamp + "." + body`
// instead, and the timestamp must lie within 5 minutes of the arrival time: a captured request
// cannot be replayed later.
struct HexHmacSignature
{
    static constexpr QByteArrayView signatureHeader = "X-Webhook-Signature";
    static constexpr QByteArrayView timestampHeader = "X-Webhook-Timestamp";
    static constexpr qint64 toleranceSeconds = 5 * 60;

    static QByteArray sign(QByteArrayView secret, QByteArrayView body);
    static QByteArray timestampedStringToSign(QByteArrayView timestamp, QByteArrayView body);
    static Verification verify(QByteArrayView secret, QByteArrayView body, QByteArrayView presented);
    // Either rule, by whether `timestamp` (the X-Webhook-Timestamp value) is present; the window is
    // judged against `nowSeconds`, the request's arrival.
    static Verification verifyRequest(QByteArrayView secret, QByteArrayView body, QByteArrayView presented,
        QByteArrayView timestamp, qint64 nowSeconds);
};

} // namespace sb
