#pragma once

#include "inbound/Ingest.h"

#include <QByteArray>

namespace sb {

// "X-Webhook-Signature: <hex HMAC-SHA256 of the raw body>" (seed 002's CRM scheme; seed 004 signs
// outbound deliveries the same way). An optional "sha256=" prefix is tolerated.
struct HexHmacSignature
{
    static QByteArray sign(QByteArrayView secret, QByteArrayView body);
    static Verification verify(QByteArrayView secret, QByteArrayView body, QByteArrayView presented);
};

} // namespace sb
