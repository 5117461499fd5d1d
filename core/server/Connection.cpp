#include "Connection.h"

namespace sb {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

} // namespace

Connection::Connection(QTcpSocket *socket, Limits limits, EarlyRejection onReject)
    : QObject(socket), m_socket(socket), m_limits(limits), m_onReject(std::move(onReject))
{
    // Connected before QHttpServer connects its own slot, so this runs first on every read.
    connect(socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
    m_idle.setSingleShot(true);
    m_idle.setInterval(m_limits.idleTimeoutMs);
    connect(&m_idle, &QTimer::timeout, this, [this] {
        if (m_nextToWrite < m_nextSlot) { // an answer is still being prepared
            m_idle.start();
            return;
        }
        m_socket->disconnectFromHost();
    });
    m_idle.start();
}

Connection *Connection::of(QTcpSocket *socket)
{
    return socket->findChild<Connection *>(QString(), Qt::FindDirectChildrenOnly);
}

void Connection::onReadyRead()
{
    m_idle.start();
    if (m_state == State::Discarding) {
        // Read and drop the rest of a refused body, so the client sees the answer instead of a reset.
        char scratch[16384];
        qint64 got = 0;
        while ((got = m_socket->read(scratch, sizeof scratch)) > 0) {
            if (m_discardRemaining > 0)
                m_discardRemaining = std::max<qint64>(0, m_discardRemaining - got);
        }
        if (m_discardRemaining == 0 && m_closeWhenDrained)
            m_socket->disconnectFromHost();
        return;
    }
    const auto available = m_socket->bytesAvailable();
    if (available <= 0)
        return;
    // QHttpServer reads everything available after this slot, so these bytes are exactly the new ones.
    const QByteArray data = m_socket->peek(available);
    consume(data.constData(), data.size());
}

bool Connection::consume(const char *data, qsizetype size)
{
    qsizetype pos = 0;
    while (pos < size) {
        switch (m_state) {
        case State::Head: {
            // Leading empty lines before a request are allowed ([rfc9112] 2.2).
            if (m_headBuffer.isEmpty() && (data[pos] == '\r' || data[pos] == '\n')) {
                ++pos;
                break;
            }
            const qsizetype before = m_headBuffer.size();
            const qsizetype chunk = std::min(size - pos, m_limits.maxHeadBytes + 4 - before);
            m_headBuffer.append(data + pos, chunk);
            const auto end = m_headBuffer.indexOf("\r\n\r\n", std::max<qsizetype>(0, before - 3));
            if (end < 0) {
                pos += chunk;
                if (m_headBuffer.size() > m_limits.maxHeadBytes) {
                    reject(431, QStringLiteral("request header fields are larger than %1 bytes").arg(m_limits.maxHeadBytes));
                    return false;
                }
                break;
            }
            pos += end + 4 - before;
            m_headBuffer.truncate(end);
            if (!finishHead()) {
                if (m_discardRemaining > 0)
                    m_discardRemaining = std::max<qint64>(0, m_discardRemaining - (size - pos));
                return false;
            }
            break;
        }
        case State::Body: {
            const qint64 take = std::min<qint64>(m_remaining, size - pos);
            pos += take;
            m_remaining -= take;
            if (m_remaining == 0) {
                m_complete.push_back(std::move(m_current));
                m_state = State::Head;
            }
            break;
        }
        case State::ChunkSize:
        case State::Trailer: {
            const char *newline = static_cast<const char *>(memchr(data + pos, '\n', size_t(size - pos)));
            const qsizetype take = newline ? (newline - (data + pos)) + 1 : size - pos;
            m_lineBuffer.append(data + pos, take);
            pos += take;
            if (m_lineBuffer.size() > 4096) {
                reject(400, QStringLiteral("malformed chunked encoding"));
                return false;
            }
            if (!newline)
                break;
            const auto line = m_lineBuffer.trimmed();
            m_lineBuffer.clear();
            if (m_state == State::Trailer) {
                if (line.isEmpty()) {
                    m_complete.push_back(std::move(m_current));
                    m_state = State::Head;
                }
                break;
            }
            bool ok = false;
            const auto semicolon = line.indexOf(';');
            const qint64 chunkSize = (semicolon < 0 ? line : line.left(semicolon)).trimmed().toLongLong(&ok, 16);
            if (!ok || chunkSize < 0) {
                reject(400, QStringLiteral("malformed chunked encoding"));
                return false;
            }
            if (chunkSize == 0) {
                m_state = State::Trailer;
                break;
            }
            m_bodySeen += chunkSize;
            if (m_bodySeen > m_limits.maxBodyBytes) {
                reject(413, QStringLiteral("request body exceeds the limit of %1 bytes").arg(m_limits.maxBodyBytes));
                return false;
            }
            m_remaining = chunkSize + 2; // data + CRLF
            m_state = State::ChunkData;
            break;
        }
        case State::ChunkData: {
            const qint64 take = std::min<qint64>(m_remaining, size - pos);
            pos += take;
            m_remaining -= take;
            if (m_remaining == 0)
                m_state = State::ChunkSize;
            break;
        }
        case State::Discarding:
            return false;
        }
    }
    return true;
}

bool Connection::finishHead()
{
    RequestHead head;
    QString error;
    const bool ok = RequestHead::parse(std::exchange(m_headBuffer, {}), &head, &error);
    m_current = std::move(head);
    if (!ok) {
        reject(400, error);
        return false;
    }
    if (m_current.contentLength > m_limits.maxBodyBytes) {
        m_discardRemaining = m_current.contentLength;
        // [DESIGN] refuse before the body is read, so a 200 MB upload is never buffered.
        reject(413, QStringLiteral("request body of %1 bytes exceeds the limit of %2 bytes")
                        .arg(m_current.contentLength)
                        .arg(m_limits.maxBodyBytes));
        return false;
    }
    if (m_current.expectContinue && m_current.contentLength != 0)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    m_bodySeen = 0;
    if (m_current.chunked) {
        m_state = State::ChunkSize;
    } else if (m_current.contentLength > 0) {
        m_remaining = m_current.contentLength;
        m_state = State::Body;
    } else {
        m_complete.push_back(std::move(m_current));
        m_state = State::Head;
    }
    return true;
}

void Connection::reject(int status, const QString &message)
{
    m_state = State::Discarding;
    // Take the socket away from QHttpServer's parser: nothing more of this request is buffered.
    disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    connect(m_socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
    m_socket->setReadBufferSize(64 * 1024);
    m_socket->skip(m_socket->bytesAvailable());
    // Close the connection if the client keeps sending for long after the answer.
    QTimer::singleShot(2000, m_socket, [socket = m_socket] { socket->abort(); });
    const auto slot = reserveSlot();
    if (m_onReject)
        m_onReject(this, slot, m_current, status, message);
    else
        finishResponse(slot, ApiResponse{status, "text/plain", message.toUtf8(), {}}, true);
}

RequestHead Connection::takeHead(QByteArrayView method)
{
    // QHttpServer 6.4 may fold pipelined requests; skip heads it never handed over.
    while (m_complete.size() > 1 && m_complete.front().method != method)
        m_complete.pop_front();
    if (m_complete.empty())
        return {};
    auto head = std::move(m_complete.front());
    m_complete.pop_front();
    return head;
}

QByteArray Connection::serialize(const ApiResponse &response, bool close)
{
    QByteArray out;
    out.reserve(160 + response.body.size());
    out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    if (!response.contentType.isEmpty())
        out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
    out += response.body;
    return out;
}

void Connection::finishResponse(quint64 slot, const ApiResponse &response, bool close)
{
    m_ready.insert(slot, {serialize(response, close), close});
    flush();
}

void Connection::flush()
{
    while (!m_closing && !m_ready.isEmpty() && m_ready.firstKey() == m_nextToWrite) {
        auto [bytes, close] = m_ready.take(m_nextToWrite);
        ++m_nextToWrite;
        m_socket->write(bytes);
        if (close) {
            m_closing = true;
            // Close once the refused body has been read (its length unknown for a chunked one: when the
            // client closes), or on the timer: closing with unread input would reset the connection
            // and could destroy the answer before the client reads it.
            if (m_state == State::Discarding && m_discardRemaining != 0)
                m_closeWhenDrained = true;
            else
                m_socket->disconnectFromHost();
        }
    }
    m_idle.start();
}

} // namespace sb
