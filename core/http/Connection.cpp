#include "Connection.h"

#include "HttpLog.h"

#include <QTcpSocket>

namespace sb {

namespace {

constexpr qint64 readChunkBytes = 64 * 1024;
constexpr int lingerAfterRefusalMs = 2000;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 411:
        return "Length Required";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Status";
    }
}

} // namespace

Connection::Connection(
    QTcpSocket *socket, Limits limits, RequestHandler onRequest, Rejection onReject, PendingChanged onPending)
    : QObject(socket)
    , m_socket(socket)
    , m_limits(limits)
    , m_onRequest(std::move(onRequest))
    , m_onReject(std::move(onReject))
    , m_onPending(std::move(onPending))
    , m_framer(RequestFramer::Limits {limits.maxBodyBytes, limits.maxHeadBytes})
{
    // Qt stops reading from the kernel past this, so a client that outruns the server meets TCP flow
    // control instead of a growing buffer.
    m_socket->setReadBufferSize(readChunkBytes);
    connect(socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
    connect(socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_socket->bytesToWrite() < m_limits.maxUnsentBytes / 2)
            process();
    });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &Connection::onDeadline);
    setPhase(Phase::Head);
}

Connection::~Connection()
{
    if (m_pending && m_onPending)
        m_onPending(this, false);
}

void Connection::setPending(bool pending)
{
    if (pending == m_pending)
        return;
    m_pending = pending;
    if (pending)
        m_pendingSince.start();
    if (m_onPending)
        m_onPending(this, pending);
}

void Connection::setPhase(Phase phase)
{
    m_phase = phase;
    switch (phase) {
    case Phase::Idle:
        setPending(false);
        m_deadline.start(m_limits.idleTimeoutMs);
        break;
    case Phase::Head:
        setPending(true);
        m_deadline.start(m_limits.headTimeoutMs);
        break;
    case Phase::Body:
        setPending(true);
        m_deadline.start(m_limits.bodyTimeoutMs);
        break;
    case Phase::Stopped:
        setPending(false);
        m_deadline.stop();
        break;
    case Phase::Discarding:
        setPending(false);
        m_deadline.start(lingerAfterRefusalMs);
        break;
    }
}

void Connection::onReadyRead()
{
    if (m_phase == Phase::Discarding) {
        discardInput();
        return;
    }
    process();
}

void Connection::process()
{
    if (m_processing || m_closing)
        return;
    m_processing = true;
    while (m_phase == Phase::Idle || m_phase == Phase::Head || m_phase == Phase::Body) {
        // Back-pressure: a new request is not read while too many are unanswered or unsent.
        if (!m_framer.inRequest()
            && (queued() >= m_limits.maxQueuedRequests
                || m_socket->bytesToWrite() >= m_limits.maxUnsentBytes))
            break;
        if (m_inPos == m_in.size()) {
            m_in.clear();
            m_inPos = 0;
            if (m_socket->bytesAvailable() <= 0)
                break;
            m_in = m_socket->read(readChunkBytes);
            if (m_in.isEmpty())
                break;
            if (m_phase == Phase::Body)
                m_deadline.start(m_limits.bodyTimeoutMs); // progress
        }
        qsizetype used = 0;
        const auto step = m_framer.feed(m_in.constData() + m_inPos, m_in.size() - m_inPos, &used);
        m_inPos += used;
        if (m_phase == Phase::Idle && m_framer.inRequest())
            setPhase(Phase::Head); // the first byte of the next request starts its head deadline
        switch (step) {
        case RequestFramer::Step::NeedMore:
            break;
        case RequestFramer::Step::HeadComplete:
            onHeadComplete();
            break;
        case RequestFramer::Step::RequestReady:
            dispatch();
            break;
        case RequestFramer::Step::Failed:
            refuse(m_framer.failure(), m_framer.head());
            break;
        }
    }
    m_processing = false;
}

void Connection::onHeadComplete()
{
    const auto &head = m_framer.head();
    if (!m_framer.inBody()) {
        dispatch(); // no body: the request is complete
        return;
    }
    setPhase(Phase::Body);
    // Only when every earlier answer is out, so the interim answer cannot land between two others.
    if (head.expectContinue && m_nextToWrite == m_nextSlot)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
}

void Connection::dispatch()
{
    auto request = m_framer.takeRequest();
    const bool close = request.head.wantsClose;
    const auto slot = m_nextSlot++;
    if (close) {
        // Nothing after a request that asked to close is read ([rfc9112] 9.6).
        m_closeAfterLast = true;
        setPhase(Phase::Stopped);
    } else if (request.head.upgrade) {
        // What follows an upgrade request belongs to the new protocol if the route switches (it
        // takes the socket over), or is HTTP again after a plain answer ([rfc9110] 7.8): nothing
        // is framed until the answer decides.
        m_upgradeSlot = qint64(slot);
        setPhase(Phase::Stopped);
    } else {
        setPhase(Phase::Idle);
    }
    if (m_onRequest)
        m_onRequest(this, slot, std::move(request));
    else
        finishResponse(
            slot, ApiResponse {statusOf(ErrorKind::NotFound), "text/plain", "no handler", {}}, true);
}

void Connection::refuse(const ApiError &error, const RequestHead &head)
{
    qCDebug(lcHttp, "%s: request refused before routing (%d): %s",
        qPrintable(m_socket->peerAddress().toString()), error.status, qPrintable(error.message));
    // What remains on the wire is dropped, not buffered: read and discard it for a short while so the
    // client sees the answer instead of a reset, then close.
    // A refused head or a stalled client leaves nothing worth waiting for; a refused body of known
    // length is read to its end before closing.
    m_discardRemaining = error.kind == ErrorKind::PayloadTooLarge && head.contentLength > 0
        ? head.contentLength
        : (error.kind == ErrorKind::RequestTimeout ? 0 : -1);
    if (m_discardRemaining > 0)
        m_discardRemaining = std::max<qint64>(0, m_discardRemaining - (m_in.size() - m_inPos));
    m_in.clear();
    m_inPos = 0;
    setPhase(Phase::Discarding);
    m_socket->setReadBufferSize(readChunkBytes);
    discardInput();
    const auto slot = m_nextSlot++;
    if (m_onReject)
        m_onReject(this, slot, head, error);
    else
        finishResponse(slot, ApiResponse {error.status, "text/plain", error.message.toUtf8(), {}}, true);
}

void Connection::discardInput()
{
    char scratch[16384];
    qint64 got = 0;
    while ((got = m_socket->read(scratch, sizeof scratch)) > 0) {
        if (m_discardRemaining > 0)
            m_discardRemaining = std::max<qint64>(0, m_discardRemaining - got);
    }
    if (m_closing && m_discardRemaining == 0)
        m_socket->disconnectFromHost();
}

void Connection::onDeadline()
{
    switch (m_phase) {
    case Phase::Idle:
        if (queued() > 0) { // an answer is still being prepared
            m_deadline.start(m_limits.idleTimeoutMs);
            return;
        }
        m_socket->disconnectFromHost();
        return;
    case Phase::Head:
        if (!m_framer.inRequest() && m_nextSlot == 0) {
            // Connected and never sent a byte: nothing to answer.
            setPhase(Phase::Stopped);
            m_socket->abort();
            return;
        }
        refuse({ErrorKind::RequestTimeout,
                   QStringLiteral("the request head did not arrive within %1 s")
                       .arg(m_limits.headTimeoutMs / 1000)},
            RequestHead {});
        return;
    case Phase::Body:
        refuse({ErrorKind::RequestTimeout,
                   QStringLiteral("the request body made no progress for %1 s")
                       .arg(m_limits.bodyTimeoutMs / 1000)},
            m_framer.head());
        return;
    case Phase::Stopped:
        return;
    case Phase::Discarding:
        m_socket->abort();
        return;
    }
}

void Connection::evict()
{
    setPhase(Phase::Stopped);
    m_closing = true;
    m_socket->abort();
}

QByteArray Connection::serialize(const ApiResponse &response, bool close, bool omitBody)
{
    QByteArray out;
    out.reserve(160 + (omitBody ? 0 : response.body.size()));
    out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    if (!response.contentType.isEmpty())
        out += "Content-Type: " + response.contentType + "\r\n";
    // A HEAD answer announces the length a GET would have, without the body ([rfc9110] 9.3.2).
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
    if (!omitBody)
        out += response.body;
    return out;
}

void Connection::finishResponse(quint64 slot, const ApiResponse &response, bool close, bool omitBody)
{
    if (response.takeover) {
        m_ready.insert(slot, {QByteArray(), true});
        m_takeovers.insert(slot, response.takeover);
    } else {
        m_ready.insert(slot, {serialize(response, close, omitBody), close});
    }
    flush();
}

void Connection::handOver(const std::function<void(QTcpSocket *, QByteArray)> &takeover)
{
    // Whatever was read past the request goes with the socket; later pipelined requests are not
    // answered (a stream or a WebSocket never ends in an HTTP answer).
    const auto unread = m_in.mid(m_inPos);
    m_in.clear();
    m_inPos = 0;
    m_closing = true;
    m_ready.clear();
    m_takeovers.clear();
    setPhase(Phase::Stopped);
    auto *socket = m_socket;
    disconnect(socket, nullptr, this, nullptr);
    setParent(nullptr);
    socket->setParent(nullptr);
    deleteLater();
    // Not from here: this may run inside the socket's readyRead, and the socket may go to another
    // thread while Qt still works on it after the signal. Queued, it leaves from a clean stack.
    QMetaObject::invokeMethod(
        socket, [socket, takeover, unread] { takeover(socket, unread); }, Qt::QueuedConnection);
}

void Connection::flush()
{
    while (!m_closing && !m_ready.isEmpty() && m_ready.firstKey() == m_nextToWrite) {
        auto [bytes, close] = m_ready.take(m_nextToWrite);
        if (const auto takeover = m_takeovers.take(m_nextToWrite)) {
            handOver(takeover);
            return;
        }
        const auto written = m_nextToWrite++;
        m_socket->write(bytes);
        if (qint64(written) == m_upgradeSlot) {
            m_upgradeSlot = -1;
            if (!close && !m_closeAfterLast)
                setPhase(Phase::Idle); // not switched: the next request may follow
        }
        if (close || (m_closeAfterLast && m_nextToWrite == m_nextSlot)) {
            m_closing = true;
            m_ready.clear();
            // Close once a refused body has been read (its length unknown for a chunked one: when the
            // client closes, or on the linger timer): closing with unread input would reset the
            // connection and could destroy the answer before the client reads it.
            if (m_phase != Phase::Discarding || m_discardRemaining == 0)
                m_socket->disconnectFromHost();
        }
    }
    if (m_closing)
        return;
    if (m_phase == Phase::Idle && queued() == 0)
        m_deadline.start(m_limits.idleTimeoutMs);
    // Answers went out: requests held back by the queue bound can be read now.
    if (m_in.size() > m_inPos || m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &Connection::process, Qt::QueuedConnection);
}

} // namespace sb
