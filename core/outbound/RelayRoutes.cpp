#include "DeliveryFanout.h"
#include "Dispatcher.h"
#include "OutboundRoutes.h"
#include "RelayCommands.h"
#include "domain/IsoTime.h"
#include "http/JsonBody.h"
#include "server/OpenApi.h"
#include "server/RouteTable.h"
#include "storage/DeliveryRepository.h"
#include "storage/RelayTargetRepository.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>

namespace sb {

namespace {

constexpr ApiFamily family = ApiFamily::WebhookAdmin;

std::optional<qint64> idArgument(const ApiRequest &request)
{
    bool ok = false;
    const auto id = request.pathArgs.value(0).toLongLong(&ok);
    return ok && id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

ApiError notFound(const ApiRequest &request)
{
    return ApiError {
        ErrorKind::NotFound, QStringLiteral("relay %1 not found").arg(request.pathArgs.value(0)), {}};
}

// The family's error body, plus the field it names.
ApiResult refused(const RelayRefusal &refusal)
{
    if (refusal.field.isEmpty())
        return refusal.error;
    auto response = renderError(family, refusal.error);
    auto body = QJsonDocument::fromJson(response.body).object();
    body.insert(QStringLiteral("field"), refusal.field);
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

QJsonObject relayJson(SqlContext &context, const RelayTarget &target)
{
    auto object = target.toJson();
    const auto last = RelayTargetRepository::lastRelay(context, target.id);
    object.insert(QStringLiteral("lastRelay"),
        last ? QJsonValue(QJsonObject {{QStringLiteral("status"), deliveryStatusName(last->status)},
            {QStringLiteral("statusCode"),
                last->lastStatus == 0 ? QJsonValue() : QJsonValue(last->lastStatus)},
            {QStringLiteral("error"), last->lastError.isEmpty() ? QJsonValue() : QJsonValue(last->lastError)},
            {QStringLiteral("at"), isoTime(last->updatedAt)}})
             : QJsonValue());
    return object;
}

ApiResponse ok(int status, const QString &message, const QString &key, const QJsonValue &value)
{
    QJsonObject object {{QStringLiteral("success"), true}};
    if (!message.isEmpty())
        object.insert(QStringLiteral("message"), message);
    if (!key.isEmpty())
        object.insert(key, value);
    return ApiResponse::json(status, object);
}

std::variant<QJsonObject, ApiError> bodyOf(const ApiRequest &request)
{
    const auto parsed = JsonBody::object(request.body, JsonBody::Empty::AsEmptyObject);
    if (const auto *error = std::get_if<ApiError>(&parsed))
        return *error;
    return std::get<QJsonObject>(parsed);
}

void document(Router &router)
{
    using namespace schema;
    const auto idParam = ParamDoc {QStringLiteral("id"), QStringLiteral("The relay id"),
        integerRange(1, std::numeric_limits<qint64>::max()), true};
    const auto retry = object({{QStringLiteral("maxAttempts"), integer()},
        {QStringLiteral("initialDelay"), number(QStringLiteral("Seconds"))},
        {QStringLiteral("maxDelay"), number(QStringLiteral("Seconds"))},
        {QStringLiteral("backoffFactor"), number()}});
    const auto input
        = object({{QStringLiteral("route"),
                      string(QStringLiteral("A webhook route's name (twilio.sms), its path "
                                            "(/api/webhooks/twilio/sms), or '*' for every provider route"))},
            {QStringLiteral("url"),
                formatted(QStringLiteral("uri"),
                    QStringLiteral(
                        "http(s) target without credentials or fragment; --url-policy applies when saved "
                        "and when sent"))},
            {QStringLiteral("appendPath"),
                boolean(QStringLiteral(
                    "Default true: the original path and query are appended to url "
                    "(https://backend/hooks + /api/webhooks/twilio/sms?x=1); false: sent to url as is"))},
            {QStringLiteral("enabled"), boolean(QStringLiteral("Default true"))},
            {QStringLiteral("description"), string()}, {QStringLiteral("retryConfig"), retry}});
    auto createInput = input;
    createInput.insert(
        QStringLiteral("required"), QJsonArray {QStringLiteral("route"), QStringLiteral("url")});
    const auto lastRelay = nullable(object(
        {{QStringLiteral("status"),
             oneOfValues({QStringLiteral("pending"), QStringLiteral("delivered"), QStringLiteral("failed")})},
            {QStringLiteral("statusCode"), nullable(integer())},
            {QStringLiteral("error"), nullable(string())}, {QStringLiteral("at"), dateTime()}}));
    const auto relay = extend(input,
        {{QStringLiteral("id"), integer()}, {QStringLiteral("createdAt"), dateTime()},
            {QStringLiteral("updatedAt"), dateTime()}, {QStringLiteral("lastRelay"), lastRelay}});
    auto answer = [](std::initializer_list<std::pair<QString, QJsonObject>> extra) {
        return extend(
            object({{QStringLiteral("success"), constant(true)}, {QStringLiteral("message"), string()}},
                {QStringLiteral("success")}),
            extra);
    };
    const auto badInput = errorResponse(400,
        QStringLiteral(
            "A bad field: {\"success\": false, \"message\": .., \"field\": \"route\" | \"url\" | ...} "
            "(unknown route, bad or forbidden URL, a duplicate of route + url)"));
    const QString forwarded = QStringLiteral(
        "Each accepted callback of the route (verified and stored; not a refused, duplicate or replayed one) "
        "is forwarded by the dispatcher, with its retries and attempt log (GET "
        "/api/webhooks/events?source=relay): "
        "same method, the original path and query, the original headers in order without hop-by-hop ones, "
        "Host and Content-Length, the exact body, plus X-Forwarded-For (original chain + peer), "
        "X-Forwarded-Proto, X-Forwarded-Host, X-Switchboard-Original-Url (the URL the provider signed) and "
        "X-Switchboard-Request-Id (the inbound record id). Network errors, 408, 429 (Retry-After honoured) "
        "and 5xx "
        "are retried; 2xx is delivered; other answers fail at once.");

    RouteDoc list;
    list.summary = QStringLiteral("List relay targets");
    list.description
        = QStringLiteral("Relay targets with their last relay, and the routes a relay can use.\n\n")
        + forwarded;
    list.responses = {jsonResponse(200, QStringLiteral("Relays and routes"),
        answer({{QStringLiteral("relays"), array(relay)},
            {QStringLiteral("routes"),
                array(object({{QStringLiteral("name"), string()}, {QStringLiteral("method"), string()},
                    {QStringLiteral("path"), string()}}))}}))};
    router.document("GET", QStringLiteral("/api/relays"), list);

    RouteDoc create;
    create.summary = QStringLiteral("Add a relay target");
    create.description = forwarded;
    create.bodies = {BodyDoc {"application/json", createInput, {}}};
    create.responses = {
        jsonResponse(201, QStringLiteral("Created"), answer({{QStringLiteral("relay"), relay}})), badInput};
    router.document("POST", QStringLiteral("/api/relays"), create);

    RouteDoc get;
    get.summary = QStringLiteral("One relay target");
    get.pathParams = {idParam};
    get.responses
        = {jsonResponse(200, QStringLiteral("The relay"), answer({{QStringLiteral("relay"), relay}})),
            errorResponse(404, QStringLiteral("No such relay"))};
    router.document("GET", QStringLiteral("/api/relays/{id}"), get);

    RouteDoc update;
    update.summary = QStringLiteral("Change a relay target");
    update.description = QStringLiteral("Only the fields present change.");
    update.pathParams = {idParam};
    update.bodies = {BodyDoc {"application/json", input, {}}};
    update.responses
        = {jsonResponse(200, QStringLiteral("Updated"), answer({{QStringLiteral("relay"), relay}})), badInput,
            errorResponse(404, QStringLiteral("No such relay"))};
    router.document("PUT", QStringLiteral("/api/relays/{id}"), update);

    RouteDoc remove;
    remove.summary = QStringLiteral("Remove a relay target");
    remove.description
        = QStringLiteral("Its relays stay in the delivery log; one still pending fails at its next attempt.");
    remove.pathParams = {idParam};
    remove.bodyRequired = false;
    remove.responses = {jsonResponse(200, QStringLiteral("Removed"), answer({})),
        errorResponse(404, QStringLiteral("No such relay"))};
    router.document("DELETE", QStringLiteral("/api/relays/{id}"), remove);

    RouteDoc attempts;
    attempts.summary = QStringLiteral("Relays of one target and their attempts");
    attempts.description = QStringLiteral(
        "Newest first. The same relays are in the delivery log: GET /api/webhooks/events?source=relay; "
        "POST /api/webhooks/events/{id}/retry sends one again.");
    attempts.pathParams = {idParam};
    attempts.query
        = {queryParam(QStringLiteral("limit"), integerRange(1, 500), QStringLiteral("Default 50"))};
    const auto attempt = object({{QStringLiteral("attempt"), integer()},
        {QStringLiteral("startedAt"), dateTime()}, {QStringLiteral("url"), string()},
        {QStringLiteral("requestHeaders"), anyObject()}, {QStringLiteral("requestBody"), string()},
        {QStringLiteral("statusCode"), nullable(integer())}, {QStringLiteral("responseHeaders"), anyObject()},
        {QStringLiteral("responseBody"), string()}, {QStringLiteral("responseBodyTruncated"), boolean()},
        {QStringLiteral("latencyMs"), integer()}, {QStringLiteral("error"), nullable(string())}});
    const auto delivery = object({{QStringLiteral("id"), string(QStringLiteral("The delivery id (msg_…)"))},
        {QStringLiteral("inboundRequestId"), string(QStringLiteral("The relayed request (evt_…)"))},
        {QStringLiteral("route"), string()},
        {QStringLiteral("status"),
            oneOfValues({QStringLiteral("pending"), QStringLiteral("delivered"), QStringLiteral("failed")})},
        {QStringLiteral("attemptCount"), integer()}, {QStringLiteral("lastStatus"), nullable(integer())},
        {QStringLiteral("lastError"), nullable(string())},
        {QStringLiteral("nextAttemptAt"), nullable(dateTime())}, {QStringLiteral("createdAt"), dateTime()},
        {QStringLiteral("attempts"), array(attempt)}});
    attempts.responses = {jsonResponse(200, QStringLiteral("The relays"),
                              answer({{QStringLiteral("relayId"), integer()},
                                  {QStringLiteral("deliveries"), array(delivery)}})),
        errorResponse(400, QStringLiteral("A bad limit")),
        errorResponse(404, QStringLiteral("No such relay"))};
    router.document("GET", QStringLiteral("/api/relays/{id}/attempts"), attempts);
}

} // namespace

void registerRelayRoutes(Router &router, RelayDependencies dependencies)
{
    dependencies.fanout.setOriginalUrl(dependencies.originalUrl);
    const Router *routes = &router;
    const UrlPolicy policy = dependencies.dispatcher.policy();
    const auto base = QStringLiteral("/api/relays");

    routes::addQuery(router, "GET", base, family, QStringLiteral("relays.list"),
        [routes](SqlContext &context, const ApiRequest &) -> ApiResult {
            QJsonArray relays;
            for (const auto &target : RelayTargetRepository::list(context))
                relays.append(relayJson(context, target));
            QJsonArray names;
            for (const auto &route : RelayCommands::routes(*routes))
                names.append(QJsonObject {{QStringLiteral("name"), route.name},
                    {QStringLiteral("method"), route.method}, {QStringLiteral("path"), route.path}});
            auto response = ok(200, {}, QStringLiteral("relays"), relays);
            auto object = QJsonDocument::fromJson(response.body).object();
            object.insert(QStringLiteral("routes"), names);
            return ApiResponse::json(200, object);
        });
    routes::addCommand(router, "POST", base, family, QStringLiteral("relays.create"),
        [routes, policy](SqlContext &context, const ApiRequest &request) -> ApiResult {
            const auto body = bodyOf(request);
            if (const auto *error = std::get_if<ApiError>(&body))
                return *error;
            auto written = RelayCommands::create(context, *routes, policy, std::get<QJsonObject>(body));
            if (const auto *refusal = std::get_if<RelayRefusal>(&written))
                return refused(*refusal);
            return ok(201, QStringLiteral("Relay created"), QStringLiteral("relay"),
                relayJson(context, std::get<RelayTarget>(written)));
        });
    routes::addQuery(router, "GET", base + QStringLiteral("/{id}"), family, QStringLiteral("relays.get"),
        [](SqlContext &context, const ApiRequest &request) -> ApiResult {
            const auto id = idArgument(request);
            const auto target = id ? RelayTargetRepository::find(context, *id) : std::nullopt;
            if (!target)
                return notFound(request);
            return ok(200, {}, QStringLiteral("relay"), relayJson(context, *target));
        });
    routes::addCommand(router, "PUT", base + QStringLiteral("/{id}"), family, QStringLiteral("relays.update"),
        [routes, policy](SqlContext &context, const ApiRequest &request) -> ApiResult {
            const auto id = idArgument(request);
            if (!id)
                return notFound(request);
            const auto body = bodyOf(request);
            if (const auto *error = std::get_if<ApiError>(&body))
                return *error;
            auto written = RelayCommands::update(context, *routes, policy, *id, std::get<QJsonObject>(body));
            if (const auto *refusal = std::get_if<RelayRefusal>(&written))
                return refused(*refusal);
            return ok(200, QStringLiteral("Relay updated"), QStringLiteral("relay"),
                relayJson(context, std::get<RelayTarget>(written)));
        });
    routes::addCommand(router, "DELETE", base + QStringLiteral("/{id}"), family,
        QStringLiteral("relays.delete"), [](SqlContext &context, const ApiRequest &request) -> ApiResult {
            const auto id = idArgument(request);
            if (!id || !RelayCommands::remove(context, *id))
                return notFound(request);
            return ok(200, QStringLiteral("Relay removed"), {}, {});
        });
    routes::addQuery(router, "GET", base + QStringLiteral("/{id}/attempts"), family,
        QStringLiteral("relays.attempts"), [](SqlContext &context, const ApiRequest &request) -> ApiResult {
            const auto id = idArgument(request);
            if (!id || !RelayTargetRepository::find(context, *id))
                return notFound(request);
            bool parsed = true;
            const auto limitText = request.query.queryItemValue(QStringLiteral("limit"));
            const int limit = limitText.isEmpty() ? 50 : limitText.toInt(&parsed);
            if (!parsed || limit < 1 || limit > 500)
                return ApiError {
                    ErrorKind::BadRequest, QStringLiteral("limit must be between 1 and 500"), {}};
            QJsonArray deliveries;
            for (const auto &delivery : RelayTargetRepository::relays(context, *id, limit)) {
                QJsonArray attempts;
                for (const auto &attempt : DeliveryRepository::attempts(context, delivery.id))
                    attempts.append(DeliveryRepository::attemptJson(attempt));
                deliveries.append(QJsonObject {{QStringLiteral("id"), delivery.id},
                    {QStringLiteral("inboundRequestId"), delivery.inboundRequestId},
                    {QStringLiteral("route"), delivery.eventType},
                    {QStringLiteral("status"), deliveryStatusName(delivery.status)},
                    {QStringLiteral("attemptCount"), delivery.attempts},
                    {QStringLiteral("lastStatus"),
                        delivery.lastStatus == 0 ? QJsonValue() : QJsonValue(delivery.lastStatus)},
                    {QStringLiteral("lastError"),
                        delivery.lastError.isEmpty() ? QJsonValue() : QJsonValue(delivery.lastError)},
                    {QStringLiteral("nextAttemptAt"),
                        delivery.nextAttemptAt > 0 ? QJsonValue(isoTime(delivery.nextAttemptAt))
                                                   : QJsonValue()},
                    {QStringLiteral("createdAt"), isoTime(delivery.createdAt)},
                    {QStringLiteral("attempts"), attempts}});
            }
            auto response = ok(200, {}, QStringLiteral("deliveries"), deliveries);
            auto object = QJsonDocument::fromJson(response.body).object();
            object.insert(QStringLiteral("relayId"), *id);
            return ApiResponse::json(200, object);
        });
    document(router);
}

} // namespace sb
