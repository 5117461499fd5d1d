#include "ServerEngine.h"

#include "RequestPipeline.h"
#include "domain/RecordId.h"

#include <QHttpServerRequest>
#include <QMetaEnum>
#include <QPointer>
#include <QTcpSocket>
#include <QUrl>

#include <chrono>

namespace sb {

namespace {

qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

QByteArray methodName(const QHttpServerRequest &request)
{
    return QByteArray(QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(request.method()))).toUpper();
}

} // namespace

FramingTcpServer::FramingTcpServer(Connection::Limits limits, Connection::EarlyRejection onReject, QObject *parent)
    : QTcpServer(parent), m_limits(limits), m_onReject(std::move(onReject))
{
}

void FramingTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    new Connection(socket, m_limits, m_onReject);
    addPendingConnection(socket);
}

ServerEngine::ServerEngine(RequestPipeline &pipeline, QObject *parent)
    : QAbstractHttpServer(parent), m_pipeline(pipeline)
{
}

quint16 ServerEngine::listenOn(const QHostAddress &address, quint16 port, Connection::Limits limits, QString *error)
{
    auto onReject = [this](Connection *connection, quint64 slot, const RequestHead &head, int status, QString message) {
        ApiRequest request;
        request.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
        request.receivedMonotonicNs = monotonicNs();
        request.recordId = newRecordId(u"evt_", request.receivedAtMs);
        request.peer = connection->socket()->peerAddress();
        applyRequestHead(request, head);
        QPointer<Connection> guard(connection);
        m_pipeline.refuse(std::move(request), ApiError{status, message, {}}, [guard, slot](const ApiResponse &response) {
            if (guard)
                guard->finishResponse(slot, response, true);
        });
    };
    auto *server = new FramingTcpServer(limits, onReject, this);
    if (!server->listen(address, port)) {
        if (error)
            *error = QStringLiteral("cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(server->errorString());
        delete server;
        return 0;
    }
    bind(server);
    return server->serverPort();
}

void ServerEngine::stopAccepting()
{
    for (auto *server : servers())
        server->close();
}

bool ServerEngine::handleRequest(const QHttpServerRequest &parsed, QTcpSocket *socket)
{
    auto *connection = Connection::of(socket);
    if (!connection)
        return false;
    // Copy everything now: QHttpServer reuses `parsed` for the next request on this connection.
    ApiRequest request;
    request.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    request.receivedMonotonicNs = monotonicNs();
    request.recordId = newRecordId(u"evt_", request.receivedAtMs);
    request.peer = parsed.remoteAddress();
    const auto head = connection->takeHead(methodName(parsed));
    applyRequestHead(request, head);
    if (request.method.isEmpty()) { // no head seen (should not happen): fall back to the parsed request
        request.method = methodName(parsed);
        request.rawTarget = parsed.url().toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
        request.path = parsed.url().path();
        request.query = parsed.query();
        for (const auto &header : parsed.headers())
            request.headers.append(header);
    }
    request.body = parsed.body();
    const bool close = head.wantsClose;
    const auto slot = connection->reserveSlot();
    QPointer<Connection> guard(connection);
    m_pipeline.handle(std::move(request), [guard, slot, close](const ApiResponse &response) {
        if (guard)
            guard->finishResponse(slot, response, close);
    });
    return true;
}

void ServerEngine::missingHandler(const QHttpServerRequest &, QTcpSocket *socket)
{
    socket->disconnectFromHost();
}

} // namespace sb
