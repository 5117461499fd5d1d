#include "MailgunSignature.h"

#include "ConstantTime.h"
#include "SignatureEncoding.h"
#include "TimestampWindow.h"
#include "http/JsonNumber.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>

namespace sb {

namespace {

const QString scheme = QStringLiteral("mailgun");

Verification invalid(QString detail, QByteArray stringToSign = {})
{
    Verification result;
    result.scheme = scheme;
    result.outcome = Verification::Outcome::Invalid;
    result.detail = std::move(detail);
    result.stringToSign = std::move(stringToSign);
    return result;
}

// The JSON value as the text Mailgun signed: the timestamp may arrive as a number in hand-made tests.
QByteArray jsonText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().toUtf8();
    if (value.isDouble())
        return jsonNumberText(value).toLatin1(); // a fractional or huge timestamp fails the window check
    return {};
}

} // namespace

QByteArray MailgunSignature::sign(QByteArrayView signingKey, QByteArrayView timestamp, QByteArrayView token)
{
    return QMessageAuthenticationCode::hash(
        stringToSign(timestamp, token), signingKey.toByteArray(), QCryptographicHash::Sha256)
        .toHex();
}

Verification MailgunSignature::verify(QByteArrayView signingKey, QByteArrayView timestamp,
    QByteArrayView token, QByteArrayView signature, std::optional<qint64> nowSeconds, qint64 toleranceSeconds)
{
    const auto data = stringToSign(timestamp, token);
    QStringList missing;
    if (timestamp.isEmpty())
        missing << QStringLiteral("timestamp");
    if (token.isEmpty())
        missing << QStringLiteral("token");
    if (signature.isEmpty())
        missing << QStringLiteral("signature");
    if (!missing.isEmpty())
        return invalid(QStringLiteral("missing %1").arg(missing.join(QStringLiteral(", "))), data);
    const auto seconds = TimestampWindow::parseUnixSeconds(timestamp);
    if (!seconds)
        return invalid(
            QStringLiteral("timestamp \"%1\" is not Unix seconds").arg(QString::fromUtf8(timestamp)), data);
    Verification result;
    result.scheme = scheme;
    result.stringToSign = data;
    const bool matched
        = constantTimeEquals(sign(signingKey, timestamp, token), signature.trimmed().toByteArray().toLower());
    const QString mismatch = isHexDigest(signature.trimmed(), 64)
        ? QStringLiteral(
            "signature does not match HMAC-SHA256(signing key, timestamp + token): wrong webhook "
            "signing key (not the API key) or altered timestamp/token")
        : QStringLiteral("signature is not a 64-digit hex HMAC-SHA256");
    TimestampWindow::conclude(result, matched, mismatch,
        nowSeconds ? TimestampWindow {toleranceSeconds}.check(*seconds, *nowSeconds) : QString());
    return result;
}

Verification MailgunSignature::verifyJsonBody(
    QByteArrayView signingKey, QByteArrayView body, std::optional<qint64> nowSeconds, qint64 toleranceSeconds)
{
    QJsonParseError error {};
    const auto document = QJsonDocument::fromJson(body.toByteArray(), &error);
    if (!document.isObject())
        return invalid(QStringLiteral("body is not a JSON object (%1)").arg(error.errorString()));
    const auto signature = document.object().value(QStringLiteral("signature"));
    if (!signature.isObject())
        return invalid(QStringLiteral("JSON body has no \"signature\" object {timestamp, token, signature}"));
    const auto object = signature.toObject();
    return verify(signingKey, jsonText(object.value(QStringLiteral("timestamp"))),
        jsonText(object.value(QStringLiteral("token"))), jsonText(object.value(QStringLiteral("signature"))),
        nowSeconds, toleranceSeconds);
}

Verification MailgunSignature::verifyForm(QByteArrayView signingKey, const FormFields &fields,
    std::optional<qint64> nowSeconds, qint64 toleranceSeconds)
{
    return verify(signingKey, fields.value(u"timestamp").toUtf8(), fields.value(u"token").toUtf8(),
        fields.value(u"signature").toUtf8(), nowSeconds, toleranceSeconds);
}

} // namespace sb
