#include "ElevenLabsSignature.h"

#include "ConstantTime.h"
#include "SignatureEncoding.h"
#include "TimestampWindow.h"

#include <QMessageAuthenticationCode>
#include <algorithm>

namespace sb {

namespace {

QByteArray hexHmac(QByteArrayView secret, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, secret.toByteArray(), QCryptographicHash::Sha256)
        .toHex();
}

} // namespace

QByteArray ElevenLabsSignature::sign(QByteArrayView secret, qint64 timestamp, QByteArrayView body)
{
    const auto t = QByteArray::number(timestamp);
    return "t=" + t + ",v0=" + hexHmac(secret, stringToSign(t, body));
}

Verification ElevenLabsSignature::verify(
    QByteArrayView secret, QByteArrayView body, QByteArrayView header, qint64 nowSeconds)
{
    Verification result;
    result.scheme = QStringLiteral("elevenlabs");
    result.outcome = Verification::Outcome::Invalid;
    if (header.trimmed().isEmpty()) {
        result.detail = QStringLiteral("missing %1 header").arg(QString::fromLatin1(headerName));
        return result;
    }
    // "t=<unix>,v0=<hex>"; elements in any order, unknown schemes ignored (construct_event does the same).
    QByteArray timestamp;
    QList<QByteArray> signatures;
    for (const auto &element : header.toByteArray().split(',')) {
        const auto item = element.trimmed();
        if (item.startsWith("t="))
            timestamp = item.mid(2);
        else if (item.startsWith("v0="))
            signatures.append(item.mid(3));
    }
    if (timestamp.isEmpty() || signatures.isEmpty()) {
        result.detail
            = QStringLiteral("%1 header \"%2\" lacks %3 (expected t=<unix>,v0=<hex>)")
                  .arg(QString::fromLatin1(headerName), QString::fromUtf8(header),
                      timestamp.isEmpty() ? QStringLiteral("t=") : QStringLiteral("a v0= signature"));
        return result;
    }
    result.stringToSign = stringToSign(timestamp, body);
    const auto seconds = TimestampWindow::parseUnixSeconds(timestamp);
    if (!seconds) {
        result.detail
            = QStringLiteral("timestamp t=%1 is not Unix seconds").arg(QString::fromUtf8(timestamp));
        return result;
    }
    const auto expected = hexHmac(secret, result.stringToSign);
    bool matched = false;
    for (const auto &signature : signatures)
        matched |= constantTimeEquals(expected, signature.toLower());
    const bool hex = std::all_of(
        signatures.cbegin(), signatures.cend(), [](const QByteArray &s) { return isHexDigest(s, 64); });
    TimestampWindow::conclude(result, matched,
        hex ? QStringLiteral("v0 signature does not match HMAC-SHA256(secret, \"<t>.<raw body>\"): "
                             "wrong secret or altered body")
            : QStringLiteral("v0 signature is not a 64-digit hex HMAC-SHA256"),
        TimestampWindow {toleranceSeconds}.check(*seconds, nowSeconds));
    return result;
}

} // namespace sb
