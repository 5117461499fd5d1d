// Mailgun's webhook signature (MailgunSignature): the JSON "signature" object, the form fields and
// the three values directly. Input: ignored first line, headers "timestamp", "token", "signature"
// (the directly checked values), an empty line, the body (JSON or form).
#include "FuzzInput.h"
#include "security/MailgunSignature.h"
#include "security/TimestampWindow.h"

using namespace sb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto input = fuzz::FuzzInput::parse(data, size);
    const QByteArray key = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
    const qint64 now = 1'700'000'000;
    (void)MailgunSignature::verifyJsonBody(key, input.body, now);
    (void)MailgunSignature::verifyJsonBody(key, input.body);
    (void)MailgunSignature::verifyForm(key, FormParser::parse(input.body), now);
    const auto timestamp = input.header("timestamp");
    const auto token = input.header("token");
    (void)MailgunSignature::verify(key, timestamp, token, input.header("signature"), now);

    const auto signature = MailgunSignature::sign(key, timestamp, token);
    const auto verdict = MailgunSignature::verify(key, timestamp, token, signature);
    // Without an arrival time only the timestamp's syntax can fail a correct signature.
    if (TimestampWindow::parseUnixSeconds(timestamp) && !token.isEmpty())
        SB_FUZZ_ASSERT(verdict.outcome == Verification::Outcome::Verified);
    SB_FUZZ_ASSERT(MailgunSignature::verify("other", timestamp, token, signature).outcome
        != Verification::Outcome::Verified);
    return 0;
}
