#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace sb {

// The outcome of checking a request's signature or token, stored with the request.
struct Verification
{
    enum class Outcome
    {
        NotRequired, // route has no authentication (e.g. the test webhook)
        Verified, // signature/token matched
        Unverified, // accepted without a secret because of --accept-unverified (warned)
        MissingSecret, // fail-closed: no secret configured
        Invalid, // wrong, missing or stale signature
    };
    Outcome outcome = Outcome::NotRequired;
    QString scheme; // e.g. "hmac-sha256-hex", "twilio"
    QString detail; // why it failed, in words
    QByteArray stringToSign;

    bool accepted() const
    {
        return outcome == Outcome::NotRequired || outcome == Outcome::Verified
            || outcome == Outcome::Unverified;
    }
    static QString outcomeName(Outcome outcome);
    // "invalid (hmac-sha256-hex): signature does not match the body", for logs: quoted text in the
    // detail (header values the sender presented, which may hold a signature) is left out.
    QString logText() const;
};

} // namespace sb
