#include "LiveHub.h"

#include "ServerLog.h"
#include "domain/EventBus.h"
#include "domain/IsoTime.h"
#include "storage/SqlWorker.h"

#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>
#include <algorithm>
#include <limits>
#include <vector>

namespace sb {

LiveOptions LiveOptions::fromEnvironment(const QProcessEnvironment &environment, bool adminRemote)
{
    LiveOptions options;
    options.adminRemote = adminRemote;
    const auto read = [&environment](const char *name, auto *target) {
        bool ok = false;
        const auto value = environment.value(QString::fromLatin1(name)).toLongLong(&ok);
        if (ok && value > 0 && value <= std::numeric_limits<int>::max())
            *target = static_cast<std::remove_pointer_t<decltype(target)>>(value);
    };
    read("SWITCHBOARD_WS_MAX_CLIENTS", &options.maxClients);
    read("SWITCHBOARD_LIVE_MAX_UNSENT_BYTES", &options.maxUnsentBytes);
    read("SWITCHBOARD_LIVE_MAX_TOTAL_UNSENT_BYTES", &options.maxTotalUnsentBytes);
    read("SWITCHBOARD_WS_PING_MS", &options.pingIntervalMs);
    read("SWITCHBOARD_WS_PONG_TIMEOUT_MS", &options.pongTimeoutMs);
    read("SWITCHBOARD_WS_AUTH_TIMEOUT_MS", &options.authTimeoutMs);
    read("SWITCHBOARD_SSE_HEARTBEAT_MS", &options.heartbeatMs);
    read("SWITCHBOARD_LIVE_FLUSH_MS", &options.flushMs);
    int days = 7;
    read("SWITCHBOARD_EVENT_LOG_DAYS", &days);
    options.retention.maxAgeMs = qint64(days) * 24 * 3600 * 1000;
    read("SWITCHBOARD_EVENT_LOG_ROWS", &options.retention.maxRows);
    return options;
}

LiveHub::Slot::~Slot()
{
    hub->released();
}

LiveHub::LiveHub(EventBus &bus, SqlWorker &reader, SqlWorker &writer, const ApiKeyRegistry &keys,
    const Clock &clock, LiveOptions options)
    : m_bus(bus)
    , m_reader(reader)
    , m_writer(writer)
    , m_keys(keys)
    , m_clock(clock)
    , m_options(std::move(options))
{
    m_thread.setObjectName(QStringLiteral("sb-live"));
}

LiveHub::~LiveHub()
{
    stop();
}

void LiveHub::start()
{
    if (m_context)
        return;
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_pruneTimer = new QTimer(m_context);
            connect(m_pruneTimer, &QTimer::timeout, m_context, [this] { prune(); });
            m_pruneTimer->start(m_options.pruneIntervalMs);
            m_flushTimer = new QTimer(m_context);
            m_flushTimer->setSingleShot(true);
            m_flushTimer->setTimerType(Qt::PreciseTimer);
            connect(m_flushTimer, &QTimer::timeout, m_context, [this] { flush(); });
            prune();
        },
        Qt::BlockingQueuedConnection);
    connect(&m_bus, &EventBus::eventsLogged, m_context,
        [this](const QList<StreamEvent> &events) { onLogged(events); });
}

void LiveHub::stop()
{
    if (!m_context)
        return;
    disconnect(&m_bus, nullptr, m_context, nullptr);
    // Clients are children of the context (their sockets too): deleting it closes them all.
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_attached.clear();
            m_queue.clear();
            delete m_context;
        },
        Qt::BlockingQueuedConnection);
    m_context = nullptr;
    m_thread.quit();
    m_thread.wait();
}

std::shared_ptr<LiveHub::Slot> LiveHub::reserve()
{
    int now = m_clients.load();
    do {
        if (now >= m_options.maxClients)
            return nullptr;
    } while (!m_clients.compare_exchange_weak(now, now + 1));
    Q_EMIT clientCountChanged(now + 1);
    return std::make_shared<Slot>(this);
}

void LiveHub::released()
{
    Q_EMIT clientCountChanged(--m_clients);
}

void LiveHub::takeSocket(QTcpSocket *socket, std::function<void(QTcpSocket *)> adopt)
{
    if (!m_context) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    socket->moveToThread(&m_thread);
    QPointer<QObject> context(m_context);
    QMetaObject::invokeMethod(
        m_context,
        [context, socket, adopt = std::move(adopt)] {
            if (!context) {
                delete socket;
                return;
            }
            socket->setParent(context);
            adopt(socket);
        },
        Qt::QueuedConnection);
}

void LiveHub::attach(LiveClient *client)
{
    m_attached.insert(client, ++m_generation);
}

void LiveHub::detach(LiveClient *client)
{
    m_attached.remove(client);
}

QByteArray LiveHub::eventJson(const StreamEvent &event)
{
    const QJsonObject object {{QStringLiteral("type"), QStringLiteral("event")},
        {QStringLiteral("topic"), event.topic}, {QStringLiteral("seq"), event.seq},
        {QStringLiteral("event"), event.type}, {QStringLiteral("at"), isoTime(event.occurredAtMs)},
        {QStringLiteral("data"), event.data}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray LiveHub::webSocketTextFrame(const QByteArray &payload)
{
    const auto size = quint64(payload.size());
    QByteArray frame;
    frame.reserve(payload.size() + 10);
    frame.append(char(0x81)); // FIN, text
    if (size < 126) {
        frame.append(char(size));
    } else if (size <= 0xffff) {
        frame.append(char(126));
        frame.append(char(size >> 8));
        frame.append(char(size & 0xff));
    } else {
        frame.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((size >> shift) & 0xff));
    }
    frame.append(payload);
    return frame;
}

const QByteArray &EncodedEvent::json()
{
    if (m_json.isEmpty())
        m_json = LiveHub::eventJson(*m_event);
    return m_json;
}

const QByteArray &EncodedEvent::webSocketFrame()
{
    if (m_webSocketFrame.isEmpty())
        m_webSocketFrame = LiveHub::webSocketTextFrame(json());
    return m_webSocketFrame;
}

const QByteArray &EncodedEvent::sseFrame()
{
    if (m_sseFrame.isEmpty()) {
        const auto &object = json();
        const auto type = m_event->type.toUtf8();
        QByteArray &out = m_sseFrame;
        out.reserve(object.size() + type.size() + 40);
        out.append("id: ").append(QByteArray::number(m_event->seq));
        out.append("\nevent: ").append(type);
        out.append("\ndata: ").append(object).append("\n\n");
    }
    return m_sseFrame;
}

const QByteArray &EncodedBatch::webSocketBytes()
{
    if (m_webSocketBytes.isEmpty()) {
        if (m_picked.size() == 1)
            return m_webSocketBytes = (*m_events)[size_t(m_picked.front())].webSocketFrame();
        for (const int index : m_picked)
            m_webSocketBytes.append((*m_events)[size_t(index)].webSocketFrame());
    }
    return m_webSocketBytes;
}

const QByteArray &EncodedBatch::sseBytes()
{
    if (m_sseBytes.isEmpty()) {
        if (m_picked.size() == 1)
            return m_sseBytes = (*m_events)[size_t(m_picked.front())].sseFrame();
        for (const int index : m_picked)
            m_sseBytes.append((*m_events)[size_t(index)].sseFrame());
    }
    return m_sseBytes;
}

bool LiveHub::deliver(LiveClient *client, EncodedBatch &batch)
{
    client->sendEvents(batch);
    if (client->unsentBytes() <= m_options.maxUnsentBytes)
        return true;
    qCInfo(lcServer, "live client cut off: %lld bytes unsent", client->unsentBytes());
    m_attached.remove(client); // nothing more is queued for it
    client->cutOff();
    return false;
}

void LiveHub::deliver(LiveClient *client, const QList<StreamEvent> &events)
{
    if (events.isEmpty())
        return;
    std::vector<EncodedEvent> encoded;
    encoded.reserve(size_t(events.size()));
    std::vector<int> all;
    for (const auto &event : events) {
        all.push_back(int(encoded.size()));
        encoded.emplace_back(event);
    }
    EncodedBatch batch(encoded, std::move(all));
    deliver(client, batch);
}

void LiveHub::onLogged(const QList<StreamEvent> &events)
{
    if (m_attached.isEmpty())
        return;
    m_queue.append(events);
    if (!m_flushTimer->isActive())
        m_flushTimer->start(m_options.flushMs);
}

void LiveHub::flush()
{
    const auto events = std::exchange(m_queue, {});
    if (m_attached.isEmpty() || events.isEmpty())
        return;
    // Each entry is encoded once for all the clients that receive it, and each distinct selection
    // of entries is concatenated once for all the clients that take it.
    std::vector<EncodedEvent> encoded;
    encoded.reserve(size_t(events.size()));
    for (const auto &event : events)
        encoded.emplace_back(event);
    std::vector<std::unique_ptr<EncodedBatch>> batches; // recent selections, newest last
    std::vector<int> picked;
    // A copy: a cut-off client leaves m_attached while this loop runs.
    const auto clients = m_attached.keys();
    for (auto *client : clients) {
        if (!m_attached.contains(client))
            continue;
        auto &subscription = client->subscription();
        picked.clear();
        for (int i = 0; i < int(encoded.size()); ++i) {
            if (subscription.offer(encoded[size_t(i)].event())) {
                picked.push_back(i);
                continue;
            }
            if (subscription.replaying() && subscription.held() > m_options.maxHeld) {
                subscription.endReplay();
                client->sendResync();
                m_attached[client] = ++m_generation; // the running replay no longer answers
            }
        }
        if (picked.empty())
            continue;
        auto found = std::find_if(batches.begin(), batches.end(),
            [&picked](const auto &batch) { return batch->picked() == picked; });
        if (found == batches.end()) {
            if (batches.size() == 8)
                batches.erase(batches.begin());
            batches.push_back(std::make_unique<EncodedBatch>(encoded, picked));
            found = std::prev(batches.end());
        }
        deliver(client, **found);
    }
    enforceTotalBudget();
}

void LiveHub::enforceTotalBudget()
{
    std::vector<std::pair<qint64, LiveClient *>> behind;
    qint64 total = 0;
    for (auto it = m_attached.cbegin(); it != m_attached.cend(); ++it) {
        const auto unsent = it.key()->unsentBytes();
        total += unsent;
        if (unsent > 0)
            behind.emplace_back(unsent, it.key());
    }
    if (total <= m_options.maxTotalUnsentBytes)
        return;
    std::sort(behind.begin(), behind.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    for (const auto &[unsent, client] : behind) {
        if (total <= m_options.maxTotalUnsentBytes)
            break;
        qCInfo(lcServer, "live client cut off: %lld bytes unsent while all clients together have %lld",
            unsent, total);
        total -= unsent;
        m_attached.remove(client);
        client->cutOff();
    }
}

void LiveHub::resume(LiveClient *client, qint64 since)
{
    if (!m_attached.contains(client))
        return;
    client->subscription().beginReplay(since);
    const auto generation = ++m_generation;
    m_attached[client] = generation;
    replayPage(client, since, generation, true);
}

void LiveHub::continueReplay(LiveClient *client, qint64 next, quint64 generation)
{
    const auto it = m_attached.constFind(client);
    if (it == m_attached.cend() || it.value() != generation)
        return;
    // The next page once the client has read half of what is queued: a long replay paces itself to
    // the client instead of running into the slow-consumer limit.
    if (client->unsentBytes() > m_options.maxUnsentBytes / 2) {
        QTimer::singleShot(
            10, m_context, [this, client, next, generation] { continueReplay(client, next, generation); });
        return;
    }
    replayPage(client, next, generation, false);
}

void LiveHub::replayPage(LiveClient *client, qint64 since, quint64 generation, bool first)
{
    struct Page
    {
        bool covered = true;
        QList<StreamEvent> entries;
    };
    auto page = std::make_shared<Page>();
    const int limit = m_options.replayPage;
    SqlJob job;
    job.run = [page, since, limit, first](SqlContext &context) -> ApiResult {
        if (first && !EventLog::bounds(context).covers(since)) {
            page->covered = false;
            return ApiResponse {};
        }
        page->entries = EventLog::after(context, since, limit);
        return ApiResponse {};
    };
    job.replyContext = m_context;
    job.done = [this, client, page, generation, limit](const ApiResult &result) {
        const auto it = m_attached.constFind(client);
        if (it == m_attached.cend() || it.value() != generation)
            return; // gone, or a newer resume took over
        auto &subscription = client->subscription();
        if (isError(result) || !page->covered) {
            // Past the retained window (or unreadable): the client reloads its state.
            subscription.endReplay();
            client->sendResync();
            return;
        }
        deliver(client, subscription.replayed(page->entries));
        if (!m_attached.contains(client))
            return;
        if (page->entries.size() < limit) {
            deliver(client, subscription.endReplay());
            return;
        }
        continueReplay(client, page->entries.constLast().seq, generation);
    };
    m_reader.submit(std::move(job));
}

void LiveHub::prune()
{
    SqlJob job;
    const auto retention = m_options.retention;
    job.run = [retention](SqlContext &context) -> ApiResult {
        const int removed = EventLog::prune(context, retention, context.nowMs());
        if (removed > 0)
            qCInfo(lcServer, "event log: pruned %d entries", removed);
        return ApiResponse {};
    };
    m_writer.submit(std::move(job));
}

} // namespace sb
