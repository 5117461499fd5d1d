// X-SignalWire-Signature (SignalWireSignature: JSON rule and its compatibility fallback). Input: the
// public URL on the first line, the X-SignalWire-Signature header, an empty line, the body.
#include "FuzzInput.h"
#include "security/SignalWireSignature.h"

using namespace sb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto input = fuzz::FuzzInput::parse(data, size);
    const QByteArray key = "PSKexamplesigningkey0123456789";
    const auto presented = input.header(SignalWireSignature::headerName);
    (void)SignalWireSignature::verifyJson(key, input.firstLine, input.body, presented);
    const auto fields = SignalWireSignature::jsonFields(input.body);
    (void)SignalWireSignature::verifyForm(key, input.firstLine, fields, presented);

    if (input.firstLine.isEmpty())
        return 0; // refused: a signature without the URL it covers
    const auto signature = SignalWireSignature::signJson(key, input.firstLine, input.body);
    SB_FUZZ_ASSERT(SignalWireSignature::verifyJson(key, input.firstLine, input.body, signature).outcome
        == Verification::Outcome::Verified);
    SB_FUZZ_ASSERT(SignalWireSignature::verifyJson("other", input.firstLine, input.body, signature).outcome
        != Verification::Outcome::Verified);
    return 0;
}
