// HTTP framing (RequestFramer, RequestHead::parse). Input: raw bytes of a connection. The first byte
// picks how the stream is cut into reads; whatever the cuts, the framer must find the same requests
// and the same refusal, never consume more than it was given, and never hold a body over the limit.
#include "FuzzInput.h"
#include "http/RequestFramer.h"

using namespace sb;

namespace {

struct Framed
{
    QList<RequestFramer::Request> requests;
    int failure = 0;
};

Framed frame(QByteArrayView stream, qsizetype piece, const RequestFramer::Limits &limits)
{
    RequestFramer framer(limits);
    Framed out;
    for (qsizetype offset = 0; offset < stream.size() && out.failure == 0; offset += piece) {
        const auto part = stream.sliced(offset, std::min(piece, stream.size() - offset));
        qsizetype pos = 0;
        for (int guard = 0; guard < 1 << 20; ++guard) {
            qsizetype used = 0;
            const auto step = framer.feed(part.data() + pos, part.size() - pos, &used);
            SB_FUZZ_ASSERT(used >= 0 && used <= part.size() - pos);
            pos += used;
            if (step == RequestFramer::Step::HeadComplete)
                continue;
            if (step == RequestFramer::Step::RequestReady) {
                auto request = framer.takeRequest();
                SB_FUZZ_ASSERT(request.body.size() <= limits.maxBodyBytes);
                SB_FUZZ_ASSERT(!request.head.method.isEmpty());
                SB_FUZZ_ASSERT(!(request.head.chunked && request.head.contentLength >= 0));
                out.requests.append(std::move(request));
                continue;
            }
            if (step == RequestFramer::Step::Failed) {
                out.failure = framer.failure().status;
                SB_FUZZ_ASSERT(out.failure >= 400 && out.failure < 600);
                SB_FUZZ_ASSERT(!framer.failure().message.isEmpty());
            } else {
                SB_FUZZ_ASSERT(pos == part.size());
            }
            break;
        }
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype piece = 1 + data[0] % 17;
    const QByteArrayView stream(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    RequestFramer::Limits limits;
    limits.maxBodyBytes = 4096; // small, so the fuzzer reaches the limit checks
    limits.maxHeadBytes = 2048;
    const auto whole = frame(stream, std::max<qsizetype>(1, stream.size()), limits);
    const auto cut = frame(stream, piece, limits);
    SB_FUZZ_ASSERT(whole.failure == cut.failure);
    SB_FUZZ_ASSERT(whole.requests.size() == cut.requests.size());
    for (qsizetype i = 0; i < whole.requests.size(); ++i) {
        SB_FUZZ_ASSERT(whole.requests[i].head.raw == cut.requests[i].head.raw);
        SB_FUZZ_ASSERT(whole.requests[i].body == cut.requests[i].body);
    }
    return 0;
}
