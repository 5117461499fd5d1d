#pragma once

#include "Dispatcher.h"
#include "domain/RelayTarget.h"
#include "domain/WebhookConfig.h"
#include "storage/DeliveryRepository.h"

#include <QCoroTask>
#include <QHash>
#include <QNetworkAccessManager>
#include <QSet>
#include <QTimer>
#include <atomic>
#include <memory>
#include <optional>
#include <unordered_map>

namespace sb {

class SqlContext;

// The part of the Dispatcher that lives in its thread.
class DispatchEngine : public QObject
{
    Q_OBJECT
public:
    DispatchEngine(
        SqlWorker &writer, const Clock &clock, EventBus *bus, DispatcherOptions options, SqlContext *reads);

    void poll();
    // Asks for a poll on the next event-loop pass; many finishing attempts share one.
    void schedulePoll();
    struct TestRequest
    {
        qint64 configId = 0;
        QString eventType;
        QJsonObject payload;
        QPointer<QObject> context;
        std::function<void(const ApiResult &)> done;
    };
    // Takes ownership of `request`. Coroutine parameters here are pointers or references only:
    // GCC 12 destroys by-value coroutine parameters of class type twice.
    QCoro::Task<> test(TestRequest *request);
    int inFlight() const { return m_inFlight.load(); }
    void shutdown() { m_stopping = true; }

private:
    struct Outcome
    {
        DeliveryAttempt attempt;
        DeliveryStatus status = DeliveryStatus::Pending;
        qint64 nextAttemptAt = 0;
        QString disableReason;
    };

    QCoro::Task<> deliver(const Delivery *delivery);
    QCoro::Task<> deliverRelay(const Delivery &delivery);
    QCoro::Task<DeliveryAttempt> send(
        const Delivery &delivery, const WebhookConfig &config, int attemptNumber);
    // A relay: the stored method, headers and body to the target's URL (+ the original path).
    QCoro::Task<DeliveryAttempt> sendRelay(
        const Delivery &delivery, const RelayTarget &target, int attemptNumber);
    // Sends `attempt`'s headers and body to `url` (URL policy first) and fills in the answer.
    QCoro::Task<> transmit(
        DeliveryAttempt *attempt, const QByteArray &method, const QUrl *url, int timeoutMs);
    // Retries by `policy` (none: no retry); a relay retries only network errors, 408, 429 and 5xx.
    Outcome classify(
        const Delivery &delivery, const RetryPolicy *policy, DeliveryAttempt attempt, bool retry);
    std::optional<RelayTarget> relayTarget(qint64 id);
    QCoro::Task<ApiResult> persist(const Outcome &outcome, qint64 configId);
    // `job` is handed to the writer before the first suspension.
    QCoro::Task<ApiResult> write(const std::function<ApiResult(SqlContext &)> &job);
    std::optional<WebhookConfig> config(qint64 id);
    void scheduleNext();

    SqlWorker &m_writer;
    const Clock &m_clock;
    EventBus *m_bus;
    DispatcherOptions m_options;
    SqlContext *m_reads;
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
    size_t m_nextManager = 0;
    std::unordered_map<QString, std::unique_ptr<Delivery>> m_active; // deliveries with an attempt in flight
    std::atomic<int> m_inFlight {0};
    QTimer m_timer;
    QHash<qint64, std::pair<qint64, WebhookConfig>> m_configCache; // id -> (loaded at, config)
    bool m_stopping = false;
    bool m_pollScheduled = false;
};

} // namespace sb
