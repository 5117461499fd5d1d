#include "StandardWebhookSignature.h"

#include "ConstantTime.h"
#include "TimestampWindow.h"

#include <QMessageAuthenticationCode>

namespace sb {

namespace {

constexpr QByteArrayView secretPrefix = "whsec_";

std::optional<QByteArray> strictBase64(QByteArrayView text)
{
    auto decoded
        = QByteArray::fromBase64Encoding(text.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return std::nullopt;
    return decoded.decoded;
}

QByteArray hmac(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

} // namespace

QByteArray StandardWebhookSignature::signingKey(QByteArrayView secret, QString *error)
{
    if (secret.startsWith(secretPrefix)) {
        if (const auto key = strictBase64(secret.sliced(secretPrefix.size())))
            return *key;
        if (error)
            *error = QStringLiteral("the secret after \"whsec_\" is not valid base64");
        return {};
    }
    return secret.toByteArray();
}

QByteArray StandardWebhookSignature::sign(
    QByteArrayView secret, QByteArrayView id, qint64 timestamp, QByteArrayView body)
{
    const auto key = signingKey(secret);
    return "v1," + hmac(key, stringToSign(id, QByteArray::number(timestamp), body)).toBase64();
}

Verification StandardWebhookSignature::verify(QByteArrayView secret, QByteArrayView id,
    QByteArrayView timestamp, QByteArrayView signatures, QByteArrayView body, qint64 nowSeconds)
{
    Verification result;
    result.scheme = QStringLiteral("standard-webhooks");
    result.outcome = Verification::Outcome::Invalid;
    QStringList missing;
    if (id.isEmpty())
        missing << QString::fromLatin1(idHeader);
    if (timestamp.isEmpty())
        missing << QString::fromLatin1(timestampHeader);
    if (signatures.trimmed().isEmpty())
        missing << QString::fromLatin1(signatureHeader);
    if (!missing.isEmpty()) {
        result.detail = QStringLiteral("missing %1 header").arg(missing.join(QStringLiteral(", ")));
        return result;
    }
    result.stringToSign = stringToSign(id, timestamp, body);
    const auto seconds = TimestampWindow::parseUnixSeconds(timestamp);
    if (!seconds) {
        result.detail = QStringLiteral("webhook-timestamp \"%1\" is not Unix seconds")
                            .arg(QString::fromUtf8(timestamp));
        return result;
    }
    QString keyError;
    QList<QByteArray> keys;
    const auto primary = signingKey(secret, &keyError);
    if (primary.isEmpty()) {
        result.detail = keyError.isEmpty() ? QStringLiteral("empty secret") : keyError;
        return result;
    }
    keys.append(primary);
    if (!secret.startsWith(secretPrefix)) {
        if (const auto decoded = strictBase64(secret); decoded && *decoded != primary)
            keys.append(*decoded);
    }

    QList<QByteArray> expected;
    for (const auto &key : keys)
        expected.append(hmac(key, result.stringToSign));
    bool matched = false;
    int v1Count = 0;
    int badEncoding = 0;
    // [standard-webhooks spec] the header is a space-delimited list of "<version>,<signature>";
    // versions other than v1 are skipped, any v1 that matches wins.
    for (const auto &entry : signatures.toByteArray().split(' ')) {
        if (entry.isEmpty())
            continue;
        const qsizetype comma = entry.indexOf(',');
        if (comma < 0 || entry.first(comma) != "v1")
            continue;
        ++v1Count;
        const auto decoded = strictBase64(entry.sliced(comma + 1));
        if (!decoded) {
            ++badEncoding;
            continue;
        }
        for (const auto &candidate : expected)
            matched |= constantTimeEquals(candidate, *decoded);
    }
    QString mismatch;
    if (v1Count == 0)
        mismatch = QStringLiteral("webhook-signature has no \"v1,<base64>\" entry");
    else if (badEncoding == v1Count)
        mismatch = QStringLiteral("no v1 signature is valid base64");
    else
        mismatch = QStringLiteral(
            "none of the %1 v1 signature(s) matches HMAC-SHA256(key, \"id.timestamp.body\"): "
            "wrong secret or altered body")
                       .arg(v1Count);
    TimestampWindow::conclude(
        result, matched, mismatch, TimestampWindow {toleranceSeconds}.check(*seconds, nowSeconds));
    return result;
}

} // namespace sb
