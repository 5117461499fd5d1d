#include "RequestPipeline.h"

#include "domain/Clock.h"
#include "domain/RecordId.h"
#include "security/ApiKeys.h"
#include "storage/InboundRepository.h"
#include "storage/SqlWorker.h"

namespace sb {

namespace {

// Every request gets its time-ordered record id when it enters the pipeline.
void assignRecordId(ApiRequest &request)
{
    if (request.recordId.isEmpty())
        request.recordId = newRecordId(u"evt_", request.receivedAtMs);
}


bool isSuccess(int status)
{
    return status >= 200 && status < 300;
}

QString providerForPath(QStringView path)
{
    if (path.startsWith(QLatin1String("/api/v1/webhooks")))
        return QStringLiteral("crm");
    return QStringLiteral("unknown");
}

} // namespace

RequestPipeline::RequestPipeline(const Router &router, SqlWorker &writer, SqlWorker &reader, const ApiKeyRegistry &keys,
                                 const Clock &clock, PipelineOptions options, QObject *parent)
    : QObject(parent), m_router(router), m_writer(writer), m_reader(reader), m_keys(keys), m_clock(clock),
      m_options(std::move(options)), m_limiter(m_options.rateLimitPerMinute),
      m_failedVerifications(m_options.rateLimitPerMinute)
{
}

RequestPipeline::Reply RequestPipeline::tracked(Reply reply)
{
    m_inFlight.fetch_add(1);
    return [this, reply = std::move(reply)](const ApiResponse &response) {
        reply(response);
        m_inFlight.fetch_sub(1);
    };
}

void RequestPipeline::handle(ApiRequest request, Reply reply)
{
    assignRecordId(request);
    reply = tracked(std::move(reply));
    resolveClient(request, m_options.trustedProxies);
    const auto match = m_router.match(request.method, request.path);

    if (match.outcome != RouteMatch::Outcome::Found) {
        const auto family = familyForPath(request.path);
        if (match.outcome == RouteMatch::Outcome::MethodNotAllowed) {
            ApiError error{405, QStringLiteral("method %1 is not allowed on %2; allowed: %3")
                                    .arg(QString::fromLatin1(request.method), request.path,
                                         QString::fromLatin1(match.allowedMethods.join(", "))),
                           {{"Allow", match.allowedMethods.join(", ")}}};
            recordRefusal(std::move(request), family, providerForPath(request.path), QStringLiteral("none"), error,
                          std::move(reply));
            return;
        }
        auto decision = m_limiter.take(request.clientIp, m_clock.nowMs());
        ApiError error = decision.allowed
            ? ApiError{404, QStringLiteral("no endpoint at %1").arg(request.path), {}}
            : ApiError{429, QStringLiteral("rate limit exceeded; retry after %1 s").arg(decision.retryAfterSeconds),
                       {{"Retry-After", QByteArray::number(decision.retryAfterSeconds)}}};
        recordRefusal(std::move(request), family, providerForPath(request.path), QStringLiteral("none"), error,
                      std::move(reply));
        return;
    }

    const Route &route = *match.route;
    request.pathArgs = match.args;

    if (!route.rateLimited && route.kind == RouteKind::Webhook && m_failedVerifications.enabled()) {
        const auto decision = m_failedVerifications.peek(request.clientIp, m_clock.nowMs());
        if (!decision.allowed) {
            ApiError error{429,
                           QStringLiteral("too many requests with failing signatures from this client; retry after %1 s")
                               .arg(decision.retryAfterSeconds),
                           {{"Retry-After", QByteArray::number(decision.retryAfterSeconds)}}};
            recordRefusal(std::move(request), route.family, providerForPath(request.path), route.handlerName, error,
                          std::move(reply));
            return;
        }
    }

    if (route.rateLimited && m_limiter.enabled()) {
        const auto decision = m_limiter.take(request.clientIp, m_clock.nowMs());
        if (!decision.allowed) {
            ApiError error{429,
                           QStringLiteral("rate limit of %1 requests per minute exceeded; retry after %2 s")
                               .arg(m_options.rateLimitPerMinute)
                               .arg(decision.retryAfterSeconds),
                           {{"Retry-After", QByteArray::number(decision.retryAfterSeconds)}}};
            recordRefusal(std::move(request), route.family, providerForPath(request.path), route.handlerName, error,
                          std::move(reply));
            return;
        }
    }

    if (route.admin) {
        // A forwarded request is not local even when its proxy is not trusted (the tunnel agent on
        // loopback without a public URL): only trust decides whose forwarded values are believed.
        const bool local = request.peer.isLoopback() && !request.viaProxy && !hasForwardingHeaders(request);
        if (!local && !m_options.adminRemote) {
            ApiError error{403, QStringLiteral("admin routes answer only on this machine, not through a tunnel or "
                                               "proxy; start Switchboard with --admin-remote to allow them"),
                           {}};
            recordRefusal(std::move(request), route.family, QStringLiteral("admin"), route.handlerName, error,
                          std::move(reply));
            return;
        }
        const auto key = ApiKeyRegistry::presentedKey(request.header("Authorization"), request.header("X-API-Key"));
        if (!m_keys.verify(key)) {
            ApiError error{401,
                           key.isEmpty() ? QStringLiteral("an API key is required: send Authorization: Bearer <key> "
                                                          "or X-API-Key: <key>")
                                         : QStringLiteral("the API key is not valid"),
                           {{"WWW-Authenticate", "Bearer"}}};
            recordRefusal(std::move(request), route.family, QStringLiteral("admin"), route.handlerName, error,
                          std::move(reply));
            return;
        }
    }

    switch (route.kind) {
    case RouteKind::Immediate:
        reply(renderResult(route.family, route.immediate(request)));
        return;
    case RouteKind::Webhook:
        runWebhook(route, std::move(request), std::move(reply));
        return;
    case RouteKind::Query:
    case RouteKind::Command:
        runSql(route, std::move(request), std::move(reply));
        return;
    case RouteKind::Async:
        route.async(request, this, [reply = std::move(reply), family = route.family](const ApiResult &result) {
            reply(renderResult(family, result));
        });
        return;
    }
}

void RequestPipeline::replay(ApiRequest request, const QString &replayOf, ReplayReply reply)
{
    resolveClient(request, m_options.trustedProxies);
    const auto match = m_router.match(request.method, request.path);
    if (match.outcome != RouteMatch::Outcome::Found || match.route->kind != RouteKind::Webhook) {
        reply(renderError(ApiFamily::WebhookAdmin,
                          ApiError{409, QStringLiteral("%1 %2 is not a webhook route; only webhook requests can be replayed")
                                            .arg(QString::fromLatin1(request.method), request.path),
                                   {}}),
              QString());
        return;
    }
    request.pathArgs = match.args;
    auto status = std::make_shared<QString>();
    auto tracked = this->tracked([reply = std::move(reply), status](const ApiResponse &response) { reply(response, *status); });
    runWebhook(*match.route, std::move(request), std::move(tracked), replayOf, status);
}

void RequestPipeline::runWebhook(const Route &route, ApiRequest request, Reply reply, const QString &replayOf,
                                 std::shared_ptr<QString> recordedStatus)
{
    Ingest ingest = route.webhook(request);
    const auto family = route.family;
    if (!route.rateLimited && replayOf.isEmpty() && ingest.verification.outcome == Verification::Outcome::Invalid)
        m_failedVerifications.take(request.clientIp, m_clock.nowMs());
    InboundOutcome outcome{ingest.provider, route.handlerName, ingest.eventType, ingest.source,
                           ingest.verification, {}, ingest.dedupKey, {}};
    SqlJob job;
    job.replyContext = this;
    job.run = [request = std::move(request), ingest = std::move(ingest), outcome = std::move(outcome), family,
               replayOf, recordedStatus](SqlContext &context) mutable -> ApiResult {
        ApiResult result;
        if (ingest.rejection) {
            result = *ingest.rejection;
        } else {
            // A savepoint per request: a handler that fails half-way leaves nothing behind.
            context.exec("SAVEPOINT ingest");
            const auto events = context.eventMark();
            {
                const SqlContext::OriginScope origin(context, outcome.provider);
                result = ingest.apply(context);
            }
            if (isError(result)) {
                context.exec("ROLLBACK TO ingest");
                context.dropEventsAfter(events); // what was rolled back never happened
                context.takeDuplicate();
            }
            context.exec("RELEASE ingest");
        }
        const auto response = renderResult(family, result);
        auto recorded = outcome;
        if (!isSuccess(response.status)) {
            recorded.status = QStringLiteral("rejected");
            recorded.error = isError(result) ? std::get<ApiError>(result).message : QString::fromUtf8(response.body);
        } else {
            recorded.status = context.takeDuplicate() ? QStringLiteral("duplicate") : QStringLiteral("processed");
        }
        InboundRepository::insert(context, request, recorded, response);
        if (!replayOf.isEmpty()) {
            // A replay is a new record pointing at the one it re-ran (schema 3); received_at stays
            // the original arrival, replayed_at says when.
            context.run(QStringLiteral("UPDATE inbound_requests SET replay_of = ?, replayed_at = ? WHERE id = ?"),
                        {replayOf, context.nowMs(), request.recordId});
        }
        // Read by the replay's answer, which runs after this job (after the commit).
        if (recordedStatus)
            *recordedStatus = recorded.status;
        return response;
    };
    job.done = [reply = std::move(reply), family](const ApiResult &result) { reply(renderResult(family, result)); };
    m_writer.submit(std::move(job));
}

void RequestPipeline::runSql(const Route &route, ApiRequest request, Reply reply)
{
    SqlJob job;
    job.replyContext = this;
    job.run = [handler = route.sql, request = std::move(request)](SqlContext &context) {
        const SqlContext::OriginScope origin(context, QStringLiteral("api"));
        return handler(context, request);
    };
    job.done = [reply = std::move(reply), family = route.family](const ApiResult &result) {
        reply(renderResult(family, result));
    };
    (route.kind == RouteKind::Query ? m_reader : m_writer).submit(std::move(job));
}

void RequestPipeline::refuse(ApiRequest request, const ApiError &error, Reply reply)
{
    assignRecordId(request);
    reply = tracked(std::move(reply));
    resolveClient(request, m_options.trustedProxies);
    const auto family = familyForPath(request.path);
    recordRefusal(std::move(request), family, providerForPath(request.path), QStringLiteral("none"), error,
                  std::move(reply));
}

void RequestPipeline::recordRefusal(ApiRequest request, ApiFamily family, const QString &provider,
                                    const QString &handler, const ApiError &error, Reply reply)
{
    SqlJob job;
    job.replyContext = this;
    InboundOutcome outcome{provider, handler, {}, {}, {}, QStringLiteral("rejected"), {}, error.message};
    job.run = [request = std::move(request), outcome = std::move(outcome), family, error](SqlContext &context) {
        const auto response = renderError(family, error);
        InboundRepository::insert(context, request, outcome, response);
        return ApiResult(response);
    };
    job.done = [reply = std::move(reply), family](const ApiResult &result) { reply(renderResult(family, result)); };
    m_writer.submit(std::move(job));
}

} // namespace sb
