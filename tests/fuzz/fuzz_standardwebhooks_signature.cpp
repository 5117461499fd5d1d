// Standard Webhooks (StandardWebhookSignature). Input: the secret on the first line (whsec_<base64>
// or free-form), the webhook-id, webhook-timestamp and webhook-signature headers, an empty line, the
// body.
#include "FuzzInput.h"
#include "security/StandardWebhookSignature.h"

using namespace sb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto input = fuzz::FuzzInput::parse(data, size);
    const qint64 now = 1'700'000'000;
    const auto &secret = input.firstLine;
    const auto id = input.header(StandardWebhookSignature::idHeader);
    (void)StandardWebhookSignature::verify(secret, id,
        input.header(StandardWebhookSignature::timestampHeader),
        input.header(StandardWebhookSignature::signatureHeader), input.body, now);

    QString error;
    const auto key = StandardWebhookSignature::signingKey(secret, &error);
    if (key.isEmpty() || id.isEmpty())
        return 0;
    const auto signature = StandardWebhookSignature::sign(secret, id, now, input.body);
    const auto timestamp = QByteArray::number(now);
    SB_FUZZ_ASSERT(StandardWebhookSignature::verify(secret, id, timestamp, signature, input.body, now).outcome
        == Verification::Outcome::Verified);
    // Among other listed signatures, too.
    SB_FUZZ_ASSERT(StandardWebhookSignature::verify(
                       secret, id, timestamp, QByteArray("v1,AAAA " + signature), input.body, now)
                       .outcome
        == Verification::Outcome::Verified);
    SB_FUZZ_ASSERT(
        StandardWebhookSignature::verify(secret, id, timestamp, signature, QByteArray(input.body + 'x'), now)
            .outcome
        != Verification::Outcome::Verified);
    return 0;
}
