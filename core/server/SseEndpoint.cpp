#include "SseEndpoint.h"

#include "ServerLog.h"
#include "SocketWrite.h"
#include "WebSocketEndpoint.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace sb {

namespace {

// One SSE stream in the hub's thread: the answer's head, then events and heartbeats until the
// client goes.
class SseClient : public QObject, public LiveClient
{
public:
    SseClient(LiveHub &hub, QTcpSocket *socket, std::shared_ptr<LiveHub::Slot> slot, QObject *parent)
        : QObject(parent)
        , m_hub(hub)
        , m_socket(socket)
        , m_slot(std::move(slot))
    {
        socket->setParent(this);
        connect(socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
        // The client sends nothing more; whatever it does send is read and dropped.
        connect(socket, &QTcpSocket::readyRead, this, [this] { m_socket->readAll(); });
        m_heartbeat.setInterval(hub.options().heartbeatMs);
        connect(&m_heartbeat, &QTimer::timeout, this, [this] { m_socket->write(": heartbeat\n\n"); });
        m_heartbeat.start();
        socket->write("HTTP/1.1 200 OK\r\n"
                      "Content-Type: text/event-stream; charset=utf-8\r\n"
                      "Cache-Control: no-cache\r\n"
                      "X-Accel-Buffering: no\r\n"
                      "Connection: close\r\n\r\n"
                      "retry: 3000\n\n");
        hub.attach(this);
    }
    ~SseClient() override { m_hub.detach(this); }

    void sendEvents(EncodedBatch &batch) override { writeThrough(m_socket, batch.sseBytes()); }
    void sendResync() override { m_socket->write("event: resync\ndata: {\"type\":\"resync\"}\n\n"); }
    qint64 unsentBytes() const override { return m_socket->bytesToWrite(); }
    void cutOff() override { m_socket->abort(); }

private:
    LiveHub &m_hub;
    QTcpSocket *m_socket;
    std::shared_ptr<LiveHub::Slot> m_slot;
    QTimer m_heartbeat;
};

ApiResult stream(LiveHub &hub, const ApiRequest &request, const QStringList &topics)
{
    if (auto error = keyInUrl(request))
        return *error;
    TopicSet checked;
    QString problem;
    if (topics.isEmpty() || !checked.add(topics, &problem))
        return ApiError {ErrorKind::BadRequest,
            topics.isEmpty() ? QStringLiteral("topics is required, e.g. ?topics=leads,conversations")
                             : problem,
            {}};
    qint64 since = -1;
    const auto lastEventId = request.header("Last-Event-ID").trimmed();
    if (!lastEventId.isEmpty()) {
        bool ok = false;
        since = lastEventId.toLongLong(&ok);
        if (!ok || since < 0)
            return ApiError {ErrorKind::BadRequest,
                QStringLiteral("Last-Event-ID must be the seq (a non-negative integer) of the last event "
                               "received"),
                {}};
    }
    auto slot = hub.reserve();
    if (!slot)
        return ApiError {ErrorKind::Unavailable,
            QStringLiteral("too many live clients (limit %1); try again later").arg(hub.options().maxClients),
            {{"Retry-After", "5"}}};
    ApiResponse response;
    response.takeover = [&hub, slot, topics, since](QTcpSocket *socket, const QByteArray &) {
        hub.takeSocket(socket, [&hub, slot, topics, since](QTcpSocket *taken) {
            auto *client = new SseClient(hub, taken, slot, taken->parent());
            client->subscription().topics().add(topics);
            if (since >= 0)
                hub.resume(client, since);
        });
    };
    return response;
}

} // namespace

ApiResult SseEndpoint::events(LiveHub &hub, const ApiRequest &request)
{
    const auto value = request.query.queryItemValue(QStringLiteral("topics"), QUrl::FullyDecoded);
    QStringList topics;
    for (const auto &topic : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
        topics.append(topic.trimmed());
    return stream(hub, request, topics);
}

ApiResult SseEndpoint::conversation(LiveHub &hub, const ApiRequest &request)
{
    const auto &text = request.pathArgs.value(0);
    bool ok = false;
    const auto leadId = text.toLongLong(&ok);
    if (!ok || leadId <= 0)
        return ApiError {ErrorKind::BadRequest,
            QStringLiteral("leadId must be a positive integer, not \"%1\"").arg(text.left(40)), {}};
    return stream(hub, request, {QStringLiteral("lead:%1").arg(leadId)});
}

} // namespace sb
