#pragma once

#include "http/HttpTypes.h"
#include "security/Verification.h"

#include <functional>
#include <optional>

namespace sb {

class SqlContext;

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
