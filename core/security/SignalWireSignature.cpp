#include "SignalWireSignature.h"

#include "SignatureEncoding.h"
#include "TwilioSignature.h"
#include "http/JsonNumber.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMessageAuthenticationCode>
#include <cmath>

namespace sb {

namespace {

// ECMAScript Number::toString(10): the shortest digits that read back as the same number, in plain
// notation from 1e-6 up to 1e21 ("100000000000000000000", "0.00001"), else as "1.5e-7" / "1e+300";
// -0 is "0". (No integer cast: JSON numbers beyond qint64 are valid, and casting them is undefined.)
QString javaScriptNumber(double number)
{
    if (number == 0)
        return QStringLiteral("0");
    const double magnitude = std::abs(number);
    if (magnitude >= 1e-6 && magnitude < 1e21)
        return QString::number(number, 'f', QLocale::FloatingPointShortest);
    auto text = QString::number(number, 'e', QLocale::FloatingPointShortest); // e.g. 1.5e-07
    const auto e = text.indexOf(QLatin1Char('e'));
    qsizetype digits = e + 2;
    while (digits < text.size() - 1 && text.at(digits) == QLatin1Char('0'))
        ++digits;
    return text.left(e + 2) + text.mid(digits);
}

QString javaScriptString(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return javaScriptNumber(value.toDouble());
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Object:
        return QStringLiteral("[object Object]");
    default:
        return {};
    }
}

} // namespace

QString SignalWireSignature::headerProblem(QByteArrayView presented)
{
    const auto candidate = presented.trimmed();
    if (candidate.isEmpty())
        return QStringLiteral("missing %1 (or %2) header")
            .arg(QString::fromLatin1(headerName), QString::fromLatin1(compatibilityHeaderName));
    if (isHexDigest(candidate, 40) || TwilioSignature::headerProblem(candidate).isEmpty())
        return {};
    return QStringLiteral("the signature is neither 40 hex digits (HMAC-SHA1 of URL + body) nor base64 of a "
                          "20-byte HMAC-SHA1 (compatibility rule)");
}

QByteArray SignalWireSignature::signJson(QByteArrayView signingKey, QByteArrayView url, QByteArrayView body)
{
    return QMessageAuthenticationCode::hash(
        stringToSign(url, body), signingKey.toByteArray(), QCryptographicHash::Sha1)
        .toHex();
}

Verification SignalWireSignature::verifyForm(
    QByteArrayView signingKey, QByteArrayView url, const FormFields &params, QByteArrayView presented)
{
    auto result = TwilioSignature::verify(signingKey, url, params, presented);
    result.scheme = QStringLiteral("signalwire-compat");
    if (presented.trimmed().isEmpty())
        result.detail
            = QStringLiteral("missing %1 (or %2) header")
                  .arg(QString::fromLatin1(headerName), QString::fromLatin1(compatibilityHeaderName));
    return result;
}

FormFields SignalWireSignature::jsonFields(QByteArrayView body)
{
    FormFields fields;
    const auto document = QJsonDocument::fromJson(body.toByteArray());
    if (!document.isObject())
        return fields;
    const auto object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it->isArray()) {
            for (const auto &element : it->toArray())
                fields.append(it.key(), javaScriptString(element));
        } else {
            fields.append(it.key(), javaScriptString(*it));
        }
    }
    return fields;
}

Verification SignalWireSignature::verifyJson(
    QByteArrayView signingKey, QByteArrayView url, QByteArrayView body, QByteArrayView presented)
{
    Verification result;
    result.scheme = QStringLiteral("signalwire");
    result.outcome = Verification::Outcome::Invalid;
    result.stringToSign = stringToSign(url, body);
    const auto candidate = presented.trimmed().toByteArray();
    if (candidate.isEmpty()) {
        result.detail = QStringLiteral("missing %1 header").arg(QString::fromLatin1(headerName));
        return result;
    }
    if (url.isEmpty()) {
        result.detail = QStringLiteral("no URL: SignalWire signs the full URL it called");
        return result;
    }
    // signalwire-python tries the URL with and without its port, as for the compatibility rule.
    if (TwilioSignature::matchUrlForm(
            url, candidate.toLower(), result,
            [&](const QByteArray &form) { return signJson(signingKey, form, body); },
            [&](const QByteArray &form) { return stringToSign(form, body); }))
        return result;
    // The fallback of signalwire-js validateRequest: the compatibility rule over the parsed body.
    const auto fields = jsonFields(body);
    if (!fields.isEmpty()) {
        auto compat = TwilioSignature::verify(signingKey, url, fields, candidate);
        if (compat.accepted()) {
            compat.scheme = QStringLiteral("signalwire-compat-json");
            return compat;
        }
    }
    QStringList forms;
    for (const auto &variant : TwilioSignature::urlVariants(url))
        forms.append(QString::fromUtf8(variant));
    const bool looksHex = isHexDigest(candidate, 40);
    result.detail
        = QStringLiteral("signature matches neither hex HMAC-SHA1 of URL + raw body for the URL forms tried "
                         "(%1) nor the compatibility (Twilio) rule over the body's fields%2")
              .arg(forms.join(QStringLiteral(" | ")),
                  looksHex ? QString() : QStringLiteral("; note: the signature is not 40 hex digits"));
    return result;
}

} // namespace sb
