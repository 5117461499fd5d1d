// X-Twilio-Signature (TwilioSignature). Input: the public URL on the first line, the
// X-Twilio-Signature header, an empty line, the form (or JSON) body.
#include "FuzzInput.h"
#include "http/FormParser.h"
#include "security/TwilioSignature.h"

using namespace sb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto input = fuzz::FuzzInput::parse(data, size);
    const QByteArray token = "12345678901234567890123456789012";
    const auto form = FormParser::parse(input.body);
    const auto presented = input.header(TwilioSignature::headerName);
    (void)TwilioSignature::verifyRequest(token, input.firstLine, form, input.body, presented);
    (void)TwilioSignature::bodySha256Parameter(input.firstLine);
    SB_FUZZ_ASSERT(!TwilioSignature::urlVariants(input.firstLine).isEmpty());

    // What the SDKs sign verifies (a signature without the URL it covers is refused).
    if (input.firstLine.isEmpty())
        return 0;
    const auto signature = TwilioSignature::sign(token, input.firstLine, form);
    SB_FUZZ_ASSERT(TwilioSignature::verify(token, input.firstLine, form, signature).outcome
        == Verification::Outcome::Verified);
    SB_FUZZ_ASSERT(TwilioSignature::verify("another token", input.firstLine, form, signature).outcome
        != Verification::Outcome::Verified);
    return 0;
}
