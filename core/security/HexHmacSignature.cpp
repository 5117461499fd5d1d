#include "HexHmacSignature.h"

#include "ConstantTime.h"
#include "TimestampWindow.h"

#include <QMessageAuthenticationCode>

namespace sb {

QByteArray HexHmacSignature::sign(QByteArrayView secret, QByteArrayView body)
{
    return QMessageAuthenticationCode::hash(
        body.toByteArray(), secret.toByteArray(), QCryptographicHash::Sha256)
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

QByteArray HexHmacSignature::timestampedStringToSign(QByteArrayView timestamp, QByteArrayView body)
{
    return timestamp.toByteArray() + '.' + body.toByteArray();
}

Verification HexHmacSignature::verifyRequest(QByteArrayView secret, QByteArrayView body,
    QByteArrayView presented, QByteArrayView timestamp, qint64 nowSeconds)
{
    if (timestamp.trimmed().isEmpty()) {
        auto result = verify(secret, body, presented);
        if (presented.trimmed().isEmpty())
            result.detail = QStringLiteral("missing %1 header").arg(QString::fromLatin1(signatureHeader));
        return result;
    }
    const auto trimmed = timestamp.trimmed();
    const auto data = timestampedStringToSign(trimmed, body);
    Verification result;
    result.scheme = QStringLiteral("hmac-sha256-hex-timestamped");
    result.outcome = Verification::Outcome::Invalid;
    result.stringToSign = data;
    const auto seconds = TimestampWindow::parseUnixSeconds(trimmed);
    if (!seconds) {
        result.detail = QStringLiteral("%1 \"%2\" is not Unix seconds")
                            .arg(QString::fromLatin1(timestampHeader), QString::fromUtf8(trimmed));
        return result;
    }
    const auto signed_ = verify(secret, data, presented);
    QString mismatch = signed_.detail;
    if (presented.trimmed().isEmpty())
        mismatch = QStringLiteral("missing %1 header").arg(QString::fromLatin1(signatureHeader));
    else if (mismatch == QLatin1String("signature does not match the body"))
        mismatch = QStringLiteral("signature does not match HMAC-SHA256(secret, timestamp + \".\" + body)");
    TimestampWindow::conclude(result, signed_.outcome == Verification::Outcome::Verified, mismatch,
        TimestampWindow {toleranceSeconds}.check(*seconds, nowSeconds));
    return result;
}

} // namespace sb
