#pragma once

#include "Verification.h"
#include "http/FormParser.h"

#include <QByteArray>
#include <QList>
#include <functional>

namespace sb {

// X-Twilio-Signature, as twilio-python's RequestValidator and twilio-node's validateRequest compute it
// (https://www.twilio.com/docs/usage/webhooks/webhooks-security):
//   base64(HMAC-SHA1(auth token, URL + for each POST parameter sorted by name: name + value))
// A repeated parameter contributes each distinct value, values sorted (twilio-python get_values +
// sorted(set(values)); twilio-node toFormUrlEncodedParam dedups with a Set and sorts).
// JSON bodies carry `bodySHA256=<hex SHA-256 of the body>` in the query instead; then the signature
// covers the URL alone and the hash must match the body.
// Twilio's back end is inconsistent about the port, so both SDKs accept the URL without its port and
// with it (the default :443/:80 added when absent).
struct TwilioSignature
{
    static constexpr QByteArrayView headerName = "X-Twilio-Signature";

    static QByteArray stringToSign(QByteArrayView url, const FormFields &params);
    // The part of the string-to-sign after the URL: every distinct (name, value) pair, sorted.
    static QByteArray parameterString(const FormFields &params);
    // Why `presented` cannot be a signature (absent, not base64, not 20 bytes), or empty when it can:
    // checked before any work on the parameters.
    static QString headerProblem(QByteArrayView presented);
    static QByteArray sign(QByteArrayView authToken, QByteArrayView url, const FormFields &params);
    static QByteArray bodyHash(QByteArrayView body); // lower-case hex SHA-256
    // The URL forms the SDKs try, the form as given first; see urlVariants() in the .cpp.
    static QList<QByteArray> urlVariants(QByteArrayView url);
    // Tries every URL form: the first whose `signatureFor(form)` equals `presented` (constant time)
    // marks `result` Verified with `stringToSignFor(form)`. Shared with SignalWire's JSON rule.
    static bool matchUrlForm(QByteArrayView url, QByteArrayView presented, Verification &result,
        const std::function<QByteArray(const QByteArray &)> &signatureFor,
        const std::function<QByteArray(const QByteArray &)> &stringToSignFor);
    // The bodySHA256 query parameter of `url`, or empty.
    static QByteArray bodySha256Parameter(QByteArrayView url);

    // Form requests (application/x-www-form-urlencoded; params already decoded).
    static Verification verify(
        QByteArrayView authToken, QByteArrayView url, const FormFields &params, QByteArrayView presented);
    // JSON requests with ?bodySHA256=: the hash must match the body AND the signature the URL.
    static Verification verifyWithBody(
        QByteArrayView authToken, QByteArrayView url, QByteArrayView body, QByteArrayView presented);
    // Chooses between the two as the SDKs' validateIncomingRequest does: bodySHA256 in the URL means
    // a JSON body, otherwise the form parameters are signed.
    static Verification verifyRequest(QByteArrayView authToken, QByteArrayView url, const FormFields &params,
        QByteArrayView body, QByteArrayView presented);
};

} // namespace sb
