#include "ServerEngine.h"

#include <QDateTime>
#include <QPointer>
#include <QTcpSocket>
#include <chrono>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace sb {

namespace {

qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

ApiRequest newRequest(Connection *connection, const RequestHead &head)
{
    ApiRequest request;
    request.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    request.receivedMonotonicNs = monotonicNs();
    request.peer = connection->socket()->peerAddress();
    applyRequestHead(request, head);
    return request;
}

} // namespace

ServerEngine::ServerEngine(RequestSink &sink, QObject *parent)
    : QTcpServer(parent)
    , m_sink(sink)
{
    m_trimTimer.setSingleShot(true);
    connect(&m_trimTimer, &QTimer::timeout, this, [this] { trimPending(0); });
}

ServerEngine::~ServerEngine()
{
    // Connections report to this object while they are destroyed: delete them while it is whole.
    qDeleteAll(findChildren<QTcpSocket *>(QString(), Qt::FindDirectChildrenOnly));
}

qint64 ServerEngine::raiseFileLimit()
{
#ifdef Q_OS_UNIX
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 0;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
#ifdef Q_OS_MACOS
        raised.rlim_cur = std::min<rlim_t>(raised.rlim_cur, OPEN_MAX);
#endif
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            limit = raised;
    }
    return limit.rlim_cur == RLIM_INFINITY ? std::numeric_limits<int>::max() : qint64(limit.rlim_cur);
#else
    return 0;
#endif
}

quint16 ServerEngine::listenOn(const QHostAddress &address, quint16 port, ServerLimits limits, QString *error)
{
    m_limits = limits;
    if (m_limits.maxConnections <= 0) {
        // Leave room for the database, log files, outbound deliveries and the console.
        const qint64 files = raiseFileLimit();
        m_limits.maxConnections = files > 0 ? int(std::clamp<qint64>(files - 128, 64, 100000)) : 10000;
    }
    m_limits.maxPendingConnections = std::clamp(m_limits.maxPendingConnections, 1, m_limits.maxConnections);
    // Qt's default queue of 50 not-yet-accepted connections drops the SYNs of a burst (a thousand
    // live clients reconnecting), which then wait for the client's retransmission, a second or more.
    setListenBacklogSize(m_limits.listenBacklog);
    if (!listen(address, port)) {
        if (error)
            *error = QStringLiteral("cannot listen on %1:%2: %3")
                         .arg(address.toString())
                         .arg(port)
                         .arg(errorString());
        return 0;
    }
    return serverPort();
}

void ServerEngine::stopAccepting()
{
    close();
}

void ServerEngine::incomingConnection(qintptr descriptor)
{
    // Make room: first the connection that has waited longest for the rest of a request.
    if (m_open >= m_limits.maxConnections && !m_pending.empty())
        m_pending.front()->evict();
    else
        trimPending(1);
    if (m_open >= m_limits.maxConnections) {
#ifdef Q_OS_UNIX
        ::close(int(descriptor));
#else
        QTcpSocket refused;
        refused.setSocketDescriptor(descriptor);
        refused.abort();
#endif
        return;
    }
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    ++m_open;
    connect(socket, &QObject::destroyed, this, [this] { --m_open; });
    new Connection(
        socket, m_limits.connection,
        [this](Connection *connection, quint64 slot, RequestFramer::Request framed) {
            onRequest(connection, slot, std::move(framed));
        },
        [this](Connection *connection, quint64 slot, const RequestHead &head, const ApiError &error) {
            onReject(connection, slot, head, error);
        },
        [this](Connection *connection, bool pending) { onPendingChanged(connection, pending); });
}

void ServerEngine::trimPending(int room)
{
    const auto cap = size_t(std::max(0, m_limits.maxPendingConnections - room));
    while (m_pending.size() > cap && m_pending.front()->pendingMs() >= m_limits.pendingGraceMs)
        m_pending.front()->evict();
    if (m_pending.size() > cap && !m_trimTimer.isActive())
        m_trimTimer.start(int(std::max<qint64>(1, m_limits.pendingGraceMs - m_pending.front()->pendingMs())));
}

void ServerEngine::onPendingChanged(Connection *connection, bool pending)
{
    if (pending) {
        if (m_pendingIndex.contains(connection))
            return;
        m_pending.push_back(connection);
        m_pendingIndex.insert(connection, std::prev(m_pending.end()));
        return;
    }
    const auto it = m_pendingIndex.find(connection);
    if (it == m_pendingIndex.end())
        return;
    m_pending.erase(it.value());
    m_pendingIndex.erase(it);
}

void ServerEngine::onRequest(Connection *connection, quint64 slot, RequestFramer::Request framed)
{
    ApiRequest request = newRequest(connection, framed.head);
    request.body = std::move(framed.body);
    const bool close = framed.head.wantsClose;
    const bool omitBody = framed.head.method == "HEAD";
    QPointer<Connection> guard(connection);
    m_sink.handle(std::move(request), [guard, slot, close, omitBody](const ApiResponse &response) {
        if (guard)
            guard->finishResponse(slot, response, close, omitBody);
    });
}

void ServerEngine::onReject(
    Connection *connection, quint64 slot, const RequestHead &head, const ApiError &error)
{
    ApiRequest request = newRequest(connection, head);
    const bool omitBody = head.method == "HEAD";
    QPointer<Connection> guard(connection);
    m_sink.refuse(std::move(request), error, [guard, slot, omitBody](const ApiResponse &response) {
        if (guard)
            guard->finishResponse(slot, response, true, omitBody);
    });
}

} // namespace sb
