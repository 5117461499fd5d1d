#include "ProviderSupport.h"

#include "InboundLog.h"
#include "PublicUrl.h"
#include "domain/DomainEvent.h"
#include "domain/RecordId.h"
#include "security/NetworkTrust.h"
#include "security/SignatureCheck.h"
#include "storage/SecretStore.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>
#include <QLocale>
#include <cmath>

namespace sb {

Verification ProviderAuth::withoutSecret(const ProviderDependencies &dependencies) const
{
    Verification verification;
    verification.scheme = schemeName(scheme);
    if (dependencies.secrets.acceptsUnverified(provider)) {
        verification.outcome = Verification::Outcome::Unverified;
        verification.detail
            = QStringLiteral("accepted without verification (--accept-unverified %1)").arg(provider);
    } else {
        verification.outcome = Verification::Outcome::MissingSecret;
        verification.detail
            = QStringLiteral("%1 is not configured; set it (environment or Settings) or start with "
                             "--accept-unverified %2")
                  .arg(secretNames.join(QStringLiteral(" or ")), provider);
    }
    return verification;
}

QString ProviderAuth::secret(const ProviderDependencies &dependencies) const
{
    for (const auto &name : secretNames) {
        auto value = dependencies.secrets.value(name);
        if (!value.isEmpty())
            return value;
    }
    return {};
}

SignatureCheckInput ProviderAuth::input(
    const ApiRequest &request, const ProviderDependencies &dependencies, const QString &secret) const
{
    const auto url = PublicUrl::of(request, dependencies.publicUrl ? dependencies.publicUrl() : QString());
    return SignatureCheckInput::fromRequest(scheme, secret.toUtf8(), request, url);
}

std::optional<Verification> ProviderAuth::precheck(
    const ApiRequest &request, const ProviderDependencies &dependencies) const
{
    const auto configured = secret(dependencies);
    if (configured.isEmpty())
        return withoutSecret(dependencies);
    SignatureCheckInput headersOnly;
    headersOnly.scheme = scheme;
    headersOnly.secret = configured.toUtf8();
    headersOnly.headers = request.headers;
    return SignatureCheck::precheck(headersOnly);
}

Verification ProviderAuth::verify(
    const ApiRequest &request, const ProviderDependencies &dependencies, std::optional<FormFields> form) const
{
    const auto configured = secret(dependencies);
    if (configured.isEmpty())
        return withoutSecret(dependencies);
    auto checked = input(request, dependencies, configured);
    checked.form = std::move(form);
    auto verification = SignatureCheck::verify(checked);
    // The console shows the URL that was checked: the most common failure behind a tunnel.
    if (verification.outcome == Verification::Outcome::Invalid
        && (scheme == SignatureScheme::Twilio || scheme == SignatureScheme::SignalWire))
        verification.detail
            += QStringLiteral(" (checked against URL %1)").arg(QString::fromUtf8(checked.url));
    return verification;
}

QByteArray mediaTypeOf(const ApiRequest &request)
{
    return request.mediaType();
}

std::variant<CallbackForm, ApiError> parseCallbackForm(const ApiRequest &request, bool acceptMultipart)
{
    const auto mediaType = mediaTypeOf(request);
    CallbackForm form;
    if (mediaType == "application/x-www-form-urlencoded") {
        auto fields = FormParser::parseBounded(request.body);
        if (!fields)
            return ApiError {ErrorKind::PayloadTooLarge, FormParser::tooManyFieldsMessage(), {}};
        form.fields = std::move(*fields);
        return form;
    }
    if (acceptMultipart && mediaType == "multipart/form-data") {
        const auto parsed = MultipartParser::parse(request.header("Content-Type"), request.body);
        if (parsed.tooManyParts)
            return ApiError {ErrorKind::PayloadTooLarge, FormParser::tooManyFieldsMessage(), {}};
        if (!parsed.ok())
            return ApiError {ErrorKind::BadRequest, QStringLiteral("multipart body: ") + parsed.error, {}};
        form.fields = parsed.fields();
        form.files = parsed.files();
        return form;
    }
    const QString accepted = acceptMultipart
        ? QStringLiteral("application/x-www-form-urlencoded or multipart/form-data")
        : QStringLiteral("application/x-www-form-urlencoded");
    return ApiError {ErrorKind::UnsupportedMediaType,
        mediaType.isEmpty()
            ? QStringLiteral("the request has no Content-Type; this callback accepts %1").arg(accepted)
            : QStringLiteral("Content-Type %1 is not accepted here; this callback accepts %2")
                  .arg(QString::fromLatin1(mediaType), accepted),
        {}};
}

std::optional<FormFields> jsonObjectFields(const QJsonObject &object, qsizetype limit)
{
    if (object.size() > limit)
        return std::nullopt;
    FormFields fields;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const auto value = it.value();
        QString text;
        switch (value.type()) {
        case QJsonValue::String:
            text = value.toString();
            break;
        case QJsonValue::Bool:
            text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
            break;
        case QJsonValue::Double: {
            const double number = value.toDouble();
            // Integral values as integers ("42", not "42.0"); others in the shortest exact form.
            text = std::abs(number) < 9.0e15 && number == std::trunc(number)
                ? QString::number(qint64(number))
                : QString::number(number, 'g', QLocale::FloatingPointShortest);
            break;
        }
        case QJsonValue::Object:
            text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
            break;
        case QJsonValue::Array:
            text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
            break;
        default:
            break;
        }
        fields.append(it.key(), text);
    }
    return fields;
}

Ingest refusedUnverified(const QString &provider, SignatureScheme scheme, const ApiError &error)
{
    Verification verification;
    verification.scheme = schemeName(scheme);
    verification.outcome = Verification::Outcome::Invalid;
    verification.detail = QStringLiteral("not verified: the body was refused (%1)").arg(error.message);
    return Ingest::reject(provider, std::move(verification), error);
}

ApiError verificationError(const Verification &verification)
{
    if (verification.outcome == Verification::Outcome::MissingSecret)
        return ApiError {ErrorKind::Unauthorized, verification.detail, {}};
    return ApiError {
        ErrorKind::Unauthorized, QStringLiteral("Invalid signature: ") + verification.detail, {}};
}

Ingest verifiedIngest(const QString &provider, Verification verification)
{
    Ingest ingest;
    ingest.provider = provider;
    ingest.verification = std::move(verification);
    if (!ingest.verification.accepted())
        ingest.rejection = verificationError(ingest.verification);
    logVerification(provider, ingest.verification);
    return ingest;
}

void logVerification(const QString &provider, const Verification &verification)
{
    if (verification.accepted())
        qCDebug(
            lcInbound, "%s webhook accepted: %s", qPrintable(provider), qPrintable(verification.logText()));
    else
        qCInfo(lcInbound, "%s webhook refused (401): %s", qPrintable(provider),
            qPrintable(verification.logText()));
}

ApiResponse providerOk(const QString &message, const QJsonObject &extra)
{
    QJsonObject body {{QStringLiteral("success"), true}, {QStringLiteral("message"), message}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        body.insert(it.key(), it.value());
    return ApiResponse::json(200, body);
}

ApiResponse twiml(const QString &message)
{
    QByteArray body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>";
    if (!message.isEmpty())
        body += "<Message>" + message.toHtmlEscaped().toUtf8() + "</Message>";
    body += "</Response>";
    return ApiResponse {200, "application/xml", body, {}};
}

std::optional<qint64> durationSeconds(const QJsonValue &value)
{
    constexpr double century = 100.0 * 365 * 24 * 3600;
    const double seconds = value.toDouble(-1);
    if (!value.isDouble() || !(seconds >= 0 && seconds <= century))
        return std::nullopt;
    return qint64(seconds);
}

std::optional<Ingest> refusedByAllowlist(const ApiRequest &request, const ProviderDependencies &dependencies,
    const QString &provider, const QString &variable)
{
    const auto allowed = dependencies.secrets.value(variable);
    if (allowed.isEmpty())
        return std::nullopt;
    CidrList ranges;
    QString error;
    const bool parsed = ranges.parse(allowed, &error);
    if (parsed && ranges.contains(QHostAddress(request.clientIp)))
        return std::nullopt;
    Verification refused;
    refused.scheme = QStringLiteral("ip-allowlist");
    refused.outcome = Verification::Outcome::Invalid;
    refused.detail = parsed ? QStringLiteral("client %1 is not in %2").arg(request.clientIp, variable)
                            : variable + QStringLiteral(" is malformed: ") + error;
    return Ingest::reject(provider, refused, ApiError {ErrorKind::Forbidden, refused.detail, {}});
}

} // namespace sb
