// SignatureCheck::verify, the one entry point over every scheme, with fuzzed headers and body.
// Input: "<provider> <url>" on the first line (provider as in SignatureCheck::providers(), an
// unknown name picks one of the schemes by its length), the headers, an empty line, the body.
#include "FuzzInput.h"
#include "security/SignatureCheck.h"

using namespace sb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto input = fuzz::FuzzInput::parse(data, size);
    const auto space = input.firstLine.indexOf(' ');
    SignatureCheckInput check;
    const auto name = QString::fromUtf8(space < 0 ? input.firstLine : input.firstLine.first(space));
    auto scheme = schemeNamed(name);
    if (!scheme) {
        const auto names = SignatureCheck::providers();
        scheme = schemeNamed(names.at(name.size() % names.size()));
    }
    SB_FUZZ_ASSERT(scheme.has_value());
    check.scheme = *scheme;
    check.url = space < 0 ? QByteArray() : input.firstLine.mid(space + 1);
    check.secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    check.headers = input.headers;
    check.body = input.body;
    check.nowSeconds = 1'700'000'000;
    const auto verdict = SignatureCheck::verify(check);
    if (verdict.outcome == Verification::Outcome::Invalid)
        SB_FUZZ_ASSERT(!verdict.detail.isEmpty());
    check.nowSeconds.reset();
    (void)SignatureCheck::verify(check);
    QString error;
    (void)SignatureCheck::formOf(check, &error);
    return 0;
}
