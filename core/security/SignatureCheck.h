#pragma once

#include "Verification.h"
#include "http/FormParser.h"
#include "http/HttpTypes.h"

#include <optional>

namespace sb {

// The ways a sender proves a request is its own, one per convention; SignatureCheck runs each.
enum class SignatureScheme
{
    Twilio, // X-Twilio-Signature over the URL and form (or bodySHA256 in the URL)
    SignalWire, // X-SignalWire-Signature: RELAY JSON, or the compatibility (Twilio) rule
    Mailgun, // HMAC of timestamp + token, in the form or the JSON "signature" object
    ElevenLabs, // ElevenLabs-Signature: t=..,v0=..
    StandardWebhooks, // webhook-id / webhook-timestamp / webhook-signature
    Github, // X-Hub-Signature-256
    HexHmac, // the CRM's X-Webhook-Signature (seed 002), optionally with X-Webhook-Timestamp
    Bearer, // Authorization: Bearer <secret>
};

// The scheme's name: what --provider takes and what a refusal before the check records.
QString schemeName(SignatureScheme scheme);
// The scheme named `name` (as schemeName gives it), if any.
std::optional<SignatureScheme> schemeNamed(QStringView name);

// Everything a signature check looks at, independent of where it came from: a live request, a
// stored one being replayed, or the `switchboard signature verify` command line.
struct SignatureCheckInput
{
    SignatureScheme scheme = SignatureScheme::HexHmac;
    QByteArray secret;
    QByteArray url; // the public URL the provider called (Twilio, SignalWire)
    HeaderList headers; // the signature headers and Content-Type
    // The form parameters. A request's handler parses its body once and passes the fields here, so
    // what is verified is what it applies; when absent (the command line, a bare body) they are parsed
    // from the body by its Content-Type (see SignatureCheck::formOf).
    std::optional<FormFields> form;
    QByteArray body; // the raw body
    std::optional<qint64> nowSeconds; // arrival time, for the timestamped schemes

    // A received request checked against `publicUrl`, as of its arrival time.
    static SignatureCheckInput fromRequest(
        SignatureScheme scheme, QByteArray secret, const ApiRequest &request, QByteArray publicUrl);
    QByteArray header(QByteArrayView name) const;
};

// One entry point over every scheme: picks the headers, parses the form body where the scheme signs
// parameters, and returns the scheme's Verification (string-to-sign and a precise reason included).
struct SignatureCheck
{
    static QStringList providers(); // the names of every scheme
    static bool isKnownProvider(const QString &provider) { return schemeNamed(provider).has_value(); }
    static Verification verify(const SignatureCheckInput &input);
    // The checks that need no work on the body: a secret is configured and
    // the signature header is present and well-formed. A failed Verification, or nullopt when the
    // full check must run. verify() begins with it; handlers call it before they parse the body.
    static std::optional<Verification> precheck(const SignatureCheckInput &input);

    // The form parameters of `input`: the explicit ones, else the body parsed by its Content-Type
    // (urlencoded or multipart; a body without Content-Type that does not look like JSON is taken as
    // urlencoded). `error` is set when a multipart body is malformed or either form has more than
    // FormParser::maxFields fields.
    static FormFields formOf(const SignatureCheckInput &input, QString *error = nullptr);
};

} // namespace sb
