#include "OutboundRouteDocs.h"

#include "server/OpenApi.h"

namespace sb {

namespace {

using namespace schema;

const auto idParam = ParamDoc {QStringLiteral("id"), QStringLiteral("The configuration id"),
    integerRange(1, std::numeric_limits<qint64>::max()), true};

QJsonObject retryConfig()
{
    return object({{QStringLiteral("maxAttempts"), integer()},
        {QStringLiteral("initialDelay"), integer(QStringLiteral("Milliseconds"))},
        {QStringLiteral("maxDelay"), integer(QStringLiteral("Milliseconds"))},
        {QStringLiteral("backoffFactor"), number()}});
}

// The writable fields, in the seed's names: seed 001 eventTypes, seed 004 events/is_active.
QJsonObject configInput(bool communications, bool create)
{
    auto s = object({{QStringLiteral("name"), string()},
        {QStringLiteral("url"),
            formatted(QStringLiteral("uri"), QStringLiteral("http(s) target; --url-policy applies"))},
        {QStringLiteral("description"), string()},
        {QStringLiteral("secret"),
            string(QStringLiteral("Generated (whsec_…) when absent; a new one keeps the old valid 24 h"))},
        {QStringLiteral("headers"),
            anyObject(QStringLiteral("Extra request headers (not the signature or framing ones)"))},
        {QStringLiteral("retryConfig"), retryConfig()},
        {QStringLiteral("filters"),
            anyObject(QStringLiteral(
                "campaigns, outcomes, agents (ElevenLabs agent ids: agent_id / agentId in the event)"))},
        {QStringLiteral("metadata"), anyObject()}, {QStringLiteral("timeoutMs"), integerRange(100, 120000)},
        {QStringLiteral("disableAfterFailures"), integerRange(0, 100000)}});
    if (communications) {
        s = extend(s,
            {{QStringLiteral("events"), array(string(), QStringLiteral("Event names of the catalog"))},
                {QStringLiteral("is_active"), boolean()}});
    } else {
        s = extend(s,
            {{QStringLiteral("eventTypes"), array(string(), QStringLiteral("Event names of the catalog"))},
                {QStringLiteral("status"),
                    oneOfValues({QStringLiteral("active"), QStringLiteral("inactive")})}});
    }
    if (create)
        s.insert(QStringLiteral("required"), QJsonArray {QStringLiteral("name"), QStringLiteral("url")});
    return s;
}

QJsonObject configOutput(bool communications)
{
    auto s = extend(configInput(communications, false),
        {{QStringLiteral("id"), integer()}, {QStringLiteral("consecutiveFailures"), integer()},
            {QStringLiteral("disabledReason"), string()},
            {QStringLiteral("secret"), string(QStringLiteral("Masked, except in the answer that set it"))}});
    if (communications)
        return extend(
            s, {{QStringLiteral("created_at"), dateTime()}, {QStringLiteral("updated_at"), dateTime()}});
    return extend(s, {{QStringLiteral("createdAt"), dateTime()}, {QStringLiteral("updatedAt"), dateTime()}});
}

QJsonObject adminOk(std::initializer_list<std::pair<QString, QJsonObject>> extra)
{
    return extend(object({{QStringLiteral("success"), constant(true)}, {QStringLiteral("message"), string()}},
                      {QStringLiteral("success")}),
        extra);
}

QJsonObject eventItem()
{
    return object({{QStringLiteral("id"),
                       string(QStringLiteral("evt_… (inbound), a delivery id, or snd_… (send)"))},
        {QStringLiteral("direction"), oneOfValues({QStringLiteral("inbound"), QStringLiteral("outbound")})},
        {QStringLiteral("channel"), string()}, {QStringLiteral("source"), string()},
        {QStringLiteral("eventType"), string()}, {QStringLiteral("status"), string()},
        {QStringLiteral("payload"), {}}, {QStringLiteral("attempts"), integer()},
        {QStringLiteral("webhookConfigId"), nullable(integer())},
        {QStringLiteral("lastStatusCode"), nullable(integer())},
        {QStringLiteral("lastError"), nullable(string())}, {QStringLiteral("createdAt"), dateTime()},
        {QStringLiteral("updatedAt"), dateTime()}});
}

QJsonObject responseData(const QString &description)
{
    return object(
        {{QStringLiteral("statusCode"), nullable(integer())}, {QStringLiteral("body"), string()},
            {QStringLiteral("bodyTruncated"), boolean()},
            {QStringLiteral("headers"), anyObject(QStringLiteral("Lower-case names"))},
            {QStringLiteral("timing"), integer(QStringLiteral("Milliseconds"))},
            {QStringLiteral("error"), string(QStringLiteral("Why the attempt failed, when it did"))}},
        {}, description);
}

void documentConfigs(Router &router, const QString &base, bool communications)
{
    const QString what
        = communications ? QStringLiteral("Communications webhook") : QStringLiteral("Webhook configuration");
    const auto one = configOutput(communications);
    const auto wrapped = [&](const QString &key, const QJsonObject &value) {
        return communications ? value : adminOk({{key, value}});
    };
    RouteDoc list;
    list.summary = what + QStringLiteral("s: list");
    if (communications)
        list.query = {queryParam(QStringLiteral("skip"), integerRange(0, 1000000000)),
            queryParam(QStringLiteral("limit"), integerRange(1, 1000), QStringLiteral("Default 100")),
            queryParam(
                QStringLiteral("event"), string(), QStringLiteral("Only configurations subscribed to it")),
            queryParam(QStringLiteral("active_only"), boolean())};
    list.responses = {jsonResponse(200, QStringLiteral("The configurations (secrets masked)"),
                          communications ? array(one) : adminOk({{QStringLiteral("webhooks"), array(one)}})),
        errorResponse(400, QStringLiteral("A query parameter is invalid; it is named"))};
    router.document("GET", base, list);

    RouteDoc create;
    create.summary = what + QStringLiteral(": create");
    create.description = QStringLiteral("The secret is shown in full in this answer only.");
    create.bodies = {BodyDoc {"application/json", configInput(communications, true), {}}};
    create.responses = {jsonResponse(201, QStringLiteral("Created"), wrapped(QStringLiteral("webhook"), one)),
        errorResponse(400, QStringLiteral("A field is invalid; it is named"))};
    router.document("POST", base, create);

    RouteDoc get;
    get.summary = what + QStringLiteral(": get one");
    get.pathParams = {idParam};
    get.responses
        = {jsonResponse(200, QStringLiteral("The configuration"), wrapped(QStringLiteral("webhook"), one)),
            errorResponse(404, QStringLiteral("Not found"))};
    router.document("GET", base + QStringLiteral("/{id}"), get);

    RouteDoc update;
    update.summary = what + QStringLiteral(": update");
    update.description = QStringLiteral(
        "Partial: only the members sent change. A new secret rotates (the old one stays valid 24 h).");
    update.pathParams = {idParam};
    update.bodies = {BodyDoc {"application/json", configInput(communications, false), {}}};
    update.responses = {jsonResponse(200, QStringLiteral("Updated"), wrapped(QStringLiteral("webhook"), one)),
        errorResponse(400, QStringLiteral("A field is invalid; it is named")),
        errorResponse(404, QStringLiteral("Not found"))};
    router.document("PUT", base + QStringLiteral("/{id}"), update);

    RouteDoc remove;
    remove.summary = what + QStringLiteral(": delete");
    remove.pathParams = {idParam};
    remove.responses
        = {jsonResponse(200, QStringLiteral("Deleted"),
               communications
                   ? object({{QStringLiteral("id"), integer()}, {QStringLiteral("deleted"), constant(true)}})
                   : adminOk({})),
            errorResponse(404, QStringLiteral("Not found"))};
    router.document("DELETE", base + QStringLiteral("/{id}"), remove);

    RouteDoc test;
    test.summary = what + QStringLiteral(": send a test delivery");
    test.description = communications
        ? QStringLiteral("Sends a signed test event (the configuration's first event type) now and answers "
                         "the receiver's answer.")
        : QStringLiteral("Sends a signed test event now and answers the receiver's answer.");
    test.pathParams = {idParam};
    if (!communications) {
        test.bodies = {BodyDoc {"application/json",
            object({{QStringLiteral("eventType"),
                        string(QStringLiteral("One of the configuration's event types"))},
                       {QStringLiteral("testPayload"), anyObject()}},
                {QStringLiteral("eventType")}),
            {}}};
    } else {
        test.bodies = {BodyDoc {"application/json", anyObject(), {}}};
        test.bodyRequired = false;
    }
    test.responses = {
        jsonResponse(200, QStringLiteral("The attempt: the receiver's status, body and timing"), anyObject()),
        errorResponse(400, QStringLiteral("eventType missing or not subscribed")),
        errorResponse(404, QStringLiteral("Not found"))};
    router.document("POST", base + QStringLiteral("/{id}/test"), test);
}

} // namespace

void documentOutboundRoutes(Router &router)
{
    documentConfigs(router, QStringLiteral("/api/webhooks/config"), false);
    documentConfigs(router, QStringLiteral("/api/communications/webhooks"), true);

    RouteDoc types;
    types.summary = QStringLiteral("The event catalog");
    types.responses = {jsonResponse(200, QStringLiteral("Every event type with its description"),
        adminOk({{QStringLiteral("eventTypes"), {}}}))};
    router.document("GET", QStringLiteral("/api/webhooks/event-types"), types);

    RouteDoc events;
    events.summary = QStringLiteral("Event log: inbound requests, webhook deliveries and sends");
    events.query = {queryParam(QStringLiteral("direction"),
                        oneOfValues({QStringLiteral("inbound"), QStringLiteral("outbound")})),
        queryParam(QStringLiteral("channel"),
            oneOfValues({QStringLiteral("webhook"), QStringLiteral("sms"), QStringLiteral("email"),
                QStringLiteral("push"), QStringLiteral("chat"), QStringLiteral("voice")})),
        queryParam(QStringLiteral("source"), string()), queryParam(QStringLiteral("eventType"), string()),
        queryParam(QStringLiteral("status"), string()),
        queryParam(QStringLiteral("webhookConfigId"), integerRange(1, std::numeric_limits<qint64>::max())),
        queryParam(QStringLiteral("fromDate"), dateTime()), queryParam(QStringLiteral("toDate"), dateTime()),
        queryParam(QStringLiteral("page"), integerRange(1, 1000000)),
        queryParam(QStringLiteral("limit"), integerRange(1, 500))};
    events.responses
        = {jsonResponse(200, QStringLiteral("A page of events, newest first"),
               object({{QStringLiteral("success"), constant(true)}, {QStringLiteral("count"), integer()},
                   {QStringLiteral("total"), integer()}, {QStringLiteral("page"), integer()},
                   {QStringLiteral("pages"), integer()},
                   {QStringLiteral("events"),
                       array(extend(eventItem(),
                           {{QStringLiteral("responseData"),
                               nullable(responseData(QStringLiteral(
                                   "Outbound items: what the receiver answered to the last attempt (null "
                                   "before the first)")))}}))}})),
            errorResponse(400, QStringLiteral("A filter is invalid; it is named"))};
    router.document("GET", QStringLiteral("/api/webhooks/events"), events);

    RouteDoc event;
    event.summary = QStringLiteral("One event with its attempts");
    event.pathParams
        = {ParamDoc {QStringLiteral("id"), QStringLiteral("evt_…, a delivery id or snd_…"), {}, true}};
    event.responses = {jsonResponse(200, QStringLiteral("The event"),
                           adminOk({{QStringLiteral("event"),
                               extend(eventItem(),
                                   {{QStringLiteral("attemptsDetail"), array(anyObject())},
                                       {QStringLiteral("responseData"), nullable(responseData({}))}})}})),
        errorResponse(404, QStringLiteral("Webhook event not found"))};
    router.document("GET", QStringLiteral("/api/webhooks/events/{id}"), event);

    RouteDoc retry;
    retry.summary = QStringLiteral("Retry one delivery or send");
    retry.pathParams = event.pathParams;
    retry.query = {queryParam(QStringLiteral("force"), boolean(QStringLiteral("Retry a delivered one too")))};
    retry.responses = {
        jsonResponse(200, QStringLiteral("Queued again"), adminOk({{QStringLiteral("event"), anyObject()}})),
        errorResponse(400, QStringLiteral("An inbound request cannot be retried (replay it instead)")),
        errorResponse(404, QStringLiteral("Webhook event not found")),
        errorResponse(
            409, QStringLiteral("Pending, already delivered (without force) or a send in an unknown state"))};
    router.document("POST", QStringLiteral("/api/webhooks/events/{id}/retry"), retry);

    RouteDoc retryAll;
    retryAll.summary = QStringLiteral("Retry every failed delivery matching a filter");
    retryAll.description = QStringLiteral(
        "The filters of GET /api/webhooks/events, as query or JSON body; status defaults to failed.");
    retryAll.query = {queryParam(QStringLiteral("status"), string()),
        queryParam(QStringLiteral("eventType"), string()),
        queryParam(QStringLiteral("webhookConfigId"), integerRange(1, std::numeric_limits<qint64>::max())),
        queryParam(QStringLiteral("fromDate"), dateTime()), queryParam(QStringLiteral("toDate"), dateTime())};
    retryAll.bodies = {BodyDoc {"application/json", anyObject(QStringLiteral("The same filters")), {}}};
    retryAll.bodyRequired = false;
    retryAll.responses = {jsonResponse(200, QStringLiteral("How many were queued"),
                              adminOk({{QStringLiteral("count"), integer()}})),
        errorResponse(400, QStringLiteral("A filter is invalid, or the body is not a JSON object"))};
    router.document("POST", QStringLiteral("/api/webhooks/events/retry"), retryAll);

    RouteDoc logs;
    logs.summary = QStringLiteral("Communications webhook: its deliveries");
    logs.pathParams = {idParam};
    logs.query = {queryParam(QStringLiteral("skip"), integerRange(0, 1000000000)),
        queryParam(QStringLiteral("limit"), integerRange(1, 1000)),
        queryParam(QStringLiteral("success_only"), boolean())};
    logs.responses
        = {jsonResponse(200, QStringLiteral("Deliveries, newest first"),
               array(object({{QStringLiteral("id"), string()}, {QStringLiteral("webhook_id"), integer()},
                   {QStringLiteral("event"), string()}, {QStringLiteral("payload"), {}},
                   {QStringLiteral("request_headers"), anyObject()},
                   {QStringLiteral("response_status"), nullable(integer())},
                   {QStringLiteral("response_body"), string()},
                   {QStringLiteral("response_body_truncated"), boolean()},
                   {QStringLiteral("success"), boolean()}, {QStringLiteral("status"), string()},
                   {QStringLiteral("error_message"), nullable(string())},
                   {QStringLiteral("attempts"), integer()}, {QStringLiteral("created_at"), dateTime()},
                   {QStringLiteral("updated_at"), dateTime()}}))),
            errorResponse(400, QStringLiteral("A query parameter is invalid")),
            errorResponse(404, QStringLiteral("Webhook not found"))};
    router.document("GET", QStringLiteral("/api/communications/webhooks/{id}/logs"), logs);

    // The API for other tools: named keys with scopes (admin keys only) and events raised over HTTP.
    const auto key = object(
        {{QStringLiteral("id"), string(QStringLiteral("key_…"))}, {QStringLiteral("name"), string()},
            {QStringLiteral("prefix"), string(QStringLiteral("The key's first characters, to recognise it"))},
            {QStringLiteral("scope"),
                oneOfValues({QStringLiteral("read"), QStringLiteral("write"), QStringLiteral("admin")})},
            {QStringLiteral("active"), boolean(QStringLiteral("False once revoked"))},
            {QStringLiteral("createdAt"), dateTime()}, {QStringLiteral("revokedAt"), nullable(dateTime())},
            {QStringLiteral("lastUsedAt"),
                nullable(dateTime(QStringLiteral("Recorded at most once a minute per key")))},
            {QStringLiteral("lastUsedClient"),
                nullable(string(QStringLiteral("IP address and User-Agent of the last use")))}},
        {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("prefix"), QStringLiteral("scope"),
            QStringLiteral("active"), QStringLiteral("createdAt")});
    RouteDoc keys;
    keys.summary = QStringLiteral("API keys: list");
    keys.description
        = QStringLiteral("Every stored key (active and revoked) without the key itself. Admin keys only.");
    keys.responses
        = {jsonResponse(200, QStringLiteral("The keys"), adminOk({{QStringLiteral("keys"), array(key)}}))};
    router.document("GET", QStringLiteral("/api/keys"), keys);

    RouteDoc createKey;
    createKey.summary = QStringLiteral("API keys: create");
    createKey.description = QStringLiteral(
        "A new random key (sbk_…) with a scope: read (GET routes and the live streams), write (also "
        "changes, e.g. POST /api/events, outside the admin-only areas) or admin (everything, key "
        "management included). The key is in this answer only; only its hash is stored. Admin keys only.");
    createKey.bodies = {BodyDoc {"application/json",
        object(
            {{QStringLiteral("name"), string(QStringLiteral("What the key is for; 1–100 characters"))},
                {QStringLiteral("scope"),
                    oneOfValues({QStringLiteral("read"), QStringLiteral("write"), QStringLiteral("admin")})}},
            {QStringLiteral("name"), QStringLiteral("scope")}),
        {}}};
    createKey.responses
        = {jsonResponse(201, QStringLiteral("Created; store the key now"),
               adminOk({{QStringLiteral("key"),
                   extend(key, {{QStringLiteral("key"), string(QStringLiteral("The key, shown this once"))}},
                       {QStringLiteral("key")})}})),
            errorResponse(400, QStringLiteral("name or scope missing or invalid; the field is named"))};
    router.document("POST", QStringLiteral("/api/keys"), createKey);

    RouteDoc revokeKey;
    revokeKey.summary = QStringLiteral("API keys: revoke");
    revokeKey.description = QStringLiteral(
        "The key is refused from now on (also on /ws and the SSE streams). Revoking a revoked key "
        "answers 200 again. Admin keys only.");
    revokeKey.pathParams
        = {ParamDoc {QStringLiteral("id"), QStringLiteral("The key's id (key_…)"), {}, true}};
    revokeKey.responses = {jsonResponse(200, QStringLiteral("Revoked (or already revoked)"),
                               adminOk({{QStringLiteral("key"), key}})),
        errorResponse(404, QStringLiteral("API key not found"))};
    router.document("DELETE", QStringLiteral("/api/keys/{id}"), revokeKey);

    const auto raised = object(
        {{QStringLiteral("id"), string(QStringLiteral("evt_…"))}, {QStringLiteral("eventType"), string()},
            {QStringLiteral("payload"), anyObject()}, {QStringLiteral("createdAt"), dateTime()},
            {QStringLiteral("deliveries"),
                integer(QStringLiteral("Deliveries created for the subscribed webhook configurations"))},
            {QStringLiteral("idempotencyKey"), nullable(string())}},
        {QStringLiteral("id"), QStringLiteral("eventType"), QStringLiteral("payload"),
            QStringLiteral("createdAt"), QStringLiteral("deliveries")});
    RouteDoc raise;
    raise.summary = QStringLiteral("Raise a catalog event");
    raise.description = QStringLiteral(
        "Delivers a catalog event (GET /api/webhooks/event-types) to every webhook configuration "
        "subscribed to it, like an event of Switchboard's own. With an idempotencyKey, the same key again "
        "answers 200 with the first event and delivers nothing. Write or admin keys.");
    raise.bodies = {BodyDoc {"application/json",
        object({{QStringLiteral("eventType"), string(QStringLiteral("A catalog event type"))},
                   {QStringLiteral("payload"), anyObject(QStringLiteral("The event's data"))},
                   {QStringLiteral("idempotencyKey"), string(QStringLiteral("Optional; 1–200 characters"))}},
            {QStringLiteral("eventType"), QStringLiteral("payload")}),
        {}}};
    raise.responses = {
        jsonResponse(202, QStringLiteral("Raised"), adminOk({{QStringLiteral("event"), raised}})),
        jsonResponse(200, QStringLiteral("An event with this idempotencyKey was raised before; nothing new"),
            adminOk({{QStringLiteral("event"), raised}})),
        errorResponse(400,
            QStringLiteral("eventType missing or not in the catalog, payload not an object, or a bad "
                           "idempotencyKey; the field is named"))};
    router.document("POST", QStringLiteral("/api/events"), raise);
}

} // namespace sb
