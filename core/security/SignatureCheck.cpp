#include "SignatureCheck.h"

#include "ConstantTime.h"
#include "ElevenLabsSignature.h"
#include "GithubSignature.h"
#include "HexHmacSignature.h"
#include "MailgunSignature.h"
#include "SignalWireSignature.h"
#include "StandardWebhookSignature.h"
#include "TwilioSignature.h"
#include "http/MultipartParser.h"

namespace sb {

namespace {

bool looksLikeJson(QByteArrayView body)
{
    const auto trimmed = body.trimmed();
    return trimmed.startsWith('{') || trimmed.startsWith('[');
}

bool isUrlEncoded(QByteArrayView contentType)
{
    return contentType.trimmed().toByteArray().toLower().startsWith("application/x-www-form-urlencoded");
}

Verification failed(const QString &scheme, QString detail)
{
    Verification result;
    result.scheme = scheme;
    result.outcome = Verification::Outcome::Invalid;
    result.detail = std::move(detail);
    return result;
}

QByteArray signalWireHeader(const SignatureCheckInput &input)
{
    auto presented = input.header(SignalWireSignature::headerName);
    if (presented.isEmpty())
        presented = input.header(SignalWireSignature::compatibilityHeaderName);
    return presented;
}

constexpr SignatureScheme allSchemes[] = {
    SignatureScheme::Twilio,
    SignatureScheme::SignalWire,
    SignatureScheme::Mailgun,
    SignatureScheme::ElevenLabs,
    SignatureScheme::StandardWebhooks,
    SignatureScheme::Github,
    SignatureScheme::HexHmac,
    SignatureScheme::Bearer,
};

Verification verifyBearer(const SignatureCheckInput &input)
{
    Verification verification;
    verification.scheme = schemeName(SignatureScheme::Bearer);
    const auto authorization = input.header("Authorization").trimmed();
    // [rfc6750] 2.1: the scheme name is case-insensitive.
    const bool bearer = authorization.size() > 7
        && QByteArrayView(authorization).first(7).compare("Bearer ", Qt::CaseInsensitive) == 0;
    if (bearer && constantTimeEquals(authorization.mid(7).trimmed(), input.secret)) {
        verification.outcome = Verification::Outcome::Verified;
        return verification;
    }
    verification.outcome = Verification::Outcome::Invalid;
    verification.detail = bearer ? QStringLiteral("the bearer token does not match")
                                 : QStringLiteral("missing Authorization: Bearer <token>");
    return verification;
}

} // namespace

QString schemeName(SignatureScheme scheme)
{
    switch (scheme) {
    case SignatureScheme::Twilio:
        return QStringLiteral("twilio");
    case SignatureScheme::SignalWire:
        return QStringLiteral("signalwire");
    case SignatureScheme::Mailgun:
        return QStringLiteral("mailgun");
    case SignatureScheme::ElevenLabs:
        return QStringLiteral("elevenlabs");
    case SignatureScheme::StandardWebhooks:
        return QStringLiteral("standard");
    case SignatureScheme::Github:
        return QStringLiteral("github");
    case SignatureScheme::HexHmac:
        return QStringLiteral("hmac-sha256");
    case SignatureScheme::Bearer:
        return QStringLiteral("bearer");
    }
    return {};
}

std::optional<SignatureScheme> schemeNamed(QStringView name)
{
    for (const auto scheme : allSchemes) {
        if (schemeName(scheme) == name)
            return scheme;
    }
    return std::nullopt;
}

SignatureCheckInput SignatureCheckInput::fromRequest(
    SignatureScheme scheme, QByteArray secret, const ApiRequest &request, QByteArray publicUrl)
{
    SignatureCheckInput input;
    input.scheme = scheme;
    input.secret = std::move(secret);
    input.url = std::move(publicUrl);
    input.headers = request.headers;
    input.body = request.body;
    input.nowSeconds = request.receivedAtMs / 1000;
    return input;
}

QByteArray SignatureCheckInput::header(QByteArrayView name) const
{
    // The last value wins, as in ApiRequest::header.
    for (auto it = headers.crbegin(); it != headers.crend(); ++it) {
        if (name.compare(it->first, Qt::CaseInsensitive) == 0)
            return it->second;
    }
    return {};
}

QStringList SignatureCheck::providers()
{
    QStringList names;
    for (const auto scheme : allSchemes)
        names.append(schemeName(scheme));
    return names;
}

FormFields SignatureCheck::formOf(const SignatureCheckInput &input, QString *error)
{
    if (input.form)
        return *input.form;
    const auto contentType = input.header("Content-Type");
    if (MultipartParser::isMultipartFormData(contentType)) {
        const auto parsed = MultipartParser::parse(contentType, input.body);
        if (!parsed.ok() && error)
            *error = QStringLiteral("multipart body: ") + parsed.error;
        return parsed.fields();
    }
    if (isUrlEncoded(contentType) || (contentType.isEmpty() && !looksLikeJson(input.body))) {
        auto fields = FormParser::parseBounded(input.body);
        if (!fields && error)
            *error = FormParser::tooManyFieldsMessage();
        return fields.value_or(FormFields());
    }
    return {};
}

std::optional<Verification> SignatureCheck::precheck(const SignatureCheckInput &input)
{
    const auto name = schemeName(input.scheme);
    if (input.secret.isEmpty()) {
        Verification result;
        result.scheme = name;
        result.outcome = Verification::Outcome::MissingSecret;
        result.detail = QStringLiteral("no secret configured for %1").arg(name);
        return result;
    }
    QString problem;
    switch (input.scheme) {
    case SignatureScheme::Twilio:
        problem = TwilioSignature::headerProblem(input.header(TwilioSignature::headerName));
        break;
    case SignatureScheme::SignalWire:
        problem = SignalWireSignature::headerProblem(signalWireHeader(input));
        break;
    case SignatureScheme::Mailgun:
    case SignatureScheme::ElevenLabs:
    case SignatureScheme::StandardWebhooks:
    case SignatureScheme::Github:
    case SignatureScheme::HexHmac:
    case SignatureScheme::Bearer:
        break; // their headers are judged with the body
    }
    if (!problem.isEmpty())
        return failed(name, problem);
    return std::nullopt;
}

Verification SignatureCheck::verify(const SignatureCheckInput &input)
{
    if (auto refused = precheck(input))
        return *refused;
    const auto requireNow = [&](const QString &scheme) -> std::optional<Verification> {
        if (input.nowSeconds)
            return std::nullopt;
        return failed(scheme, QStringLiteral("no arrival time to judge the timestamp against"));
    };

    switch (input.scheme) {
    case SignatureScheme::Twilio: {
        QString formError;
        const auto form = formOf(input, &formError);
        if (!formError.isEmpty())
            return failed(QStringLiteral("twilio"), formError);
        return TwilioSignature::verifyRequest(
            input.secret, input.url, form, input.body, input.header(TwilioSignature::headerName));
    }
    case SignatureScheme::SignalWire: {
        const auto presented = signalWireHeader(input);
        // Form callbacks are LaML/compatibility; everything else is a JSON (RELAY/SWML) callback.
        if (input.form)
            return SignalWireSignature::verifyForm(input.secret, input.url, *input.form, presented);
        QString formError;
        const auto form = formOf(input, &formError);
        if (!formError.isEmpty())
            return failed(QStringLiteral("signalwire"), formError);
        if (!form.isEmpty())
            return SignalWireSignature::verifyForm(input.secret, input.url, form, presented);
        return SignalWireSignature::verifyJson(input.secret, input.url, input.body, presented);
    }
    case SignatureScheme::Mailgun: {
        const auto contentType = input.header("Content-Type").toLower();
        if (!input.form && (contentType.startsWith("application/json") || looksLikeJson(input.body)))
            return MailgunSignature::verifyJsonBody(input.secret, input.body, input.nowSeconds);
        QString formError;
        const auto form = formOf(input, &formError);
        if (!formError.isEmpty())
            return failed(QStringLiteral("mailgun"), formError);
        return MailgunSignature::verifyForm(input.secret, form, input.nowSeconds);
    }
    case SignatureScheme::ElevenLabs:
        if (auto missing = requireNow(QStringLiteral("elevenlabs")))
            return *missing;
        return ElevenLabsSignature::verify(
            input.secret, input.body, input.header(ElevenLabsSignature::headerName), *input.nowSeconds);
    case SignatureScheme::StandardWebhooks:
        if (auto missing = requireNow(QStringLiteral("standard-webhooks")))
            return *missing;
        return StandardWebhookSignature::verify(input.secret,
            input.header(StandardWebhookSignature::idHeader),
            input.header(StandardWebhookSignature::timestampHeader),
            input.header(StandardWebhookSignature::signatureHeader), input.body, *input.nowSeconds);
    case SignatureScheme::Github:
        return GithubSignature::verify(input.secret, input.body, input.header(GithubSignature::headerName));
    case SignatureScheme::HexHmac: {
        // The CRM scheme of seed 002 (X-Webhook-Signature, optionally X-Webhook-Timestamp).
        const auto timestamp = input.header(HexHmacSignature::timestampHeader);
        if (!timestamp.isEmpty()) {
            if (auto missing = requireNow(QStringLiteral("hmac-sha256-hex-timestamped")))
                return *missing;
        }
        auto result = HexHmacSignature::verifyRequest(input.secret, input.body,
            input.header(HexHmacSignature::signatureHeader), timestamp, input.nowSeconds.value_or(0));
        if (timestamp.isEmpty())
            result.stringToSign = input.body;
        return result;
    }
    case SignatureScheme::Bearer:
        return verifyBearer(input);
    }
    return failed(schemeName(input.scheme), QStringLiteral("no check for this scheme"));
}

} // namespace sb
