#pragma once

#include "RequestHead.h"

#include <QByteArray>
#include <QString>

namespace sb {

// The one place that decides where each HTTP/1.1 request on a connection begins and ends
// (ARCHITECTURE.md, "One HTTP parser"). It is a pure state machine over bytes: no socket, no timer,
// so it is unit-tested and fuzzed as it runs in the server. Rules follow RFC 9112: a request line
// and header fields terminated by CRLF, Content-Length or a final `chunked` coding (never both),
// overflow-checked sizes, and a body limit enforced while the bytes arrive.
class RequestFramer
{
public:
    struct Limits
    {
        qint64 maxBodyBytes = 1024 * 1024;
        qsizetype maxHeadBytes = 64 * 1024;
    };

    enum class Step
    {
        NeedMore, // every byte given was consumed; the request is not complete
        HeadComplete, // the head of the current request was just parsed (head() is valid)
        RequestReady, // a whole request is framed: takeRequest()
        Failed, // the stream cannot be framed further: failure(); the connection must close
    };

    // Why the stream could not be framed: its kind (400, 413, 431, 501, 505) and the reason.
    using Failure = ApiError;

    struct Request
    {
        RequestHead head;
        QByteArray body;
    };

    RequestFramer()
        : RequestFramer(Limits())
    { }
    explicit RequestFramer(Limits limits)
        : m_limits(limits)
    { }

    // Consumes bytes from `data` and stops at the first event: `*consumed` says how many were used.
    // Call again with the remaining bytes until it returns NeedMore.
    Step feed(const char *data, qsizetype size, qsizetype *consumed);

    const RequestHead &head() const { return m_request.head; }
    Request takeRequest();
    const Failure &failure() const { return m_failure; }
    // True between the first byte of a request and its last one.
    bool inRequest() const { return m_state != State::Idle && m_state != State::Failed; }
    // True once the current request's head is complete and its body is still arriving.
    bool inBody() const;
    qint64 bodyBytesSeen() const { return m_bodySeen; }

private:
    enum class State
    {
        Idle,
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailer,
        Ready,
        Failed
    };

    Step fail(ErrorKind kind, QString message);
    Step finishHead();
    Step takeLine(const char *data, qsizetype size, qsizetype *pos, qsizetype limit, bool *complete);

    Limits m_limits;
    State m_state = State::Idle;
    QByteArray m_buffer; // the head so far, or the current chunk-size / trailer line
    qsizetype m_trailerBytes = 0;
    qint64 m_remaining = 0;
    qint64 m_bodySeen = 0;
    Request m_request;
    Failure m_failure;
};

} // namespace sb
