#pragma once

#include "LiveSubscription.h"
#include "Router.h"
#include "storage/EventLog.h"

#include <QHash>
#include <QObject>
#include <QProcessEnvironment>
#include <QThread>
#include <QTimer>
#include <atomic>
#include <memory>
#include <vector>

class QTcpSocket;

namespace sb {

class ApiKeyRegistry;
class Clock;
class EventBus;
class SqlWorker;

struct LiveOptions
{
    int maxClients = 2000; // SWITCHBOARD_WS_MAX_CLIENTS: /ws and SSE together; past it 503
    qint64 maxUnsentBytes = 4 * 1024 * 1024; // a client further behind is cut off (slow consumer)
    // All clients together: past it the furthest behind are cut off until the total is under it, so
    // many slow clients cannot grow the process without bound.
    qint64 maxTotalUnsentBytes = 64 * 1024 * 1024;
    int pingIntervalMs = 30000;
    int pongTimeoutMs = 60000;
    int authTimeoutMs = 5000; // /ws without a key in the handshake: the auth message must come by then
    int heartbeatMs = 15000; // SSE comment
    // Entries committed within this window go out together: one write per client instead of one
    // per entry, and one encoding for all clients that take the same entries.
    int flushMs = 2;
    qint64 maxMessageBytes = 64 * 1024; // a bigger client message closes with 1009
    int replayPage = 1000;
    qsizetype maxHeld = 100000; // live entries held during one replay; past it: resync
    bool adminRemote = false; // like admin routes: only from this machine unless --admin-remote
    EventLog::Retention retention;
    int pruneIntervalMs = 3600 * 1000;

    // Defaults changed by SWITCHBOARD_WS_MAX_CLIENTS, SWITCHBOARD_LIVE_MAX_UNSENT_BYTES,
    // SWITCHBOARD_LIVE_MAX_TOTAL_UNSENT_BYTES, SWITCHBOARD_WS_PING_MS, SWITCHBOARD_WS_PONG_TIMEOUT_MS,
    // SWITCHBOARD_WS_AUTH_TIMEOUT_MS, SWITCHBOARD_SSE_HEARTBEAT_MS, SWITCHBOARD_LIVE_FLUSH_MS,
    // SWITCHBOARD_EVENT_LOG_DAYS and SWITCHBOARD_EVENT_LOG_ROWS (whole positive numbers; others are ignored).
    static LiveOptions fromEnvironment(const QProcessEnvironment &environment, bool adminRemote);
};

// One entry as each kind of client sends it, encoded once however many clients receive it: the
// event object ({"type":"event",...}), the WebSocket text frame carrying it and its SSE lines.
class EncodedEvent
{
public:
    explicit EncodedEvent(const StreamEvent &event)
        : m_event(&event)
    { }
    const StreamEvent &event() const { return *m_event; }
    const QByteArray &json();
    const QByteArray &webSocketFrame();
    const QByteArray &sseFrame();

private:
    const StreamEvent *m_event;
    QByteArray m_json;
    QByteArray m_webSocketFrame;
    QByteArray m_sseFrame;
};

// Some of a run of encoded entries, in order, as the bytes one client is sent: the clients that
// take the same entries (the common case: the same topics) share one batch and its bytes.
class EncodedBatch
{
public:
    EncodedBatch(std::vector<EncodedEvent> &events, std::vector<int> picked)
        : m_events(&events)
        , m_picked(std::move(picked))
    { }
    const std::vector<int> &picked() const { return m_picked; }
    const QByteArray &webSocketBytes();
    const QByteArray &sseBytes();

private:
    std::vector<EncodedEvent> *m_events;
    std::vector<int> m_picked;
    QByteArray m_webSocketBytes;
    QByteArray m_sseBytes;
};

// One live client (a /ws connection or an SSE stream), in the hub's thread.
class LiveClient
{
public:
    virtual ~LiveClient() = default;
    Subscription &subscription() { return m_subscription; }
    // Sends entries (one or more, in order).
    virtual void sendEvents(EncodedBatch &batch) = 0;
    // The entries after the requested seq are no longer stored.
    virtual void sendResync() = 0;
    virtual qint64 unsentBytes() const = 0;
    // Closes a client that fell behind by more than LiveOptions::maxUnsentBytes.
    virtual void cutOff() = 0;

private:
    Subscription m_subscription;
};

// The live streams: routes every committed event-log entry to the clients whose topics match,
// replays stored entries for resumes (through the reader), holds the connection count and prunes
// the log. Lives in a thread of its own ("sb-live"): the sockets of /ws and SSE clients are moved
// there when the server thread hands them over, so a busy stream never slows the HTTP server.
class LiveHub : public QObject
{
    Q_OBJECT
public:
    LiveHub(EventBus &bus, SqlWorker &reader, SqlWorker &writer, const ApiKeyRegistry &keys,
        const Clock &clock, LiveOptions options);
    ~LiveHub() override;

    void start();
    // Closes every client and ends the thread.
    void stop();

    const LiveOptions &options() const { return m_options; }
    const ApiKeyRegistry &keys() const { return m_keys; }
    QThread *liveThread() { return &m_thread; }

    // A place for one more client, taken on the server thread before the answer; released when the
    // client goes (or when the hand-over never happens). Null at the limit.
    struct Slot;
    std::shared_ptr<Slot> reserve();
    int clientCount() const { return m_clients.load(); }

    // In the hub's thread.
    void attach(LiveClient *client);
    void detach(LiveClient *client);
    // Replays the stored entries after `since` to `client`, then its held live ones (or resync).
    void resume(LiveClient *client, qint64 since);
    // The {"type":"event",...} object of an entry.
    static QByteArray eventJson(const StreamEvent &event);
    // An unfragmented, unmasked WebSocket text frame (RFC 6455 5.2) carrying `payload`.
    static QByteArray webSocketTextFrame(const QByteArray &payload);
    // A socket taken over from the server thread: moved to the hub's thread, then `adopt` runs there.
    void takeSocket(QTcpSocket *socket, std::function<void(QTcpSocket *)> adopt);

Q_SIGNALS:
    // The number of live /ws and SSE clients changed (emitted in the hub's thread).
    void clientCountChanged(int count);

private:
    void onLogged(const QList<StreamEvent> &events);
    void flush();
    // Sends a batch; false when the client was cut off for falling behind.
    bool deliver(LiveClient *client, EncodedBatch &batch);
    void deliver(LiveClient *client, const QList<StreamEvent> &events);
    void enforceTotalBudget();
    void replayPage(LiveClient *client, qint64 since, quint64 generation, bool first);
    void continueReplay(LiveClient *client, qint64 next, quint64 generation);
    void prune();
    void released();

    EventBus &m_bus;
    SqlWorker &m_reader;
    SqlWorker &m_writer;
    const ApiKeyRegistry &m_keys;
    const Clock &m_clock;
    LiveOptions m_options;
    QThread m_thread;
    QObject *m_context = nullptr; // lives in m_thread
    QTimer *m_pruneTimer = nullptr;
    QTimer *m_flushTimer = nullptr;
    QList<StreamEvent> m_queue; // logged, not yet sent (the hub's thread)
    std::atomic<int> m_clients {0};
    QHash<LiveClient *, quint64> m_attached; // client → generation (a replay answers only its own)
    quint64 m_generation = 0;
};

struct LiveHub::Slot
{
    explicit Slot(LiveHub *hub)
        : hub(hub)
    { }
    ~Slot();
    LiveHub *hub;
};

// GET /ws (WebSocket), GET /api/stream/events and GET /api/stream/conversation/{leadId} (SSE).
void registerLiveRoutes(Router &router, LiveHub &hub);

} // namespace sb
