#include "SqlWorker.h"

#include "EventLog.h"
#include "StorageLog.h"
#include "domain/Clock.h"
#include "domain/EventBus.h"
#include "domain/RecordId.h"

#include <QElapsedTimer>
#include <QSqlDriver>
#include <QSqlError>
#include <QVariant>
#include <atomic>
#include <future>

namespace sb {

namespace {
constexpr size_t maxBatch = 2048;

// A storage failure as a client sees it: no SQL, no database message, only an id that finds the
// full error in the log.
ApiError storageFailure(ErrorKind kind, const QString &detail, const Clock &clock)
{
    const auto id = newRecordId(u"err_", clock.nowMs());
    qCWarning(lcStorage, "%s: %s", qPrintable(id), qPrintable(detail));
    const auto what = kind == ErrorKind::Unavailable ? QStringLiteral("storage unavailable, id ")
                                                     : QStringLiteral("internal error, id ");
    return ApiError {kind, what + id, {}};
}
} // namespace

qint64 SqlContext::nowMs() const
{
    return m_clock.nowMs();
}

QSqlQuery &SqlContext::prepared(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery query(m_db);
        // Rows are read once, front to back: no result cache (QSqlCachedResult copies every row).
        query.setForwardOnly(true);
        if (!query.prepare(sql))
            throw SqlError(query.lastError().text() + QStringLiteral(" [") + sql + QLatin1Char(']'));
        it = m_statements.insert(sql, std::move(query));
    }
    return *it;
}

RawStatement *SqlContext::raw(const char *sql)
{
    if (!m_sqliteLooked) {
        m_sqliteLooked = true;
        m_sqlite = Database::rawSqlite(m_db);
    }
    if (!m_sqlite)
        return nullptr;
    auto it = m_raw.find(sql);
    if (it == m_raw.end())
        it = m_raw.insert(sql, std::make_shared<RawStatement>(m_sqlite, sql));
    return it->get();
}

void SqlContext::exec(const char *sql)
{
    if (auto *statement = raw(sql))
        statement->run();
    else
        run(QString::fromLatin1(sql), {});
}

qint64 SqlContext::write(const QString &sql, const QVariantList &values)
{
    if (!raw("SELECT 1")) { // not SQLite: Qt's path
        auto &query = run(sql, values);
        return query.lastInsertId().toLongLong();
    }
    auto it = m_rawByText.find(sql);
    if (it == m_rawByText.end())
        it = m_rawByText.insert(sql, std::make_shared<RawStatement>(m_sqlite, sql.toUtf8().constData()));
    auto &statement = **it;
    for (int i = 0; i < values.size(); ++i)
        statement.bind(i + 1, values.at(i));
    statement.run();
    return statement.lastInsertRowId();
}

QSqlQuery &SqlContext::run(const QString &sql, const QVariantList &values)
{
    auto &query = prepared(sql);
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    execOrThrow(query);
    return query;
}

void SqlContext::raise(const QString &type, const QString &recordId, QJsonObject payload)
{
    payload.insert(QStringLiteral("sourceRecordId"), recordId);
    publish(DomainEvent {newRecordId(u"evt_", nowMs()), type, nowMs(), recordId, payload});
}

void SqlContext::publish(DomainEvent event)
{
    if (event.origin.isEmpty())
        event.origin = m_origin;
    if (m_logging) {
        auto entry = EventLog::entryFor(event);
        EventLog::append(*this, entry);
        event.seq = entry.seq;
        m_streamed.append(std::move(entry));
    }
    if (m_router)
        noteDeliveriesQueued(m_router->route(*this, event));
    m_events.append(std::move(event));
}

void SqlContext::logEntry(StreamEvent entry)
{
    if (!m_logging)
        return;
    EventLog::append(*this, entry);
    m_streamed.append(std::move(entry));
}

void SqlContext::recordInbound(InboundSummary summary)
{
    if (m_logging) {
        StreamEvent entry;
        entry.type = QStringLiteral("inbound.recorded");
        entry.topic = EventLog::topicOf(entry.type);
        entry.occurredAtMs = summary.receivedAtMs;
        entry.data = QJsonObject {{QStringLiteral("id"), summary.id},
            {QStringLiteral("receivedAt"), summary.receivedAtMs}, {QStringLiteral("method"), summary.method},
            {QStringLiteral("path"), summary.path}, {QStringLiteral("provider"), summary.provider},
            {QStringLiteral("eventType"), summary.eventType}, {QStringLiteral("status"), summary.status},
            {QStringLiteral("responseStatus"), summary.responseStatus},
            {QStringLiteral("verification"), summary.verification},
            {QStringLiteral("bodySize"), summary.bodySize}, {QStringLiteral("clientIp"), summary.clientIp}};
        logEntry(std::move(entry));
    }
    m_inbound.append(std::move(summary));
}

// `prefix` with a number no other worker of this process has: two runtimes in one process (the
// test suite) must not replace each other's connections, which leaks the replaced one.
static QString uniqueConnectionName(const QString &prefix)
{
    static std::atomic<int> counter = 0;
    return prefix + QLatin1Char('-') + QString::number(++counter);
}

SqlWorker::SqlWorker(QString name, DatabaseOptions options, Mode mode, const Clock &clock, EventBus *bus)
    : m_name(uniqueConnectionName(name))
    , m_options(std::move(options))
    , m_mode(mode)
    , m_clock(clock)
    , m_bus(bus)
{ }

SqlWorker::~SqlWorker()
{
    stop();
}

bool SqlWorker::start(QString *error)
{
    std::promise<QString> opened;
    auto result = opened.get_future();
    m_thread = std::thread([this, &opened] {
        try {
            Database::open(m_name, m_options);
        } catch (const SqlError &e) {
            Database::close(m_name);
            opened.set_value(e.message());
            return;
        }
        opened.set_value({});
        loop();
        Database::close(m_name);
    });
    const auto message = result.get();
    if (!message.isEmpty()) {
        m_thread.join();
        if (error)
            *error = message;
        return false;
    }
    return true;
}

void SqlWorker::submit(SqlJob job)
{
    bool wake = false;
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(job));
        wake = m_idle;
    }
    // A busy worker picks the job up with its next batch; waking it costs a futex call per request.
    if (wake)
        m_wake.notify_one();
}

qsizetype SqlWorker::queued() const
{
    std::lock_guard lock(m_mutex);
    return qsizetype(m_queue.size());
}

void SqlWorker::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void SqlWorker::loop()
{
    SqlContext context(QSqlDatabase::database(m_name, false), m_clock, m_options.secrets);
    context.setEventRouter(m_router);
    context.setEventLogging(m_mode == Mode::Writer);
    std::vector<SqlJob> batch;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_idle = true;
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            m_idle = false;
            if (m_queue.empty())
                return; // stopping and drained
            const size_t take = m_mode == Mode::Writer ? std::min(maxBatch, m_queue.size()) : 1;
            batch.reserve(take);
            for (size_t i = 0; i < take; ++i) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        runBatch(context, batch);
        batch.clear();
    }
}

void SqlWorker::runBatch(SqlContext &context, std::vector<SqlJob> &batch)
{
    std::vector<ApiResult> results;
    results.reserve(batch.size());
    QList<DomainEvent> events;
    QList<InboundSummary> inbound;

    // A failing job throws SqlError; it is logged once, where its answer is made.
    auto runOne = [&context](SqlJob &job) -> ApiResult { return job.run(context); };

    if (m_mode == Mode::Reader) {
        for (auto &job : batch) {
            try {
                results.push_back(runOne(job));
            } catch (const SqlError &e) {
                results.push_back(storageFailure(ErrorKind::Internal, e.message(), m_clock));
            }
        }
        context.takeEvents();
        context.takeInbound();
        context.takeStreamed();
        deliver(batch, results);
        return;
    }

    auto &db = context.db();
    QElapsedTimer took;
    took.start();
    bool batchOk = db.transaction();
    if (batchOk) {
        try {
            for (auto &job : batch)
                results.push_back(runOne(job));
            batchOk = db.commit();
            if (!batchOk)
                qCWarning(lcStorage, "commit failed: %s", qPrintable(db.lastError().text()));
            else
                qCDebug(lcStorage, "group commit: %d job(s) in %lld ms", int(batch.size()), took.elapsed());
        } catch (const SqlError &) {
            batchOk = false;
        }
    }
    int deliveriesQueued = 0;
    QList<StreamEvent> streamed;
    if (batchOk) {
        events = context.takeEvents();
        inbound = context.takeInbound();
        deliveriesQueued = context.takeDeliveriesQueued();
        streamed = context.takeStreamed();
    } else {
        // One job failed: roll everything back and give each job a transaction of its own.
        db.rollback();
        context.takeEvents();
        context.takeInbound();
        context.takeDeliveriesQueued();
        context.takeStreamed();
        results.clear();
        for (auto &job : batch) {
            ApiResult result;
            if (!db.transaction()) {
                results.push_back(storageFailure(ErrorKind::Unavailable,
                    QStringLiteral("cannot begin a transaction: ") + db.lastError().text(), m_clock));
                continue;
            }
            try {
                result = runOne(job);
                if (!db.commit())
                    throw SqlError(QStringLiteral("commit failed: ") + db.lastError().text());
                events += context.takeEvents();
                inbound += context.takeInbound();
                deliveriesQueued += context.takeDeliveriesQueued();
                streamed += context.takeStreamed();
            } catch (const SqlError &e) {
                db.rollback();
                context.takeEvents();
                context.takeInbound();
                context.takeDeliveriesQueued();
                context.takeStreamed();
                result = storageFailure(ErrorKind::Internal, e.message(), m_clock);
            }
            results.push_back(std::move(result));
        }
    }
    deliver(batch, results);
    if (m_bus)
        m_bus->publishCommitted(events, inbound, deliveriesQueued, streamed);
}

void SqlWorker::deliver(std::vector<SqlJob> &batch, std::vector<ApiResult> &results)
{
    // One queued call per receiving object and batch keeps cross-thread traffic low.
    struct Answer
    {
        std::function<void(const ApiResult &)> done;
        ApiResult result;
    };
    QHash<QObject *, std::shared_ptr<std::vector<Answer>>> byContext;
    for (size_t i = 0; i < batch.size(); ++i) {
        auto &job = batch[i];
        if (!job.done || !job.replyContext)
            continue;
        auto &answers = byContext[job.replyContext.data()];
        if (!answers)
            answers = std::make_shared<std::vector<Answer>>();
        answers->push_back({std::move(job.done), std::move(results[i])});
    }
    for (auto it = byContext.begin(); it != byContext.end(); ++it) {
        QMetaObject::invokeMethod(
            it.key(),
            [answers = it.value()] {
                for (auto &answer : *answers)
                    answer.done(answer.result);
            },
            Qt::QueuedConnection);
    }
}

} // namespace sb
