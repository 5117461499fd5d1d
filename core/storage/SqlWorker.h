#pragma once

#include "Database.h"
#include "RawStatement.h"
#include "domain/DomainEvent.h"
#include "http/HttpTypes.h"

#include <QHash>
#include <QPointer>
#include <QSqlQuery>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace sb {

class Clock;
class EventBus;
class SecretStore;

class SqlContext;

// Turns a published event into further rows inside the same transaction (the outbound fan-out:
// one delivery per matching webhook configuration), so the deliveries commit with the change.
class EventRouter
{
public:
    virtual ~EventRouter() = default;
    // Returns the number of deliveries created.
    virtual int route(SqlContext &context, const DomainEvent &event) = 0;
    // Webhook configurations changed (e.g. one was disabled by failures): reload before routing.
    virtual void invalidate() = 0;
    // Whether an active configuration subscribes to `eventType` (then events carry full records).
    virtual bool wants(SqlContext &context, const QString &eventType) = 0;
    // A webhook request of route `routeName` was accepted and stored (in this transaction): queues
    // its relays, one delivery per enabled relay target of the route. Returns how many.
    virtual int relay(SqlContext &context, const ApiRequest &request, const QString &routeName)
    {
        Q_UNUSED(context);
        Q_UNUSED(request);
        Q_UNUSED(routeName);
        return 0;
    }
};

// What a storage job sees: the worker's connection, cached prepared statements, the time, and a
// place to put the events it raises (published only if its transaction commits).
class SqlContext
{
public:
    SqlContext(QSqlDatabase db, const Clock &clock, const SecretStore *secrets = nullptr)
        : m_db(std::move(db))
        , m_clock(clock)
        , m_secrets(secrets)
    { }

    QSqlDatabase &db() { return m_db; }
    // Seals and reveals stored secrets and says which headers are credentials; null in contexts
    // that read no secrets.
    const SecretStore *secrets() const { return m_secrets; }
    qint64 nowMs() const;
    const Clock &clock() const { return m_clock; }

    // A prepared statement, cached by its text for the life of the connection.
    QSqlQuery &prepared(const QString &sql);
    // Prepares, binds positionally and executes; throws SqlError.
    QSqlQuery &run(const QString &sql, const QVariantList &values);
    // The same statement through SQLite's API (cached by the literal's address), for the hot path;
    // null when the connection is not SQLite or its driver runs another SQLite library than this
    // program links (Database::rawSqlite): then run it through QtSql. Bind, then run().
    RawStatement *raw(const char *sql);
    // Runs a statement without parameters or rows (SAVEPOINT, RELEASE, ...), raw when possible.
    void exec(const char *sql);
    // An INSERT/UPDATE/DELETE whose rows are not read: raw when possible (cached by its text).
    // Returns the last inserted row id.
    qint64 write(const QString &sql, const QVariantList &values);

    void publish(DomainEvent event);
    // Publishes a catalog event `type` raised by record `recordId` (the payload names it as
    // sourceRecordId), with a new event id and the context's time.
    void raise(const QString &type, const QString &recordId, QJsonObject payload);
    // What the events published from now on were raised by (DomainEvent::origin); "console" unless
    // the request pipeline says otherwise for the job it runs.
    void setOrigin(const QString &origin) { m_origin = origin; }
    // Sets the origin for a scope (a job may throw; the next one must not inherit it).
    struct OriginScope
    {
        OriginScope(SqlContext &context, const QString &origin)
            : m_context(context)
        {
            context.setOrigin(origin);
        }
        ~OriginScope() { m_context.setOrigin(QStringLiteral("console")); }
        OriginScope(const OriginScope &) = delete;
        OriginScope &operator=(const OriginScope &) = delete;
        SqlContext &m_context;
    };
    void setEventRouter(EventRouter *router) { m_router = router; }
    EventRouter *eventRouter() const { return m_router; }
    bool wantsPayload(const QString &eventType) { return m_router && m_router->wants(*this, eventType); }
    // Whether published events, inbound records and delivery attempts are appended to the durable
    // event log (the writer's context; EventLog, schema 13).
    void setEventLogging(bool on) { m_logging = on; }
    bool eventLogging() const { return m_logging; }
    // Appends an entry to the event log in this transaction (when logging), published after commit.
    void logEntry(StreamEvent entry);
    QList<StreamEvent> takeStreamed() { return std::exchange(m_streamed, {}); }
    // Deliveries created in this batch (the dispatcher is woken after the commit).
    void noteDeliveriesQueued(int count) { m_deliveriesQueued += count; }
    int takeDeliveriesQueued() { return std::exchange(m_deliveriesQueued, 0); }
    void recordInbound(InboundSummary summary);

    // Set by a job whose effects were already applied earlier (a repeated callback).
    void markDuplicate() { m_duplicate = true; }
    bool takeDuplicate() { return std::exchange(m_duplicate, false); }

    QList<DomainEvent> takeEvents() { return std::exchange(m_events, {}); }
    // For a job that rolls back to a savepoint: the events it raised after `mark` are dropped too.
    struct EventMark
    {
        qsizetype events = 0;
        qsizetype streamed = 0;
    };
    EventMark eventMark() const { return {m_events.size(), m_streamed.size()}; }
    void dropEventsAfter(EventMark mark)
    {
        m_events.resize(std::min(mark.events, m_events.size()));
        m_streamed.resize(std::min(mark.streamed, m_streamed.size()));
    }
    QList<InboundSummary> takeInbound() { return std::exchange(m_inbound, {}); }

private:
    QSqlDatabase m_db;
    const Clock &m_clock;
    const SecretStore *m_secrets = nullptr;
    QString m_origin = QStringLiteral("console");
    QHash<QString, QSqlQuery> m_statements;
    QHash<const char *, std::shared_ptr<RawStatement>> m_raw;
    QHash<QString, std::shared_ptr<RawStatement>> m_rawByText;
    sqlite3 *m_sqlite = nullptr;
    bool m_sqliteLooked = false;
    QList<DomainEvent> m_events;
    QList<InboundSummary> m_inbound;
    QList<StreamEvent> m_streamed;
    bool m_logging = false;
    bool m_duplicate = false;
    EventRouter *m_router = nullptr;
    int m_deliveriesQueued = 0;
};

struct SqlJob
{
    std::function<ApiResult(SqlContext &)> run;
    QPointer<QObject> replyContext; // the thread to answer in
    std::function<void(const ApiResult &)> done; // called in replyContext's thread after commit
};

// A thread that owns one database connection and runs jobs on it. In Writer mode it commits many
// jobs in one transaction (group commit) and answers each job only after that commit.
class SqlWorker
{
public:
    enum class Mode
    {
        Writer,
        Reader
    };

    SqlWorker(QString name, DatabaseOptions options, Mode mode, const Clock &clock, EventBus *bus);
    ~SqlWorker();
    SqlWorker(const SqlWorker &) = delete;
    SqlWorker &operator=(const SqlWorker &) = delete;

    // Opens the connection in the worker thread; false + message when it cannot.
    bool start(QString *error);
    void submit(SqlJob job);
    // Finishes every queued job, commits, closes the connection and joins the thread.
    void stop();
    qsizetype queued() const;
    // Set before start(); used by the writer for the outbound fan-out.
    void setEventRouter(EventRouter *router) { m_router = router; }

private:
    void loop();
    void runBatch(SqlContext &context, std::vector<SqlJob> &batch);
    void deliver(std::vector<SqlJob> &batch, std::vector<ApiResult> &results);

    const QString m_name;
    const DatabaseOptions m_options;
    const Mode m_mode;
    const Clock &m_clock;
    EventBus *const m_bus;
    EventRouter *m_router = nullptr;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<SqlJob> m_queue;
    bool m_stopping = false;
    bool m_idle = false; // the worker waits for work: only then is a wake-up needed
    std::thread m_thread;
};

} // namespace sb
