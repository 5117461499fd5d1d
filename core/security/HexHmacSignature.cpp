#include "HexHmacSignature.h"

#include "ConstantTime.h"

#include <QMessageAuthenticationCode>

namespace sb {

QByteArray HexHmacSignature::sign(QByteArrayView secret, QByteArrayView body)
{
    return QMessageAuthenticationCode::hash(body.toByteArray(), secret.toByteArray(), QCryptographicHash::Sha256)
        .toHex();
}

Verification HexHmacSignature::verify(QByteArrayView secret, QByteArrayView body, QByteArrayView presented)
{
    Verification result;
    result.scheme = QStringLiteral("hmac-sha256-hex");
    QByteArray candidate = presented.trimmed().toByteArray();
    if (candidate.startsWith("sha256="))
        candidate = candidate.mid(7);
    if (candidate.isEmpty()) {
        result.outcome = Verification::Outcome::Invalid;
        result.detail = QStringLiteral("missing signature header");
        return result;
    }
    const auto expected = sign(secret, body);
    if (constantTimeEquals(expected, candidate.toLower())) {
        result.outcome = Verification::Outcome::Verified;
        return result;
    }
    result.outcome = Verification::Outcome::Invalid;
    result.detail = candidate.size() != expected.size()
        ? QStringLiteral("signature is not a 64-character hex HMAC-SHA256")
        : QStringLiteral("signature does not match the body");
    return result;
}

} // namespace sb
