#pragma once

#include "Verification.h"
#include "http/FormParser.h"

namespace sb {

// SignalWire signs its callbacks with the project's Signing Key in one of two ways:
// - compatibility (LaML/cXML) form callbacks: exactly Twilio's algorithm (TwilioSignature), header
//   X-SignalWire-Signature, older spaces X-Twilio-Signature;
// - JSON callbacks (RELAY, SWML, Call Fabric): lower-case hex HMAC-SHA1 of URL + raw body.
// signalwire-js `validateRequest` (and signalwire-python's RequestValidator) try the JSON rule first
// and fall back to the compatibility rule over the parsed JSON object's top-level fields.
struct SignalWireSignature
{
    static constexpr QByteArrayView headerName = "X-SignalWire-Signature";
    static constexpr QByteArrayView compatibilityHeaderName = "X-Twilio-Signature";

    static QByteArray stringToSign(QByteArrayView url, QByteArrayView body)
    {
        return url.toByteArray() + body.toByteArray();
    }
    // Why `presented` cannot be a signature of either rule (absent, or neither 40 hex digits nor
    // base64 of 20 bytes), or empty when it can: checked before any work on the body.
    static QString headerProblem(QByteArrayView presented);
    static QByteArray signJson(QByteArrayView signingKey, QByteArrayView url, QByteArrayView body); // hex
    static Verification verifyForm(
        QByteArrayView signingKey, QByteArrayView url, const FormFields &params, QByteArrayView presented);
    static Verification verifyJson(
        QByteArrayView signingKey, QByteArrayView url, QByteArrayView body, QByteArrayView presented);
    // The top-level members of a JSON object as the compatibility fallback sees them (JavaScript's
    // string conversion: numbers and booleans as text, null as "null", objects "[object Object]",
    // arrays one entry per element). Empty when the body is not a JSON object.
    static FormFields jsonFields(QByteArrayView body);
};

} // namespace sb
