#pragma once

#include "CorsPolicy.h"
#include "Router.h"
#include "http/ServerEngine.h"
#include "security/ApiKeys.h"
#include "security/NetworkTrust.h"
#include "security/RateLimiter.h"
#include "server/Ingest.h"

#include <QObject>
#include <atomic>
#include <memory>

namespace sb {

class Clock;
class SqlWorker;

struct PipelineOptions
{
    int rateLimitPerMinute = 100;
    CidrList trustedProxies;
    bool adminRemote = false;
    // Browser origins allowed to call the non-webhook routes (--cors-origin).
    CorsPolicy cors;
};

// Takes each request from arrival to answer on the server thread: client resolution, routing,
// rate limit, admin checks, then the handler on its thread; every webhook-route request and every
// refusal is recorded before it is answered.
class RequestPipeline : public QObject, public RequestSink
{
    Q_OBJECT
public:
    using Reply = RequestSink::Reply;
    // The answer and the status the record got (processed | duplicate | rejected).
    using ReplayReply = std::function<void(const ApiResponse &, const QString &status)>;

    RequestPipeline(const Router &router, SqlWorker &writer, SqlWorker &reader, const ApiKeyRegistry &keys,
        const Clock &clock, PipelineOptions options, QObject *parent = nullptr);

    void handle(ApiRequest request, Reply reply) override;
    // A request refused while framing (413, 431, 400), before a route saw it.
    void refuse(ApiRequest request, const ApiError &error, Reply reply) override;
    int inFlight() const { return m_inFlight.load(); }
    // Runs a stored request again through its webhook route's handler (verified with today's
    // secrets, timestamps judged by request.receivedAtMs, deduplicated like any callback) and
    // records the outcome as a new inbound record pointing at `replayOf`. No rate limit or admin
    // check: the caller (an admin route or the console) is already trusted. A request whose route
    // is not a webhook is answered 409 without a record.
    void replay(ApiRequest request, const QString &replayOf, ReplayReply reply);

private:
    // An admission step's verdict when it refuses: the answer, and what the record names.
    struct Refusal
    {
        ApiFamily family;
        QString provider;
        QString handler;
        ApiError error;
        QJsonObject details = {}; // fields added to the error's JSON body
    };
    using Admission = std::optional<Refusal>; // nullopt: go on to the next step

    // CORS (first step): answers a preflight (true) or wraps `reply` so an allowed origin's answer
    // carries the CORS headers. Paths with a webhook route are left alone.
    bool answeredPreflight(ApiRequest &request, Reply &reply);
    bool isWebhookPath(QStringView path) const;
    // The admission steps of handle(), in order; each refuses or lets the request go on.
    Admission routeFound(const ApiRequest &request, const RouteMatch &match);
    Admission signaturesNotFailing(const ApiRequest &request, const Route &route) const;
    Admission withinRateLimit(const ApiRequest &request, const Route &route);
    // Checks the key and its scope; a stored key's accepted use is noted (last used, throttled).
    Admission adminAllowed(const ApiRequest &request, const Route &route);
    void noteKeyUse(const ApiKeyIdentity &identity, const ApiRequest &request);
    // Hands an admitted request to its handler, by the handler's kind.
    void dispatch(const Route &route, ApiRequest request, Reply reply);

    void runWebhook(const Route &route, ApiRequest request, Reply reply, const QString &replayOf = {},
        std::shared_ptr<QString> recordedStatus = {});
    void runSql(const Route &route, ApiRequest request, Reply reply);
    void recordRefusal(ApiRequest request, ApiFamily family, const QString &provider, const QString &handler,
        const ApiError &error, Reply reply, const QJsonObject &details = {});
    Reply tracked(Reply reply);

    const Router &m_router;
    SqlWorker &m_writer;
    SqlWorker &m_reader;
    const ApiKeyRegistry &m_keys;
    const Clock &m_clock;
    PipelineOptions m_options;
    RateLimiter m_limiter;
    // Provider callbacks are never limited while they verify (a provider may not retry a 429), but
    // a client whose signatures keep failing spends these tokens, one per failure, and is then
    // refused before verification (DESIGN.md, limits).
    RateLimiter m_failedVerifications;
    std::atomic<int> m_inFlight {0};
};

} // namespace sb
