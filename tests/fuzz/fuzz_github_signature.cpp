// X-Hub-Signature-256 (GithubSignature). Input: ignored first line, the X-Hub-Signature-256 header,
// an empty line, the body.
#include "FuzzInput.h"
#include "security/GithubSignature.h"

using namespace sb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto input = fuzz::FuzzInput::parse(data, size);
    const QByteArray secret = "It's a Secret to Everybody";
    (void)GithubSignature::verify(secret, input.body, input.header(GithubSignature::headerName));

    const auto signature = GithubSignature::sign(secret, input.body);
    SB_FUZZ_ASSERT(
        GithubSignature::verify(secret, input.body, signature).outcome == Verification::Outcome::Verified);
    SB_FUZZ_ASSERT(GithubSignature::verify(secret, QByteArray(input.body + ' '), signature).outcome
        != Verification::Outcome::Verified);
    return 0;
}
