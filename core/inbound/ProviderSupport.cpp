#include "ProviderSupport.h"

#include "PublicUrl.h"
#include "domain/RecordId.h"
#include "events/DomainEvent.h"
#include "security/SecretStore.h"
#include "security/SignatureCheck.h"
#include "storage/SqlWorker.h"

namespace sb {

Verification ProviderAuth::withoutSecret(const ProviderDependencies &dependencies) const
{
    Verification verification;
    verification.scheme = scheme;
    if (dependencies.secrets.acceptsUnverified(provider)) {
        verification.outcome = Verification::Outcome::Unverified;
        verification.detail = QStringLiteral("accepted without verification (--accept-unverified %1)").arg(provider);
    } else {
        verification.outcome = Verification::Outcome::MissingSecret;
        verification.detail = QStringLiteral("%1 is not configured; set it (environment or Settings) or start with "
                                             "--accept-unverified %2")
                                  .arg(secretNames.join(QStringLiteral(" or ")), provider);
    }
    return verification;
}

Verification ProviderAuth::verify(const ApiRequest &request, const ProviderDependencies &dependencies) const
{
    QString secret;
    for (const auto &name : secretNames) {
        secret = dependencies.secrets.value(name);
        if (!secret.isEmpty())
            break;
    }
    if (secret.isEmpty())
        return withoutSecret(dependencies);
    const auto url = PublicUrl::of(request, dependencies.publicUrl ? dependencies.publicUrl() : QString());
    auto verification = SignatureCheck::verify(SignatureCheckInput::fromRequest(scheme, secret.toUtf8(), request, url));
    // The console shows the URL that was checked: the most common failure behind a tunnel.
    if (verification.outcome == Verification::Outcome::Invalid && (scheme == QLatin1String("twilio")
                                                                   || scheme == QLatin1String("signalwire")))
        verification.detail += QStringLiteral(" (checked against URL %1)").arg(QString::fromUtf8(url));
    return verification;
}

ApiError verificationError(const Verification &verification)
{
    if (verification.outcome == Verification::Outcome::MissingSecret)
        return ApiError{401, verification.detail, {}};
    return ApiError{401, QStringLiteral("Invalid signature: ") + verification.detail, {}};
}

Ingest verifiedIngest(const QString &provider, Verification verification)
{
    Ingest ingest;
    ingest.provider = provider;
    ingest.verification = std::move(verification);
    if (!ingest.verification.accepted())
        ingest.rejection = verificationError(ingest.verification);
    return ingest;
}

bool alreadyProcessed(SqlContext &context, const QString &dedupKey)
{
    if (dedupKey.isEmpty())
        return false;
    auto &query = context.run(
        QStringLiteral("SELECT 1 FROM inbound_requests WHERE dedup_key = ? AND status = 'processed' LIMIT 1"), {dedupKey});
    const bool seen = query.next();
    query.finish();
    return seen;
}

ApiResponse providerOk(const QString &message, const QJsonObject &extra)
{
    QJsonObject body{{QStringLiteral("success"), true}, {QStringLiteral("message"), message}};
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
    return ApiResponse{200, "application/xml", body, {}};
}

void raiseEvent(SqlContext &context, const QString &type, const QString &recordId, QJsonObject payload)
{
    payload.insert(QStringLiteral("sourceRecordId"), recordId);
    context.publish(DomainEvent{newRecordId(u"evt_", context.nowMs()), type, context.nowMs(), recordId, payload});
}

QJsonObject parseJsonObject(const QByteArray &body, QString *error)
{
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("malformed JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString());
        return {};
    }
    if (!document.isObject()) {
        *error = QStringLiteral("the request body must be a JSON object");
        return {};
    }
    return document.object();
}

std::optional<qint64> durationSeconds(const QJsonValue &value)
{
    constexpr double century = 100.0 * 365 * 24 * 3600;
    const double seconds = value.toDouble(-1);
    if (!value.isDouble() || !(seconds >= 0 && seconds <= century))
        return std::nullopt;
    return qint64(seconds);
}

} // namespace sb
