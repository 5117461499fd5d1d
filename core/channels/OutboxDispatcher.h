#pragma once

#include "ProviderAdapter.h"
#include "domain/Outbox.h"
#include "domain/RetryPolicy.h"
#include "http/HttpTypes.h"
#include "security/UrlPolicy.h"
#include "storage/Database.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QThread>
#include <functional>

namespace sb {

class Clock;
class EventBus;
class OutboxEngine;
class SqlWorker;

struct OutboxOptions
{
    UrlPolicy policy;
    RetryPolicy retry;
    QProcessEnvironment environment; // environment services, <PROVIDER>_API_BASE_URL, pacing switch
    std::function<double()> random; // retry jitter; system random when empty
    int maxInFlight = 64;
    int timeoutMs = 30000;
};

// What the test endpoint answers: one attempt through one service, right away.
struct OutboxTestResult
{
    channels::ProviderAnswer answer;
    int httpStatus = 0;
    QString error; // network error or refusal before any answer
    qint64 latencyMs = 0;
    OutboxAttempt attempt; // as sent and answered, credentials masked
};

// Sends the durable outbox from its own thread. Wakes on wake() (new messages committed) and on a
// timer (the next due retry). Each due entry is claimed (`sending`, committed) before its HTTP
// request, sent through its service's adapter and its attempt persisted with credentials masked:
//   Accepted → entry sent, message status from the provider (queued/sent), provider id stored;
//   Rejected → entry and message failed with the provider's code and message, never retried;
//   Retry (429, 5xx, network) → next attempt by the retry policy, Retry-After honoured.
// At start, entries left `sending` by a crash become `unknown` (message `unknown`: check provider)
// and are not resent, except for providers with provider-side idempotency (OneSignal), which are.
// Pacing: one request per second per Twilio sender by default; config key `messages_per_second` on
// any service sets its rate; SWITCHBOARD_OUTBOX_PACING=0 turns pacing off.
class OutboxDispatcher : public QObject
{
    Q_OBJECT
public:
    OutboxDispatcher(SqlWorker &writer, DatabaseOptions database, const Clock &clock, EventBus *bus,
        OutboxOptions options, QObject *parent = nullptr);
    ~OutboxDispatcher() override;

    bool start(QString *error);
    void stop(int drainMs = 5000);
    void wake();
    int inFlight() const;
    // Sends `message` once through `service` now (no outbox row); `done` runs in `context`'s thread.
    void sendNow(const ExternalService &service, const channels::OutgoingMessage &message, QObject *context,
        std::function<void(const OutboxTestResult &)> done);

private:
    SqlWorker &m_writer;
    DatabaseOptions m_database;
    const Clock &m_clock;
    EventBus *m_bus;
    OutboxOptions m_options;
    QThread m_thread;
    OutboxEngine *m_engine = nullptr;
};

} // namespace sb
