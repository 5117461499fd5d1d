#pragma once

#include "http/JsonBody.h"
#include "http/MultipartParser.h"
#include "security/SignatureCheck.h"
#include "server/Ingest.h"

#include <QJsonObject>
#include <functional>
#include <optional>
#include <variant>

namespace sb {

class SecretStore;
class SqlContext;

// What the provider families (Twilio, Mailgun, SignalWire, ElevenLabs, campaign) need besides the
// request: secrets, the public URL setting and the phone region (like CrmDependencies).
struct ProviderDependencies
{
    const SecretStore &secrets;
    // The run's --public-url, read per request: the Settings view may change it while running.
    std::function<QString()> publicUrl;
    QString phoneRegion = QStringLiteral("US");
};

// A provider's source-IP allowlist (seed 001): `variable` (SIGNALWIRE_ALLOWED_IPS,
// ELEVENLABS_ALLOWED_IPS) holds a CIDR list, read like a secret (environment over stored setting).
// When it is set, a client outside it (or any client, while the list is malformed) is refused 403
// before anything is verified or parsed; nullopt lets the request go on.
std::optional<Ingest> refusedByAllowlist(const ApiRequest &request, const ProviderDependencies &dependencies,
    const QString &provider, const QString &variable);

// Fail-closed verification of one provider callback (DESIGN.md): the first configured secret of
// `secretNames` is used with SignatureCheck's `scheme`; with none configured the request is refused
// (MissingSecret, naming the setting) unless --accept-unverified `provider` was given.
struct ProviderAuth
{
    QString provider; // twilio, mailgun, signalwire, elevenlabs, campaign
    SignatureScheme scheme;
    QStringList secretNames; // most specific first (e.g. ELEVENLABS_POST_CALL_WEBHOOK_SECRET)

    // The checks before the body is parsed (SignatureCheck::precheck): the verdict when no secret is
    // configured (Unverified or MissingSecret), a refusal for an absent or malformed signature
    // header, or nullopt when the signature must be checked over the parsed body.
    std::optional<Verification> precheck(
        const ApiRequest &request, const ProviderDependencies &dependencies) const;
    // The full check. `form`: the fields the handler parsed from the body and will apply (form
    // schemes); without it the scheme reads the raw body (JSON schemes).
    Verification verify(const ApiRequest &request, const ProviderDependencies &dependencies,
        std::optional<FormFields> form = std::nullopt) const;
    // Verification when no secret is configured: Unverified or MissingSecret.
    Verification withoutSecret(const ProviderDependencies &dependencies) const;

private:
    QString secret(const ProviderDependencies &dependencies) const;
    SignatureCheckInput input(
        const ApiRequest &request, const ProviderDependencies &dependencies, const QString &secret) const;
};

// A provider callback's form body, parsed once: the fields its signature is checked over are the
// fields its handler applies.
struct CallbackForm
{
    FormFields fields;
    QList<MultipartPart> files; // multipart uploads (not fields)
};

// The media type of the request's Content-Type, lower-cased, without parameters.
QByteArray mediaTypeOf(const ApiRequest &request);
// Parses the body as application/x-www-form-urlencoded (and multipart/form-data when
// `acceptMultipart`): 415 for any other Content-Type, 413 past FormParser::maxFields fields, 400 for
// a malformed multipart body.
std::variant<CallbackForm, ApiError> parseCallbackForm(const ApiRequest &request, bool acceptMultipart);
// The top-level members of a JSON object as form fields (strings as they are, numbers and booleans
// as text, objects and arrays as compact JSON, null as empty text); nullopt past `limit` members.
std::optional<FormFields> jsonObjectFields(
    const QJsonObject &object, qsizetype limit = FormParser::maxFields);
// An Ingest refused before its signature could be checked (415, 413, 400 on the body): recorded as
// not verified, with the reason.
Ingest refusedUnverified(const QString &provider, SignatureScheme scheme, const ApiError &error);

// An Ingest for `provider`, already carrying a 401 rejection when `verification` is not accepted.
Ingest verifiedIngest(const QString &provider, Verification verification);
// Logs a verification: a refusal and why (info), an accepted request (debug). Never the signature.
void logVerification(const QString &provider, const Verification &verification);
// 401 for a verification failure, the reason in words (a missing secret names the setting).
ApiError verificationError(const Verification &verification);

// The provider-callback envelope of DESIGN.md.
ApiResponse providerOk(
    const QString &message = QStringLiteral("Webhook received and processed"), const QJsonObject &extra = {});
// A TwiML document (application/xml) with an optional <Message>.
ApiResponse twiml(const QString &message = {});

// A JSON number of seconds as whole seconds (a fraction is dropped), or nullopt when it is not a
// number or not a duration (negative, or beyond a century; converting such a double to an integer
// would be undefined behaviour).
std::optional<qint64> durationSeconds(const QJsonValue &value);

} // namespace sb
