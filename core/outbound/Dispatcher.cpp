#include "Dispatcher.h"

#include "DispatchEngine.h"
#include "OutboundLog.h"
#include "storage/SqlWorker.h"
#include "storage/ThreadConnection.h"

#include <QElapsedTimer>

namespace sb {

Dispatcher::Dispatcher(SqlWorker &writer, DatabaseOptions database, const Clock &clock, EventBus *bus,
    DispatcherOptions options, QObject *parent)
    : QObject(parent)
    , m_writer(writer)
    , m_database(std::move(database))
    , m_clock(clock)
    , m_bus(bus)
    , m_options(std::move(options))
{
    m_thread.setObjectName(QStringLiteral("sb-dispatcher"));
}

Dispatcher::~Dispatcher()
{
    stop(0);
}

bool Dispatcher::start(QString *error)
{
    m_thread.start();
    m_engine = static_cast<DispatchEngine *>(openOnThread(
        m_thread, QStringLiteral("sb-dispatcher"), m_database, m_clock,
        [this](SqlContext *reads) { return new DispatchEngine(m_writer, m_clock, m_bus, m_options, reads); },
        error));
    if (!m_engine) {
        m_thread.quit();
        m_thread.wait();
        return false;
    }
    qCInfo(lcOutbound, "dispatcher started");
    wake();
    return true;
}

void Dispatcher::stop(int drainMs)
{
    if (!m_engine)
        return;
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine] { engine->shutdown(); }, Qt::BlockingQueuedConnection);
    QElapsedTimer waited;
    waited.start();
    while (m_engine->inFlight() > 0 && waited.elapsed() < drainMs)
        QThread::msleep(5);
    if (m_engine->inFlight() == 0) {
        QMetaObject::invokeMethod(
            m_engine, [engine = m_engine] { delete engine; }, Qt::BlockingQueuedConnection);
    } else {
        // Attempts still running hold the engine in their coroutine frames: leave it to the process
        // exit. Their deliveries stay pending in the database and resume on the next start.
        qCWarning(lcOutbound, "dispatcher: %d attempts still in flight at shutdown; they will be retried",
            m_engine->inFlight());
    }
    m_engine = nullptr;
    qCInfo(lcOutbound, "dispatcher stopped");
    m_thread.quit();
    m_thread.wait();
}

void Dispatcher::wake()
{
    if (m_engine)
        QMetaObject::invokeMethod(m_engine, &DispatchEngine::poll, Qt::QueuedConnection);
}

void Dispatcher::sendTest(qint64 configId, const QString &eventType, const QJsonObject &payload,
    QObject *context, std::function<void(const ApiResult &)> done)
{
    if (!m_engine) {
        done(ApiError {ErrorKind::Unavailable, QStringLiteral("the dispatcher is not running"), {}});
        return;
    }
    QMetaObject::invokeMethod(
        m_engine,
        [engine = m_engine,
            request = new DispatchEngine::TestRequest {configId, eventType, payload, context,
                std::move(done)}] { engine->test(request); },
        Qt::QueuedConnection);
}

int Dispatcher::inFlight() const
{
    return m_engine ? m_engine->inFlight() : 0;
}

} // namespace sb
