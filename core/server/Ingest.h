#pragma once

#include "http/HttpTypes.h"
#include "security/Verification.h"
#include "storage/InboundRepository.h"

#include <functional>
#include <optional>

namespace sb {

class SqlContext;

// What a webhook handler makes of a request on the server thread: who it is from, whether it is
// authentic, and the change to apply inside the writer's transaction.
struct Ingest
{
    QString provider; // crm, twilio, mailgun, test, ...
    QString eventType; // the event named in the payload, if any
    QString source; // the sending system, if the payload says
    Verification verification;
    std::optional<ApiError> rejection; // answer this without applying anything
    std::function<ApiResult(SqlContext &)> apply; // runs in the group commit

    // Deduplication is the pipeline's: inside the group commit, before `apply`, a request whose
    // dedupKey was already processed (at or after dedupSinceMs) applies nothing, is recorded
    // `duplicate` and is answered with duplicateAnswer, or, without one, with the first answer again.
    QString dedupKey; // provider's own id for repeated callbacks; empty: never a duplicate
    qint64 dedupSinceMs = 0;
    std::function<ApiResult(SqlContext &, const ProcessedRequest &first)> duplicateAnswer;
    // A check in the group commit before deduplication (a provider's replay guard); an error refuses
    // the request and applies nothing.
    std::function<std::optional<ApiError>(SqlContext &)> admit;

    // Every repeat gets this fixed answer (the provider's acknowledgement).
    void answerDuplicatesWith(ApiResponse answer)
    {
        duplicateAnswer = [answer = std::move(answer)](
                              SqlContext &, const ProcessedRequest &) -> ApiResult { return answer; };
    }

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
