// X-Webhook-Signature, hex HMAC-SHA256 of the body (HexHmacSignature; the CRM scheme). Input:
// ignored first line, the X-Webhook-Signature header, an empty line, the body.
#include "FuzzInput.h"
#include "security/HexHmacSignature.h"

using namespace sb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto input = fuzz::FuzzInput::parse(data, size);
    const QByteArray secret = "crm-webhook-secret";
    (void)HexHmacSignature::verify(secret, input.body, input.header("X-Webhook-Signature"));

    const auto signature = HexHmacSignature::sign(secret, input.body);
    const QByteArray forms[] = {
        signature, signature.toUpper(), QByteArray("sha256=" + signature), QByteArray(" " + signature + " ")};
    for (const auto &form : forms)
        SB_FUZZ_ASSERT(
            HexHmacSignature::verify(secret, input.body, form).outcome == Verification::Outcome::Verified);
    SB_FUZZ_ASSERT(
        HexHmacSignature::verify("other", input.body, signature).outcome != Verification::Outcome::Verified);
    return 0;
}
