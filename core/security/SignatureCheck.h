#pragma once

#include "http/FormParser.h"
#include "Verification.h"
#include "http/HttpTypes.h"

#include <optional>

namespace sb {

// Everything a signature check looks at, independent of where it came from: a live request, a
// stored one being replayed, or the `switchboard signature verify` command line.
struct SignatureCheckInput
{
    QString provider; // one of SignatureCheck::providers()
    QByteArray secret;
    QByteArray url;     // the public URL the provider called (Twilio, SignalWire)
    HeaderList headers; // the signature headers and Content-Type
    // The form parameters. A request's handler parses its body once and passes the fields here, so
    // what is verified is what it applies; when absent (the command line, a bare body) they are parsed
    // from the body by its Content-Type (see SignatureCheck::formOf).
    std::optional<FormFields> form;
    QByteArray body;    // the raw body
    std::optional<qint64> nowSeconds; // arrival time, for the timestamped schemes

    // A received request checked against `publicUrl`, as of its arrival time.
    static SignatureCheckInput fromRequest(QString provider, QByteArray secret, const ApiRequest &request,
                                           QByteArray publicUrl);
    QByteArray header(QByteArrayView name) const;
};

// One entry point over every scheme: picks the headers, parses the form body where the scheme signs
// parameters, and returns the scheme's Verification (string-to-sign and a precise reason included).
struct SignatureCheck
{
    static QStringList providers(); // twilio signalwire mailgun elevenlabs standard github hmac-sha256
    static bool isKnownProvider(const QString &provider) { return providers().contains(provider); }
    static Verification verify(const SignatureCheckInput &input);
    // The checks that need no work on the body: the provider is known, a secret is configured and
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
