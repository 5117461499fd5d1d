#include "SignatureCheck.h"

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

} // namespace

SignatureCheckInput SignatureCheckInput::fromRequest(QString provider, QByteArray secret, const ApiRequest &request,
                                                     QByteArray publicUrl)
{
    SignatureCheckInput input;
    input.provider = std::move(provider);
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
    return {QStringLiteral("twilio"),   QStringLiteral("signalwire"), QStringLiteral("mailgun"),
            QStringLiteral("elevenlabs"), QStringLiteral("standard"), QStringLiteral("github"),
            QStringLiteral("hmac-sha256")};
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
    const auto &provider = input.provider;
    if (!isKnownProvider(provider))
        return failed(provider, QStringLiteral("unknown provider \"%1\"").arg(provider));
    if (input.secret.isEmpty()) {
        Verification result;
        result.scheme = provider;
        result.outcome = Verification::Outcome::MissingSecret;
        result.detail = QStringLiteral("no secret configured for %1").arg(provider);
        return result;
    }
    if (provider == QLatin1String("twilio")) {
        if (const auto problem = TwilioSignature::headerProblem(input.header(TwilioSignature::headerName));
            !problem.isEmpty())
            return failed(QStringLiteral("twilio"), problem);
    }
    if (provider == QLatin1String("signalwire")) {
        if (const auto problem = SignalWireSignature::headerProblem(signalWireHeader(input));
            !problem.isEmpty())
            return failed(QStringLiteral("signalwire"), problem);
    }
    return std::nullopt;
}

Verification SignatureCheck::verify(const SignatureCheckInput &input)
{
    if (auto refused = precheck(input))
        return *refused;
    const auto &provider = input.provider;
    const auto requireNow = [&](const QString &scheme) -> std::optional<Verification> {
        if (input.nowSeconds)
            return std::nullopt;
        return failed(scheme, QStringLiteral("no arrival time to judge the timestamp against"));
    };

    if (provider == QLatin1String("twilio")) {
        QString formError;
        const auto form = formOf(input, &formError);
        if (!formError.isEmpty())
            return failed(QStringLiteral("twilio"), formError);
        return TwilioSignature::verifyRequest(input.secret, input.url, form, input.body,
                                              input.header(TwilioSignature::headerName));
    }
    if (provider == QLatin1String("signalwire")) {
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
    if (provider == QLatin1String("mailgun")) {
        const auto contentType = input.header("Content-Type").toLower();
        if (!input.form && (contentType.startsWith("application/json") || looksLikeJson(input.body)))
            return MailgunSignature::verifyJsonBody(input.secret, input.body, input.nowSeconds);
        QString formError;
        const auto form = formOf(input, &formError);
        if (!formError.isEmpty())
            return failed(QStringLiteral("mailgun"), formError);
        return MailgunSignature::verifyForm(input.secret, form, input.nowSeconds);
    }
    if (provider == QLatin1String("elevenlabs")) {
        if (auto missing = requireNow(QStringLiteral("elevenlabs")))
            return *missing;
        return ElevenLabsSignature::verify(input.secret, input.body, input.header(ElevenLabsSignature::headerName),
                                           *input.nowSeconds);
    }
    if (provider == QLatin1String("standard")) {
        if (auto missing = requireNow(QStringLiteral("standard-webhooks")))
            return *missing;
        return StandardWebhookSignature::verify(input.secret, input.header(StandardWebhookSignature::idHeader),
                                                input.header(StandardWebhookSignature::timestampHeader),
                                                input.header(StandardWebhookSignature::signatureHeader), input.body,
                                                *input.nowSeconds);
    }
    if (provider == QLatin1String("github"))
        return GithubSignature::verify(input.secret, input.body, input.header(GithubSignature::headerName));

    // hmac-sha256: the CRM scheme of seed 002 (X-Webhook-Signature, optionally X-Webhook-Timestamp).
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

} // namespace sb
