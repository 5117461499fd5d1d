#include "RequestFramer.h"

#include "HttpGrammar.h"

#include <cstring>

namespace sb {

namespace {

constexpr qsizetype maxChunkLineBytes = 4096;

} // namespace

bool RequestFramer::inBody() const
{
    switch (m_state) {
    case State::Body:
    case State::ChunkSize:
    case State::ChunkData:
    case State::ChunkDataEnd:
    case State::Trailer:
        return true;
    default:
        return false;
    }
}

RequestFramer::Step RequestFramer::fail(ErrorKind kind, QString message)
{
    m_state = State::Failed;
    m_failure = Failure {kind, std::move(message)};
    m_buffer.clear();
    return Step::Failed;
}

RequestFramer::Request RequestFramer::takeRequest()
{
    Request out = std::move(m_request);
    m_request = Request {};
    if (m_state == State::Ready)
        m_state = State::Idle;
    return out;
}

// Appends bytes up to and including the next LF to m_buffer; `complete` tells whether the line
// ended. A line longer than `limit` fails.
RequestFramer::Step RequestFramer::takeLine(
    const char *data, qsizetype size, qsizetype *pos, qsizetype limit, bool *complete)
{
    const auto *newline = static_cast<const char *>(std::memchr(data + *pos, '\n', size_t(size - *pos)));
    const qsizetype take = newline ? (newline - (data + *pos)) + 1 : size - *pos;
    if (m_buffer.size() + take > limit)
        return fail(ErrorKind::BadRequest,
            QStringLiteral("malformed chunked encoding: a chunk or trailer line is too long"));
    m_buffer.append(data + *pos, take);
    *pos += take;
    *complete = newline != nullptr;
    if (*complete && (m_buffer.size() < 2 || m_buffer.at(m_buffer.size() - 2) != '\r'))
        return fail(
            ErrorKind::BadRequest, QStringLiteral("malformed chunked encoding: lines must end with CRLF"));
    return Step::NeedMore;
}

RequestFramer::Step RequestFramer::feed(const char *data, qsizetype size, qsizetype *consumed)
{
    qsizetype pos = 0;
    const auto done = [&](Step step) {
        *consumed = pos;
        return step;
    };
    while (pos < size) {
        switch (m_state) {
        case State::Failed:
        case State::Ready:
            return done(m_state == State::Failed ? Step::Failed : Step::RequestReady);
        case State::Idle:
            // [rfc9112] 2.2: empty lines before a request line are ignored.
            if (data[pos] == '\r' || data[pos] == '\n') {
                ++pos;
                break;
            }
            m_state = State::Head;
            m_buffer.clear();
            break;
        case State::Head: {
            const qsizetype before = m_buffer.size();
            // Look for the blank line only in the new bytes (plus the 3 before them).
            const qsizetype room = m_limits.maxHeadBytes + 4 - before;
            const qsizetype take = std::min(size - pos, room);
            m_buffer.append(data + pos, take);
            const auto end = m_buffer.indexOf("\r\n\r\n", std::max<qsizetype>(0, before - 3));
            if (end < 0) {
                pos += take;
                // A head of maxHeadBytes may still end in the next 4 bytes: only a full buffer
                // without the blank line is too large, however the bytes were cut into reads.
                if (m_buffer.size() >= m_limits.maxHeadBytes + 4) {
                    return done(fail(ErrorKind::HeadersTooLarge,
                        QStringLiteral("request header fields are larger than %1 bytes")
                            .arg(m_limits.maxHeadBytes)));
                }
                break;
            }
            if (end > m_limits.maxHeadBytes) {
                return done(fail(ErrorKind::HeadersTooLarge,
                    QStringLiteral("request header fields are larger than %1 bytes")
                        .arg(m_limits.maxHeadBytes)));
            }
            pos += end + 4 - before;
            m_buffer.truncate(end);
            return done(finishHead());
        }
        case State::Body: {
            const qint64 take = std::min<qint64>(m_remaining, size - pos);
            m_request.body.append(data + pos, take);
            pos += take;
            m_remaining -= take;
            m_bodySeen += take;
            if (m_remaining == 0) {
                m_state = State::Ready;
                return done(Step::RequestReady);
            }
            break;
        }
        case State::ChunkSize: {
            bool complete = false;
            if (takeLine(data, size, &pos, maxChunkLineBytes, &complete) == Step::Failed)
                return done(Step::Failed);
            if (!complete)
                break;
            // chunk-size = 1*HEXDIG, then optional chunk extensions after ';' (ignored).
            const QByteArrayView line = QByteArrayView(m_buffer).first(m_buffer.size() - 2);
            qsizetype i = 0;
            qint64 chunkSize = 0;
            while (i < line.size() && http::hexValue(line[i]) >= 0) {
                if (chunkSize > (std::numeric_limits<qint64>::max() >> 4))
                    return done(fail(ErrorKind::PayloadTooLarge,
                        QStringLiteral("chunk size is larger than the body limit of %1 bytes")
                            .arg(m_limits.maxBodyBytes)));
                chunkSize = (chunkSize << 4) | http::hexValue(line[i]);
                ++i;
            }
            if (i == 0)
                return done(
                    fail(ErrorKind::BadRequest, QStringLiteral("malformed chunked encoding: no chunk size")));
            while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
                ++i;
            if (i < line.size() && line[i] != ';')
                return done(fail(
                    ErrorKind::BadRequest, QStringLiteral("malformed chunked encoding: invalid chunk size")));
            m_buffer.clear();
            if (chunkSize == 0) {
                m_state = State::Trailer;
                m_trailerBytes = 0;
                break;
            }
            // Counted against the limit as announced, before any byte of it is buffered.
            if (chunkSize > m_limits.maxBodyBytes - m_bodySeen) {
                return done(fail(ErrorKind::PayloadTooLarge,
                    QStringLiteral("request body exceeds the limit of %1 bytes").arg(m_limits.maxBodyBytes)));
            }
            m_bodySeen += chunkSize;
            m_remaining = chunkSize;
            m_state = State::ChunkData;
            break;
        }
        case State::ChunkData: {
            const qint64 take = std::min<qint64>(m_remaining, size - pos);
            m_request.body.append(data + pos, take);
            pos += take;
            m_remaining -= take;
            if (m_remaining == 0) {
                m_state = State::ChunkDataEnd;
                m_remaining = 2;
            }
            break;
        }
        case State::ChunkDataEnd: {
            // The CRLF after the chunk data, possibly split across reads.
            const char expected = m_remaining == 2 ? '\r' : '\n';
            if (data[pos] != expected)
                return done(fail(ErrorKind::BadRequest,
                    QStringLiteral("malformed chunked encoding: chunk data not followed by CRLF")));
            ++pos;
            if (--m_remaining == 0)
                m_state = State::ChunkSize;
            break;
        }
        case State::Trailer: {
            bool complete = false;
            if (takeLine(data, size, &pos, maxChunkLineBytes, &complete) == Step::Failed)
                return done(Step::Failed);
            if (!complete)
                break;
            m_trailerBytes += m_buffer.size();
            if (m_trailerBytes > m_limits.maxHeadBytes)
                return done(fail(ErrorKind::HeadersTooLarge,
                    QStringLiteral("trailer fields are larger than %1 bytes").arg(m_limits.maxHeadBytes)));
            const bool last = m_buffer.size() == 2;
            if (!last && m_buffer.indexOf(':') <= 0)
                return done(fail(ErrorKind::BadRequest,
                    QStringLiteral("malformed chunked encoding: invalid trailer field")));
            // Trailer fields are read and dropped: nothing after the body may change how it is judged.
            m_buffer.clear();
            if (last) {
                m_state = State::Ready;
                return done(Step::RequestReady);
            }
            break;
        }
        }
    }
    *consumed = pos;
    if (m_state == State::Ready)
        return Step::RequestReady;
    return m_state == State::Failed ? Step::Failed : Step::NeedMore;
}

RequestFramer::Step RequestFramer::finishHead()
{
    RequestHead head;
    QString error;
    auto kind = ErrorKind::BadRequest;
    const bool ok = RequestHead::parse(std::exchange(m_buffer, {}), &head, &error, &kind);
    m_request = Request {std::move(head), {}};
    m_bodySeen = 0;
    m_remaining = 0;
    if (!ok)
        return fail(kind, error);
    const auto &parsed = m_request.head;
    if (parsed.contentLength > m_limits.maxBodyBytes) {
        // Refused before the body is read, so a 200 MB upload is never buffered.
        return fail(ErrorKind::PayloadTooLarge,
            QStringLiteral("request body of %1 bytes exceeds the limit of %2 bytes")
                .arg(parsed.contentLength)
                .arg(m_limits.maxBodyBytes));
    }
    if (parsed.chunked) {
        m_state = State::ChunkSize;
    } else if (parsed.contentLength > 0) {
        m_request.body.reserve(parsed.contentLength);
        m_remaining = parsed.contentLength;
        m_state = State::Body;
    } else {
        m_state = State::Ready;
    }
    return Step::HeadComplete;
}

} // namespace sb
