#include "RequestPipeline.h"

#include "ServerLog.h"
#include "domain/Clock.h"
#include "domain/InboundRecord.h"
#include "domain/RecordId.h"
#include "security/ApiKeys.h"
#include "storage/ApiKeyRepository.h"
#include "storage/InboundRepository.h"
#include "storage/SqlWorker.h"

#include <QJsonDocument>
#include <algorithm>

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

// The shared steps of a webhook inside the group commit: the handler's own admission check, then
// deduplication (a repeat applies nothing, is marked duplicate and gets the handler's answer for a
// repeat), then the handler's change.
ApiResult applyOnce(SqlContext &context, const Ingest &ingest)
{
    if (ingest.admit) {
        if (auto refused = ingest.admit(context))
            return *refused;
    }
    if (!ingest.dedupKey.isEmpty()) {
        if (const auto first
            = InboundRepository::firstProcessed(context, ingest.dedupKey, ingest.dedupSinceMs)) {
            context.markDuplicate();
            return ingest.duplicateAnswer ? ingest.duplicateAnswer(context, *first)
                                          : ApiResult(first->answer());
        }
    }
    return ingest.apply(context);
}

QString providerForPath(QStringView path)
{
    if (path.startsWith(QLatin1String("/api/v1/webhooks")))
        return QStringLiteral("crm");
    return QStringLiteral("unknown");
}

} // namespace

RequestPipeline::RequestPipeline(const Router &router, SqlWorker &writer, SqlWorker &reader,
    const ApiKeyRegistry &keys, const Clock &clock, PipelineOptions options, QObject *parent)
    : QObject(parent)
    , m_router(router)
    , m_writer(writer)
    , m_reader(reader)
    , m_keys(keys)
    , m_clock(clock)
    , m_options(std::move(options))
    , m_limiter(m_options.rateLimitPerMinute)
    , m_failedVerifications(m_options.rateLimitPerMinute)
{ }

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
    if (answeredPreflight(request, reply))
        return;
    const auto match = m_router.match(request.method, request.path);
    auto refusal = routeFound(request, match);
    if (!refusal) {
        const Route &route = *match.route;
        request.pathArgs = match.args;
        refusal = signaturesNotFailing(request, route);
        if (!refusal)
            refusal = withinRateLimit(request, route);
        if (!refusal)
            refusal = adminAllowed(request, route);
        if (!refusal) {
            dispatch(route, std::move(request), std::move(reply));
            return;
        }
    }
    recordRefusal(std::move(request), refusal->family, refusal->provider, refusal->handler, refusal->error,
        std::move(reply), refusal->details);
}

bool RequestPipeline::isWebhookPath(QStringView path) const
{
    const auto routes = m_router.routesAt(path);
    return std::any_of(
        routes.cbegin(), routes.cend(), [](const Route *route) { return route->kind == RouteKind::Webhook; });
}

bool RequestPipeline::answeredPreflight(ApiRequest &request, Reply &reply)
{
    const auto origin = request.header("Origin");
    if (origin.isEmpty() || isWebhookPath(request.path))
        return false;
    const bool preflight
        = request.method == "OPTIONS" && !request.header("Access-Control-Request-Method").isEmpty();
    if (!preflight) {
        if (m_options.cors.allows(origin)) {
            reply = [reply = std::move(reply), headers = m_options.cors.responseHeaders(origin)](
                        const ApiResponse &response) {
                auto withCors = response;
                withCors.headers.append(headers);
                reply(withCors);
            };
        }
        return false;
    }
    const auto routes = m_router.routesAt(request.path);
    if (routes.empty())
        return false; // an unknown path: 404 as for any method
    if (!m_options.cors.allows(origin)) {
        recordRefusal(std::move(request), routes.front()->family, QStringLiteral("cors"),
            QStringLiteral("cors.preflight"),
            ApiError {ErrorKind::Forbidden,
                QStringLiteral("origin %1 is not allowed to call this API; start Switchboard with "
                               "--cors-origin %1 (or SWITCHBOARD_CORS_ORIGINS) to allow it")
                    .arg(QString::fromUtf8(origin)),
                {{"Vary", "Origin"}}},
            std::move(reply));
        return true;
    }
    QByteArrayList methods;
    for (const auto *route : routes) {
        if (!methods.contains(route->method))
            methods.append(route->method);
    }
    ApiResponse answer {204, {}, {}, m_options.cors.preflightHeaders(origin, methods)};
    reply(answer);
    return true;
}

RequestPipeline::Admission RequestPipeline::routeFound(const ApiRequest &request, const RouteMatch &match)
{
    if (match.outcome == RouteMatch::Outcome::Found)
        return std::nullopt;
    const auto family = familyForPath(request.path);
    const auto provider = providerForPath(request.path);
    if (match.outcome == RouteMatch::Outcome::MethodNotAllowed) {
        return Refusal {family, provider, QStringLiteral("none"),
            ApiError {ErrorKind::MethodNotAllowed,
                QStringLiteral("method %1 is not allowed on %2; allowed: %3")
                    .arg(QString::fromLatin1(request.method), request.path,
                        QString::fromLatin1(match.allowedMethods.join(", "))),
                {{"Allow", match.allowedMethods.join(", ")}}}};
    }
    // An unknown path spends a token: probing for endpoints is limited like any request.
    auto decision = m_limiter.take(request.clientIp, m_clock.nowMs());
    return Refusal {family, provider, QStringLiteral("none"),
        decision.allowed
            ? ApiError {ErrorKind::NotFound, QStringLiteral("no endpoint at %1").arg(request.path), {}}
            : ApiError {ErrorKind::RateLimited,
                QStringLiteral("rate limit exceeded; retry after %1 s").arg(decision.retryAfterSeconds),
                {{"Retry-After", QByteArray::number(decision.retryAfterSeconds)}}}};
}

RequestPipeline::Admission RequestPipeline::signaturesNotFailing(
    const ApiRequest &request, const Route &route) const
{
    if (route.rateLimited || route.kind != RouteKind::Webhook || !m_failedVerifications.enabled())
        return std::nullopt;
    const auto decision = m_failedVerifications.peek(request.clientIp, m_clock.nowMs());
    if (decision.allowed)
        return std::nullopt;
    return Refusal {route.family, providerForPath(request.path), route.handlerName,
        ApiError {ErrorKind::RateLimited,
            QStringLiteral("too many requests with failing signatures from this client; retry after %1 s")
                .arg(decision.retryAfterSeconds),
            {{"Retry-After", QByteArray::number(decision.retryAfterSeconds)}}}};
}

RequestPipeline::Admission RequestPipeline::withinRateLimit(const ApiRequest &request, const Route &route)
{
    if (!route.rateLimited || !m_limiter.enabled())
        return std::nullopt;
    const auto decision = m_limiter.take(request.clientIp, m_clock.nowMs());
    if (decision.allowed)
        return std::nullopt;
    return Refusal {route.family, providerForPath(request.path), route.handlerName,
        ApiError {ErrorKind::RateLimited,
            QStringLiteral("rate limit of %1 requests per minute exceeded; retry after %2 s")
                .arg(m_options.rateLimitPerMinute)
                .arg(decision.retryAfterSeconds),
            {{"Retry-After", QByteArray::number(decision.retryAfterSeconds)}}}};
}

RequestPipeline::Admission RequestPipeline::adminAllowed(const ApiRequest &request, const Route &route)
{
    if (!route.admin)
        return std::nullopt;
    // A forwarded request is not local even when its proxy is not trusted (the tunnel agent on
    // loopback without a public URL): only trust decides whose forwarded values are believed.
    const bool local = request.peer.isLoopback() && !request.viaProxy && !hasForwardingHeaders(request);
    if (!local && !m_options.adminRemote) {
        return Refusal {route.family, QStringLiteral("admin"), route.handlerName,
            ApiError {ErrorKind::Forbidden,
                QStringLiteral("admin routes answer only on this machine, not through a tunnel or "
                               "proxy; start Switchboard with --admin-remote to allow them"),
                {}}};
    }
    const auto key
        = ApiKeyRegistry::presentedKey(request.header("Authorization"), request.header("X-API-Key"));
    const auto identity = m_keys.identify(key);
    if (!identity) {
        return Refusal {route.family, QStringLiteral("admin"), route.handlerName,
            ApiError {ErrorKind::Unauthorized,
                key.isEmpty() ? QStringLiteral("an API key is required: send Authorization: Bearer <key> "
                                               "or X-API-Key: <key>")
                              : QStringLiteral("the API key is not valid"),
                {{"WWW-Authenticate", "Bearer"}}}};
    }
    noteKeyUse(*identity, request);
    const auto needed = requiredScope(request.method, request.path);
    if (scopeAllows(identity->scope, request.method, request.path))
        return std::nullopt;
    return Refusal {route.family, QStringLiteral("admin"), route.handlerName,
        ApiError {ErrorKind::Forbidden,
            QStringLiteral("this API key has scope '%1'; %2 %3 needs scope '%4'")
                .arg(apiScopeName(identity->scope), QString::fromLatin1(request.method), route.pattern,
                    apiScopeName(needed)),
            {}},
        QJsonObject {{QStringLiteral("scope"), apiScopeName(identity->scope)},
            {QStringLiteral("requiredScope"), apiScopeName(needed)}}};
}

void RequestPipeline::noteKeyUse(const ApiKeyIdentity &identity, const ApiRequest &request)
{
    const auto now = m_clock.nowMs();
    if (!m_keys.noteUse(identity.id, now))
        return;
    auto client = request.clientIp;
    const auto agent = QString::fromUtf8(request.header("User-Agent")).simplified();
    if (!agent.isEmpty())
        client += QLatin1Char(' ') + agent;
    SqlJob job; // nothing waits for it: a lost write only makes "last used" a minute older
    job.run = [id = identity.id, now, client](SqlContext &context) -> ApiResult {
        ApiKeyRepository::recordUse(context, id, now, client);
        return ApiResponse {};
    };
    m_writer.submit(std::move(job));
}

void RequestPipeline::dispatch(const Route &route, ApiRequest request, Reply reply)
{
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
        route.async(
            request, this, [reply = std::move(reply), family = route.family](const ApiResult &result) {
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
                  ApiError {ErrorKind::Conflict,
                      QStringLiteral("%1 %2 is not a webhook route; only webhook requests can be replayed")
                          .arg(QString::fromLatin1(request.method), request.path),
                      {}}),
            QString());
        return;
    }
    request.pathArgs = match.args;
    auto status = std::make_shared<QString>();
    auto tracked = this->tracked(
        [reply = std::move(reply), status](const ApiResponse &response) { reply(response, *status); });
    runWebhook(*match.route, std::move(request), std::move(tracked), replayOf, status);
}

void RequestPipeline::runWebhook(const Route &route, ApiRequest request, Reply reply, const QString &replayOf,
    std::shared_ptr<QString> recordedStatus)
{
    Ingest ingest = route.webhook(request);
    const auto family = route.family;
    if (!route.rateLimited && replayOf.isEmpty()
        && ingest.verification.outcome == Verification::Outcome::Invalid)
        m_failedVerifications.take(request.clientIp, m_clock.nowMs());
    InboundOutcome outcome {ingest.provider, route.handlerName, ingest.eventType, ingest.source,
        ingest.verification, {}, ingest.dedupKey, {}};
    SqlJob job;
    job.replyContext = this;
    job.run = [request = std::move(request), ingest = std::move(ingest), outcome = std::move(outcome), family,
                  replayOf, recordedStatus,
                  routeName = route.handlerName](SqlContext &context) mutable -> ApiResult {
        ApiResult result;
        if (ingest.rejection) {
            result = *ingest.rejection;
        } else {
            // A savepoint per request: a handler that fails half-way leaves nothing behind.
            context.exec("SAVEPOINT ingest");
            const auto events = context.eventMark();
            {
                const SqlContext::OriginScope origin(context, outcome.provider);
                result = applyOnce(context, ingest);
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
            recorded.status = inboundStatusName(InboundStatus::Rejected);
            recorded.error
                = isError(result) ? std::get<ApiError>(result).message : QString::fromUtf8(response.body);
        } else {
            recorded.status = inboundStatusName(
                context.takeDuplicate() ? InboundStatus::Duplicate : InboundStatus::Processed);
        }
        InboundRepository::insert(context, request, recorded, response);
        // An accepted callback is relayed in the transaction that stores it: acknowledged means
        // relayed, even across a crash. Refusals, repeats and replays are not relayed.
        if (replayOf.isEmpty() && context.eventRouter()
            && recorded.status == inboundStatusName(InboundStatus::Processed))
            context.noteDeliveriesQueued(context.eventRouter()->relay(context, request, routeName));
        if (!replayOf.isEmpty()) {
            // A replay is a new record pointing at the one it re-ran (schema 3); received_at stays
            // the original arrival, replayed_at says when.
            context.run(
                QStringLiteral("UPDATE inbound_requests SET replay_of = ?, replayed_at = ? WHERE id = ?"),
                {replayOf, context.nowMs(), request.recordId});
        }
        // Read by the replay's answer, which runs after this job (after the commit).
        if (recordedStatus)
            *recordedStatus = recorded.status;
        qCDebug(lcServer, "%s %s (%s, %s): %s, HTTP %d", qPrintable(request.recordId),
            qPrintable(request.path), qPrintable(outcome.provider), qPrintable(outcome.handler),
            qPrintable(recorded.status), response.status);
        return response;
    };
    job.done = [reply = std::move(reply), family](
                   const ApiResult &result) { reply(renderResult(family, result)); };
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
    job.done = [reply = std::move(reply), family = route.family](
                   const ApiResult &result) { reply(renderResult(family, result)); };
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
    const QString &handler, const ApiError &error, Reply reply, const QJsonObject &details)
{
    SqlJob job;
    job.replyContext = this;
    // The path without its query (which may carry a token), the reason in words (never a key).
    // Refused credentials are worth seeing; unknown paths and rate-limited floods only with --verbose.
    const bool credentials = error.kind == ErrorKind::Unauthorized || error.kind == ErrorKind::Forbidden;
    if (credentials ? lcServer().isInfoEnabled() : lcServer().isDebugEnabled()) {
        const auto text = QStringLiteral("%1 %2 %3 from %4 refused before its handler: HTTP %5, %6")
                              .arg(request.recordId, QString::fromLatin1(request.method), request.path,
                                  request.clientIp, QString::number(error.status), error.message);
        if (credentials)
            qCInfo(lcServer, "%s", qPrintable(text));
        else
            qCDebug(lcServer, "%s", qPrintable(text));
    }
    InboundOutcome outcome {
        provider, handler, {}, {}, {}, inboundStatusName(InboundStatus::Rejected), {}, error.message};
    job.run = [request = std::move(request), outcome = std::move(outcome), family, error, details](
                  SqlContext &context) {
        auto response = renderError(family, error);
        if (!details.isEmpty()) {
            auto body = QJsonDocument::fromJson(response.body).object();
            for (auto it = details.begin(); it != details.end(); ++it)
                body.insert(it.key(), it.value());
            response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        }
        InboundRepository::insert(context, request, outcome, response);
        return ApiResult(response);
    };
    job.done = [reply = std::move(reply), family](
                   const ApiResult &result) { reply(renderResult(family, result)); };
    m_writer.submit(std::move(job));
}

} // namespace sb
