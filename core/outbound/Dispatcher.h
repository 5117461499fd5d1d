#pragma once

#include "http/HttpTypes.h"
#include "security/UrlPolicy.h"
#include "storage/Database.h"

#include <QJsonObject>
#include <QObject>
#include <QThread>
#include <functional>

namespace sb {

class Clock;
class DispatchEngine;
class EventBus;
class SqlWorker;

struct DispatcherOptions
{
    UrlPolicy policy;
    int maxInFlight = 256; // concurrent attempts
    int managers = 8; // QNetworkAccessManager 6.4 opens at most 6 connections per host each
    std::function<double()> random; // uniform [0, 1) for retry jitter; system random when empty
};

// Delivers pending outbound webhooks from its own thread: picks due deliveries from the database,
// signs and sends them (QNetworkAccessManager driven by QCoro coroutines), and persists every
// attempt through the writer. Pending and scheduled deliveries resume after a restart.
class Dispatcher : public QObject
{
    Q_OBJECT
public:
    Dispatcher(SqlWorker &writer, DatabaseOptions database, const Clock &clock, EventBus *bus,
        DispatcherOptions options, QObject *parent = nullptr);
    ~Dispatcher() override;

    bool start(QString *error);
    // Finishes the attempts in flight (up to drainMs) and ends the thread; unsent work stays pending.
    void stop(int drainMs = 5000);
    // Looks for due deliveries now (thread-safe).
    void wake();
    // Sends a sample event to one configuration at once, without retries, and answers with the
    // attempt (statusCode, responseBody, responseTime, eventId). `done` runs in `context`'s thread.
    void sendTest(qint64 configId, const QString &eventType, const QJsonObject &payload, QObject *context,
        std::function<void(const ApiResult &)> done);
    int inFlight() const;
    const UrlPolicy &policy() const { return m_options.policy; }

private:
    SqlWorker &m_writer;
    DatabaseOptions m_database;
    const Clock &m_clock;
    EventBus *m_bus;
    DispatcherOptions m_options;
    QThread m_thread;
    DispatchEngine *m_engine = nullptr; // lives in m_thread
};

} // namespace sb
