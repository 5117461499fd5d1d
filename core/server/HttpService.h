#pragma once

#include "RequestPipeline.h"
#include "http/ServerEngine.h"

#include <QHostAddress>
#include <QObject>
#include <QThread>
#include <memory>

namespace sb {

struct HttpServiceOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8080;
    ServerLimits limits;
    PipelineOptions pipeline;
};

// Owns the server thread. The ServerEngine and its sockets are created inside that thread, so every
// socket, timer and answer of the server lives there.
class HttpService : public QObject
{
    Q_OBJECT
public:
    HttpService(const Router &router, SqlWorker &writer, SqlWorker &reader, const ApiKeyRegistry &keys,
        const Clock &clock, HttpServiceOptions options, QObject *parent = nullptr);
    ~HttpService() override;

    // Blocks until the server listens (true) or failed (false + message).
    bool start(QString *error);
    // Stops accepting, lets in-flight requests finish (up to drainMs), then ends the thread.
    void stop(int drainMs = 10000);

    QHostAddress address() const { return m_boundAddress; }
    quint16 port() const { return m_boundPort; }
    QString url() const;
    // Hands a stored request to the pipeline in the server thread (RequestPipeline::replay); `reply`
    // is called there. False when the server is not running.
    bool replay(ApiRequest request, const QString &replayOf, RequestPipeline::ReplayReply reply);

private:
    const Router &m_router;
    SqlWorker &m_writer;
    SqlWorker &m_reader;
    const ApiKeyRegistry &m_keys;
    const Clock &m_clock;
    HttpServiceOptions m_options;

    QThread m_thread;
    QObject *m_threadContext = nullptr; // lives in m_thread
    ServerEngine *m_engine = nullptr; // lives in m_thread
    QHostAddress m_boundAddress;
    quint16 m_boundPort = 0;
};

} // namespace sb
