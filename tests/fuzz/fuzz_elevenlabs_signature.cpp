// ElevenLabs-Signature "t=..,v0=.." (ElevenLabsSignature). Input: ignored first line, the
// ElevenLabs-Signature header, an empty line, the body.
#include "FuzzInput.h"
#include "security/ElevenLabsSignature.h"

using namespace sb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto input = fuzz::FuzzInput::parse(data, size);
    const QByteArray secret = "wsec_0123456789abcdef0123456789abcdef";
    const qint64 now = 1'700'000'000;
    (void)ElevenLabsSignature::verify(secret, input.body, input.header(ElevenLabsSignature::headerName), now);

    // A signature made at any time inside the window verifies; one from outside does not.
    const qint64 at = now - qint64(input.body.size() % (2 * ElevenLabsSignature::toleranceSeconds))
        + ElevenLabsSignature::toleranceSeconds - 1;
    const auto header = ElevenLabsSignature::sign(secret, at, input.body);
    SB_FUZZ_ASSERT(ElevenLabsSignature::verify(secret, input.body, header, now).outcome
        == Verification::Outcome::Verified);
    SB_FUZZ_ASSERT(ElevenLabsSignature::verify(
                       secret, input.body, header, at + 2 * ElevenLabsSignature::toleranceSeconds)
                       .outcome
        != Verification::Outcome::Verified);
    return 0;
}
