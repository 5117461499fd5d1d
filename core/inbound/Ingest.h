#pragma once

#include "server/HttpTypes.h"

#include <functional>
#include <optional>

namespace sb {

class SqlContext;

// The outcome of checking a request's signature or token, stored with the request.
struct Verification
{
    enum class Outcome {
        NotRequired,   // route has no authentication (e.g. the test webhook)
        Verified,      // signature/token matched
        Unverified,    // accepted without a secret because of --accept-unverified (warned)
        MissingSecret, // fail-closed: no secret configured
        Invalid,       // wrong, missing or stale signature
    };
    Outcome outcome = Outcome::NotRequired;
    QString scheme; // e.g. "hmac-sha256-hex", "twilio"
    QString detail; // why it failed, in words
    QByteArray stringToSign;

    bool accepted() const
    {
        return outcome == Outcome::NotRequired || outcome == Outcome::Verified || outcome == Outcome::Unverified;
    }
    static QString outcomeName(Outcome outcome);
};

// What a webhook handler makes of a request on the server thread: who it is from, whether it is
// authentic, and the change to apply inside the writer's transaction.
struct Ingest
{
    QString provider;  // crm, twilio, mailgun, test, ...
    QString eventType; // the event named in the payload, if any
    QString source;    // the sending system, if the payload says
    Verification verification;
    std::optional<ApiError> rejection;            // answer this without applying anything
    std::function<ApiResult(SqlContext &)> apply; // runs in the group commit
    QString dedupKey;                             // provider's own id for repeated callbacks

    static Ingest reject(QString provider, Verification verification, ApiError error)
    {
        Ingest ingest;
        ingest.provider = std::move(provider);
        ingest.verification = std::move(verification);
        ingest.rejection = std::move(error);
        return ingest;
    }
};

} // namespace sb
