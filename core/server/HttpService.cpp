#include "HttpService.h"

#include "ServerLog.h"
#include "http/ServerEngine.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTcpSocket>

namespace sb {

HttpService::HttpService(const Router &router, SqlWorker &writer, SqlWorker &reader,
    const ApiKeyRegistry &keys, const Clock &clock, HttpServiceOptions options, QObject *parent)
    : QObject(parent)
    , m_router(router)
    , m_writer(writer)
    , m_reader(reader)
    , m_keys(keys)
    , m_clock(clock)
    , m_options(std::move(options))
{
    m_thread.setObjectName(QStringLiteral("sb-server"));
}

HttpService::~HttpService()
{
    stop(0);
}

bool HttpService::start(QString *error)
{
    m_threadContext = new QObject;
    m_threadContext->moveToThread(&m_thread);
    m_thread.start();
    QString failure;
    QMetaObject::invokeMethod(
        m_threadContext,
        [this, &failure] {
            auto *pipeline = new RequestPipeline(
                m_router, m_writer, m_reader, m_keys, m_clock, m_options.pipeline, m_threadContext);
            m_engine = new ServerEngine(*pipeline, m_threadContext);
            m_boundPort = m_engine->listenOn(m_options.address, m_options.port, m_options.limits, &failure);
            m_boundAddress = m_options.address;
        },
        Qt::BlockingQueuedConnection);
    if (m_boundPort == 0) {
        if (error)
            *error = failure;
        stop(0);
        return false;
    }
    qCInfo(lcServer, "listening on %s port %d", qPrintable(m_boundAddress.toString()), int(m_boundPort));
    return true;
}

void HttpService::stop(int drainMs)
{
    if (!m_threadContext)
        return;
    if (m_engine) {
        QMetaObject::invokeMethod(
            m_threadContext, [this] { m_engine->stopAccepting(); }, Qt::BlockingQueuedConnection);
        auto *pipeline = m_threadContext->findChild<RequestPipeline *>();
        QElapsedTimer waited;
        waited.start();
        while (pipeline && pipeline->inFlight() > 0 && waited.elapsed() < drainMs)
            QThread::msleep(5);
        // Let the answers that just completed reach their sockets before the thread ends.
        QMetaObject::invokeMethod(
            m_threadContext,
            [this] {
                for (auto *socket : m_threadContext->findChildren<QTcpSocket *>())
                    socket->flush();
            },
            Qt::BlockingQueuedConnection);
    }
    QMetaObject::invokeMethod(
        m_threadContext, [this] { delete m_threadContext; }, Qt::BlockingQueuedConnection);
    if (m_engine)
        qCInfo(lcServer, "stopped listening on %s port %d", qPrintable(m_boundAddress.toString()),
            int(m_boundPort));
    m_threadContext = nullptr;
    m_engine = nullptr;
    m_thread.quit();
    m_thread.wait();
}

bool HttpService::replay(ApiRequest request, const QString &replayOf, RequestPipeline::ReplayReply reply)
{
    if (!m_threadContext || !m_engine)
        return false;
    QPointer<QObject> context(m_threadContext);
    return QMetaObject::invokeMethod(
        m_threadContext,
        [context, request = std::move(request), replayOf, reply = std::move(reply)]() mutable {
            auto *pipeline = context ? context->findChild<RequestPipeline *>() : nullptr;
            if (pipeline)
                pipeline->replay(std::move(request), replayOf, std::move(reply));
        },
        Qt::QueuedConnection);
}

QString HttpService::url() const
{
    const auto host = m_boundAddress.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + m_boundAddress.toString() + QLatin1Char(']')
        : m_boundAddress.toString();
    return QStringLiteral("http://%1:%2").arg(host).arg(m_boundPort);
}

} // namespace sb
