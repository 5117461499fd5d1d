#pragma once

#include "Ingest.h"

#include <QJsonObject>

#include <functional>

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

// Fail-closed verification of one provider callback (DESIGN.md): the first configured secret of
// `secretNames` is used with SignatureCheck's `scheme`; with none configured the request is refused
// (MissingSecret, naming the setting) unless --accept-unverified `provider` was given.
struct ProviderAuth
{
    QString provider;        // twilio, mailgun, signalwire, elevenlabs, campaign
    QString scheme;          // a SignatureCheck provider
    QStringList secretNames; // most specific first (e.g. ELEVENLABS_POST_CALL_WEBHOOK_SECRET)

    Verification verify(const ApiRequest &request, const ProviderDependencies &dependencies) const;
    // Verification when no secret is configured: Unverified or MissingSecret.
    Verification withoutSecret(const ProviderDependencies &dependencies) const;
};

// An Ingest for `provider`, already carrying a 401 rejection when `verification` is not accepted.
Ingest verifiedIngest(const QString &provider, Verification verification);
// 401 for a verification failure, the reason in words (a missing secret names the setting).
ApiError verificationError(const Verification &verification);

// True when a request with this dedup key was already processed: the caller then marks the job a
// duplicate and applies nothing (issue 3: "acknowledged 200, recorded as a duplicate").
bool alreadyProcessed(SqlContext &context, const QString &dedupKey);

// The provider-callback envelope of DESIGN.md.
ApiResponse providerOk(const QString &message = QStringLiteral("Webhook received and processed"),
                       const QJsonObject &extra = {});
// A TwiML document (application/xml) with an optional <Message>.
ApiResponse twiml(const QString &message = {});

// Publishes a catalog event raised by inbound request `recordId`.
void raiseEvent(SqlContext &context, const QString &type, const QString &recordId, QJsonObject payload);

QJsonObject parseJsonObject(const QByteArray &body, QString *error);

// A JSON number of seconds as whole seconds (a fraction is dropped), or nullopt when it is not a
// number or not a duration (negative, or beyond a century; converting such a double to an integer
// would be undefined behaviour).
std::optional<qint64> durationSeconds(const QJsonValue &value);

} // namespace sb
