// multipart/form-data bodies (MultipartParser). Input: the Content-Type on the first line, then the
// body (every byte after the first line feed).
#include "FuzzInput.h"
#include "http/MultipartParser.h"

using namespace sb;

namespace {

void check(const MultipartResult &result, QByteArrayView body, const MultipartLimits &limits)
{
    if (!result.ok())
        return;
    SB_FUZZ_ASSERT(result.parts.size() <= limits.maxParts);
    for (const auto &part : result.parts) {
        SB_FUZZ_ASSERT(part.body.size() <= limits.maxPartBytes);
        // Part bodies are the bytes as sent: each one lies somewhere in the body.
        SB_FUZZ_ASSERT(body.indexOf(part.body) >= 0);
    }
    SB_FUZZ_ASSERT(result.fields().size() + result.files().size() == result.parts.size());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView all(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto newline = all.indexOf('\n');
    const auto contentType = newline < 0 ? all : all.first(newline);
    const auto body = newline < 0 ? QByteArrayView() : all.sliced(newline + 1);

    (void)MultipartParser::isMultipartFormData(contentType);
    QString error;
    const auto boundary = MultipartParser::boundaryFromContentType(contentType, &error);
    SB_FUZZ_ASSERT(boundary.isEmpty() != error.isEmpty());
    SB_FUZZ_ASSERT(boundary.size() <= 70);

    const MultipartLimits defaults;
    check(MultipartParser::parse(contentType, body, defaults), body, defaults);
    // Tight limits reach the refusals with small inputs.
    const MultipartLimits tight {3, 16, 64};
    check(MultipartParser::parse(contentType, body, tight), body, tight);
    return 0;
}
