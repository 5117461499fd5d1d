// application/x-www-form-urlencoded bodies (FormParser). Input: the body.
#include "FuzzInput.h"
#include "http/FormParser.h"

#include <QUrl>

using namespace sb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView body(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto fields = FormParser::parse(body);
    SB_FUZZ_ASSERT(fields.size() <= body.count('&') + 1);
    for (const bool plus : {false, true})
        SB_FUZZ_ASSERT(FormParser::percentDecode(body, plus).size() <= body.size());

    // What was parsed, encoded again, parses to the same fields.
    QByteArray encoded;
    for (const auto &field : fields.items) {
        if (!encoded.isEmpty())
            encoded += '&';
        encoded += QUrl::toPercentEncoding(field.name) + '=' + QUrl::toPercentEncoding(field.value);
    }
    const auto again = FormParser::parse(encoded);
    SB_FUZZ_ASSERT(again.items == fields.items);
    if (!fields.isEmpty()) {
        const auto &first = fields.items.first();
        SB_FUZZ_ASSERT(fields.contains(first.name));
        SB_FUZZ_ASSERT(fields.values(first.name).contains(fields.value(first.name)));
    }
    return 0;
}
