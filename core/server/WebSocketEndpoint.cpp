#include "WebSocketEndpoint.h"

#include "ServerLog.h"
#include "SocketWrite.h"
#include "http/JsonBody.h"
#include "security/ApiKeys.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

namespace sb {

namespace {

constexpr auto subprotocol = "switchboard.v1";

QString text(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QStringList topicList(const QJsonValue &value, QString *error)
{
    if (value.isUndefined())
        return {};
    if (!value.isArray()) {
        *error = QStringLiteral("topics must be an array of strings");
        return {};
    }
    QStringList topics;
    for (const auto &topic : value.toArray()) {
        if (!topic.isString()) {
            *error = QStringLiteral("topics must be an array of strings");
            return {};
        }
        topics.append(topic.toString());
    }
    return topics;
}

// One /ws connection in the hub's thread.
class WebSocketClient : public QObject, public LiveClient
{
public:
    // `connection` is the TCP socket under `socket`: events, the bulk of what is sent, are written
    // to it as frames encoded once for all clients (QWebSocket would encode each message again per
    // client); QWebSocket writes its own frames (answers, pings, close) whole, between them.
    WebSocketClient(LiveHub &hub, QWebSocket *socket, QTcpSocket *connection, bool authenticated,
        std::shared_ptr<LiveHub::Slot> slot, QObject *parent)
        : QObject(parent)
        , m_hub(hub)
        , m_socket(socket)
        , m_connection(connection)
        , m_slot(std::move(slot))
        , m_authenticated(authenticated)
    {
        const auto &options = hub.options();
        socket->setParent(this);
        socket->setMaxAllowedIncomingMessageSize(quint64(options.maxMessageBytes));
        socket->setMaxAllowedIncomingFrameSize(quint64(options.maxMessageBytes));
        connect(socket, &QWebSocket::textMessageReceived, this, &WebSocketClient::onMessage);
        connect(socket, &QWebSocket::binaryMessageReceived, this, [this] {
            m_socket->close(QWebSocketProtocol::CloseCode(WebSocketEndpoint::PolicyViolation),
                QStringLiteral("messages are JSON text frames"));
        });
        connect(socket, &QWebSocket::pong, this, [this] { m_sincePong.restart(); });
        connect(socket, &QWebSocket::disconnected, this, &QObject::deleteLater);
        m_sincePong.start();
        m_ping.setInterval(options.pingIntervalMs);
        connect(&m_ping, &QTimer::timeout, this, [this] {
            if (m_sincePong.elapsed() > m_hub.options().pongTimeoutMs) {
                qCInfo(lcServer, "live client closed: no pong for %lld ms", m_sincePong.elapsed());
                m_socket->abort();
                return;
            }
            m_socket->ping();
        });
        m_ping.start();
        if (!authenticated) {
            m_authDeadline.setSingleShot(true);
            connect(&m_authDeadline, &QTimer::timeout, this, [this] {
                close(WebSocketEndpoint::Unauthorized, QStringLiteral("authentication required"));
            });
            m_authDeadline.start(options.authTimeoutMs);
        }
        hub.attach(this);
    }
    ~WebSocketClient() override { m_hub.detach(this); }

    void sendEvents(EncodedBatch &batch) override
    {
        if (m_connection && m_socket->state() == QAbstractSocket::ConnectedState)
            writeThrough(m_connection, batch.webSocketBytes());
    }
    void sendResync() override
    {
        m_socket->sendTextMessage(text({{QStringLiteral("type"), QStringLiteral("resync")}}));
    }
    qint64 unsentBytes() const override { return m_socket->bytesToWrite(); }
    void cutOff() override
    {
        // A close frame would wait behind everything unsent: the connection is dropped at once.
        m_socket->abort();
    }

private:
    void close(int code, const QString &reason)
    {
        m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
    }
    void error(const QString &message)
    {
        m_socket->sendTextMessage(
            text({{QStringLiteral("type"), QStringLiteral("error")}, {QStringLiteral("message"), message}}));
    }
    void subscribed(std::optional<qint64> resumeFrom = std::nullopt)
    {
        QJsonObject answer {{QStringLiteral("type"), QStringLiteral("subscribed")},
            {QStringLiteral("topics"), QJsonArray::fromStringList(subscription().topics().names())}};
        if (resumeFrom)
            answer.insert(QStringLiteral("since"), *resumeFrom);
        m_socket->sendTextMessage(text(answer));
    }

    void onMessage(const QString &message)
    {
        const auto parsed = JsonBody::object(message.toUtf8());
        if (const auto *failure = std::get_if<ApiError>(&parsed)) {
            if (!m_authenticated) {
                close(WebSocketEndpoint::Unauthorized, QStringLiteral("authentication required"));
                return;
            }
            error(failure->message);
            return;
        }
        const auto &object = std::get<QJsonObject>(parsed);
        const auto type = object.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("auth")) {
            if (m_authenticated) {
                error(QStringLiteral("already authenticated"));
                return;
            }
            const auto key = object.value(QStringLiteral("key")).toString().toUtf8();
            if (key.isEmpty() || !liveKeyAccepted(m_hub.keys(), key)) {
                close(WebSocketEndpoint::Unauthorized, QStringLiteral("the API key is not valid"));
                return;
            }
            m_authenticated = true;
            m_authDeadline.stop();
            m_socket->sendTextMessage(text({{QStringLiteral("type"), QStringLiteral("authenticated")}}));
            return;
        }
        if (!m_authenticated) {
            close(WebSocketEndpoint::Unauthorized,
                QStringLiteral("authenticate first: {\"type\":\"auth\",\"key\":\"...\"}"));
            return;
        }
        QString problem;
        const auto topics = topicList(object.value(QStringLiteral("topics")), &problem);
        if (!problem.isEmpty()) {
            error(problem);
            return;
        }
        if (type == QLatin1String("subscribe")) {
            if (topics.isEmpty()) {
                error(QStringLiteral("subscribe needs a non-empty topics array"));
                return;
            }
            if (!subscription().topics().add(topics, &problem)) {
                error(problem);
                return;
            }
            subscribed();
        } else if (type == QLatin1String("unsubscribe")) {
            subscription().topics().remove(topics);
            subscribed();
        } else if (type == QLatin1String("resume")) {
            const auto since = object.value(QStringLiteral("since"));
            if (!since.isDouble() || since.toDouble() < 0 || since.toDouble() != double(since.toInteger())) {
                error(QStringLiteral(
                    "since must be a non-negative integer (the seq of the last event received)"));
                return;
            }
            if (!subscription().topics().add(topics, &problem)) {
                error(problem);
                return;
            }
            if (subscription().topics().isEmpty()) {
                error(QStringLiteral("resume needs topics (in the message or subscribed before)"));
                return;
            }
            subscribed(since.toInteger());
            m_hub.resume(this, since.toInteger());
        } else {
            error(QStringLiteral("unknown message type \"%1\"; use subscribe, unsubscribe, resume or auth")
                      .arg(type.left(40)));
        }
    }

    LiveHub &m_hub;
    QWebSocket *m_socket;
    QPointer<QTcpSocket> m_connection;
    std::shared_ptr<LiveHub::Slot> m_slot;
    bool m_authenticated;
    QTimer m_ping;
    QTimer m_authDeadline;
    QElapsedTimer m_sincePong;
};

// Completes handshakes in the hub's thread and pairs each upgraded socket with what the route
// decided about it (authenticated, its slot).
class WebSocketAcceptor : public QObject
{
public:
    WebSocketAcceptor(LiveHub &hub, QObject *parent)
        : QObject(parent)
        , m_hub(hub)
        , m_server(QStringLiteral("Switchboard"), QWebSocketServer::NonSecureMode, this)
    {
        setObjectName(QStringLiteral("sb-ws-acceptor"));
        m_server.setSupportedSubprotocols({QString::fromLatin1(subprotocol)});
        m_server.setMaxPendingConnections(100000);
        m_server.setHandshakeTimeout(10000);
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (auto *socket = m_server.nextPendingConnection()) {
                const auto key = peerKey(socket->peerAddress(), socket->peerPort());
                const auto pending = m_pending.take(key);
                if (!pending.slot) {
                    socket->abort();
                    socket->deleteLater();
                    continue;
                }
                new WebSocketClient(
                    m_hub, socket, pending.socket, pending.authenticated, pending.slot, parentObject());
            }
        });
    }

    void accept(QTcpSocket *socket, const QByteArray &handshake, bool authenticated,
        std::shared_ptr<LiveHub::Slot> slot)
    {
        const auto key = peerKey(socket->peerAddress(), socket->peerPort());
        m_pending.insert(key, Pending {authenticated, std::move(slot), socket});
        // A handshake that fails ends with the socket: its slot goes with it.
        connect(socket, &QObject::destroyed, this, [this, key, socket] {
            const auto it = m_pending.find(key);
            if (it != m_pending.end() && it->socket == socket)
                m_pending.erase(it);
        });
        // The bytes Connection read (the head and anything after it) go back in front of the
        // socket's buffer, where Qt WebSockets reads its handshake.
        for (auto i = handshake.size() - 1; i >= 0; --i)
            socket->ungetChar(handshake.at(i));
        m_server.handleConnection(socket);
    }

private:
    struct Pending
    {
        bool authenticated = false;
        std::shared_ptr<LiveHub::Slot> slot;
        QTcpSocket *socket = nullptr;
    };
    static QString peerKey(const QHostAddress &address, quint16 port)
    {
        return address.toString() + QLatin1Char('|') + QString::number(port);
    }
    QObject *parentObject() const { return parent(); }

    LiveHub &m_hub;
    QWebSocketServer m_server;
    QHash<QString, Pending> m_pending;
};

} // namespace

QByteArray presentedLiveKey(const ApiRequest &request)
{
    auto key = ApiKeyRegistry::presentedKey(request.header("Authorization"), request.header("X-API-Key"));
    if (!key.isEmpty())
        return key;
    for (const auto &value : request.headerValues("Sec-WebSocket-Protocol")) {
        for (const auto &entry : value.split(',')) {
            const auto protocol = entry.trimmed();
            if (protocol.startsWith("key."))
                return protocol.mid(4);
        }
    }
    return {};
}

std::optional<ApiError> keyInUrl(const ApiRequest &request)
{
    for (const auto *name : {"key", "api_key", "apikey", "apiKey", "token", "access_token"}) {
        if (request.query.hasQueryItem(QLatin1String(name)))
            return ApiError {ErrorKind::BadRequest,
                QStringLiteral("API keys are not accepted in the URL (URLs end up in logs); send "
                               "Authorization: Bearer <key>, X-API-Key, a Sec-WebSocket-Protocol "
                               "\"key.<key>\" entry or an auth message"),
                {}};
    }
    return std::nullopt;
}

bool liveKeyAccepted(const ApiKeyRegistry &keys, QByteArrayView key)
{
    const auto identity = keys.identify(key);
    return identity && scopeAllows(identity->scope, "GET", u"/ws");
}

bool isLocalRequest(const ApiRequest &request)
{
    return request.peer.isLoopback() && !request.viaProxy && request.header("X-Forwarded-For").isEmpty()
        && request.header("Forwarded").isEmpty();
}

ApiResult WebSocketEndpoint::route(LiveHub &hub, const ApiRequest &request)
{
    if (!request.header("Upgrade").toLower().contains("websocket"))
        return ApiError {ErrorKind::BadRequest,
            QStringLiteral("/ws is a WebSocket endpoint: send a WebSocket upgrade request"),
            {{"Upgrade", "websocket"}}};
    if (auto error = keyInUrl(request))
        return *error;
    if (!isLocalRequest(request) && !hub.options().adminRemote)
        return ApiError {ErrorKind::Forbidden,
            QStringLiteral("live streams answer only on this machine, not through a tunnel or proxy; "
                           "start Switchboard with --admin-remote to allow them"),
            {}};
    const auto key = presentedLiveKey(request);
    if (!key.isEmpty() && !liveKeyAccepted(hub.keys(), key))
        return ApiError {ErrorKind::Unauthorized, QStringLiteral("the API key is not valid"),
            {{"WWW-Authenticate", "Bearer"}}};
    auto slot = hub.reserve();
    if (!slot)
        return ApiError {ErrorKind::Unavailable,
            QStringLiteral("too many live clients (limit %1); try again later").arg(hub.options().maxClients),
            {{"Retry-After", "5"}}};
    auto head = request.rawHead;
    while (head.endsWith("\r\n"))
        head.chop(2);
    head += "\r\n\r\n";
    ApiResponse response;
    response.takeover
        = [&hub, slot, head, authenticated = !key.isEmpty()](QTcpSocket *socket, const QByteArray &unread) {
              hub.takeSocket(socket,
                  [&hub, slot, handshake = QByteArray(head + unread), authenticated](QTcpSocket *taken) {
                      auto *context = taken->parent();
                      auto *found = context->findChild<QObject *>(
                          QStringLiteral("sb-ws-acceptor"), Qt::FindDirectChildrenOnly);
                      auto *acceptor = found ? static_cast<WebSocketAcceptor *>(found)
                                             : new WebSocketAcceptor(hub, context);
                      acceptor->accept(taken, handshake, authenticated, slot);
                  });
          };
    return response;
}

} // namespace sb
