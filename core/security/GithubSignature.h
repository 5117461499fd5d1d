#pragma once

#include "Verification.h"

namespace sb {

// GitHub webhooks (https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries):
//   X-Hub-Signature-256: sha256=<lower-case hex HMAC-SHA256(secret, raw body)>
// The "sha256=" prefix is required; the legacy SHA-1 X-Hub-Signature is not accepted.
struct GithubSignature
{
    static constexpr QByteArrayView headerName = "X-Hub-Signature-256";

    static QByteArray sign(QByteArrayView secret, QByteArrayView body); // "sha256=<hex>"
    static Verification verify(QByteArrayView secret, QByteArrayView body, QByteArrayView header);
};

} // namespace sb
