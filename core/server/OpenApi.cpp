#include "OpenApi.h"

#include "RouteTable.h"
#include "security/ApiKeys.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>

namespace sb {

namespace {

const QString bearerScheme = QStringLiteral("ApiKeyBearer");
const QString headerScheme = QStringLiteral("ApiKeyHeader");
const QString metaTag = QStringLiteral("Service");
const QString liveTag = QStringLiteral("Live streams");
const QString scopesText = QStringLiteral(
    "Every key has a scope: `read` keys may use GET/HEAD routes and the live streams (/ws, SSE); `write` "
    "keys also every change outside the admin-only areas (e.g. POST /api/events); `admin` keys everything, "
    "including the admin-only areas: API keys (/api/keys), external services, webhook configurations. "
    "Each operation names the least scope it needs in `x-required-scope`; a key of a lower scope is "
    "answered 403 with `scope` and `requiredScope` in the error body.");

QString errorSchemaName(ApiFamily family)
{
    switch (family) {
    case ApiFamily::Crm:
        return QStringLiteral("CrmError");
    case ApiFamily::WebhookAdmin:
        return QStringLiteral("WebhookAdminError");
    case ApiFamily::Communications:
        return QStringLiteral("CommunicationsError");
    case ApiFamily::Provider:
        return QStringLiteral("ProviderError");
    }
    return QStringLiteral("ProviderError");
}

QString familyDescription(ApiFamily family)
{
    switch (family) {
    case ApiFamily::Crm:
        return QStringLiteral(
            "Seed 002: HMAC-signed CRM webhooks for pre-leads, leads and customers under /api/v1/webhooks, "
            "and the webhook log. Success: {\"status\":\"success\",\"message\",\"data\"}; errors: "
            "{\"detail\"}.");
    case ApiFamily::WebhookAdmin:
        return QStringLiteral(
            "Seed 001: outbound webhook configurations and the event log (inbound and outbound). "
            "Success: {\"success\":true,\"message\",...}; errors: {\"success\":false,\"message\"}.");
    case ApiFamily::Communications:
        return QStringLiteral(
            "Seed 004: communications webhook configurations, external services (SMS, email, push, chat), "
            "sending messages and calls, auto-responses. Success: the resource or a list; errors: "
            "{\"detail\"}.");
    case ApiFamily::Provider:
        return QStringLiteral(
            "Callbacks of Twilio, SignalWire, Mailgun, ElevenLabs, the campaign trigger and the test "
            "webhook, each verified with its provider's signature. Answers are what the provider "
            "expects; errors: {\"success\":false,\"error\"}.");
    }
    return {};
}

QJsonObject errorSchema(ApiFamily family)
{
    switch (family) {
    case ApiFamily::Crm:
    case ApiFamily::Communications:
        return schema::object({{QStringLiteral("detail"), schema::string(QStringLiteral("What is wrong"))}},
            {QStringLiteral("detail")});
    case ApiFamily::WebhookAdmin:
        return schema::object(
            {{QStringLiteral("success"), schema::constant(false)},
                {QStringLiteral("message"), schema::string(QStringLiteral("What is wrong"))}},
            {QStringLiteral("success"), QStringLiteral("message")});
    case ApiFamily::Provider:
        return schema::object({{QStringLiteral("success"), schema::constant(false)},
                                  {QStringLiteral("error"), schema::string(QStringLiteral("What is wrong"))}},
            {QStringLiteral("success"), QStringLiteral("error")});
    }
    return {};
}

QStringList placeholders(const QString &pattern)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{([^}/]+)\\}"));
    QStringList names;
    auto it = placeholder.globalMatch(pattern);
    while (it.hasNext())
        names.append(it.next().captured(1));
    return names;
}

QJsonObject parameter(const ParamDoc &param, const QString &in, bool required)
{
    QJsonObject object {{QStringLiteral("name"), param.name}, {QStringLiteral("in"), in},
        {QStringLiteral("schema"), param.schema.isEmpty() ? schema::string() : param.schema}};
    if (!param.description.isEmpty())
        object.insert(QStringLiteral("description"), param.description);
    if (required)
        object.insert(QStringLiteral("required"), true);
    return object;
}

QString statusDescription(int status)
{
    switch (status) {
    case 401:
        return QStringLiteral("No API key, or one that is not valid (WWW-Authenticate: Bearer)");
    case 403:
        return QStringLiteral(
            "The key's scope is below the operation's x-required-scope (the body names `scope` and "
            "`requiredScope`), or a remote client: admin routes answer only on this machine, not through a "
            "tunnel or proxy, unless the server runs with --admin-remote");
    case 429:
        return QStringLiteral("Rate limit of the client IP exceeded; Retry-After says when to try again");
    default:
        return QStringLiteral("Answer");
    }
}

QJsonObject response(const ResponseDoc &doc, ApiFamily family)
{
    QJsonObject object {{QStringLiteral("description"),
        doc.description.isEmpty() ? statusDescription(doc.status) : doc.description}};
    if (doc.mediaType.isEmpty())
        return object;
    QJsonObject body = doc.schema;
    if (body.isEmpty() && doc.status >= 400)
        body = schema::ref(errorSchemaName(family));
    QJsonObject media;
    if (!body.isEmpty())
        media.insert(QStringLiteral("schema"), body);
    object.insert(QStringLiteral("content"), QJsonObject {{QString::fromLatin1(doc.mediaType), media}});
    return object;
}

QString operationId(const Route &route, QSet<QString> &used)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]"));
    QString id = route.handlerName;
    id.replace(unsafe, QStringLiteral("_"));
    if (id.isEmpty())
        id = QString::fromLatin1(route.method).toLower() + route.pattern;
    id.replace(unsafe, QStringLiteral("_"));
    QString unique = id;
    if (used.contains(unique))
        unique = id + QLatin1Char('.') + QString::fromLatin1(route.method).toLower();
    for (int n = 2; used.contains(unique); ++n)
        unique = id + QLatin1Char('.') + QString::number(n);
    used.insert(unique);
    return unique;
}

QJsonObject operation(const Route &route, QSet<QString> &used)
{
    const RouteDoc fallback {QStringLiteral("%1 %2").arg(QString::fromLatin1(route.method), route.pattern),
        QStringLiteral("Not documented yet."), {}, {}, {}, {}, {}, true,
        {{200, QStringLiteral("Answer"), {}, {}}}};
    const RouteDoc &doc = route.doc ? *route.doc : fallback;

    QJsonObject op;
    op.insert(QStringLiteral("operationId"), operationId(route, used));
    op.insert(QStringLiteral("summary"), doc.summary);
    if (!doc.description.isEmpty())
        op.insert(QStringLiteral("description"), doc.description);
    op.insert(QStringLiteral("tags"), QJsonArray {doc.tag.isEmpty() ? familyTag(route.family) : doc.tag});

    QJsonArray parameters;
    for (const auto &name : placeholders(route.pattern)) {
        ParamDoc param {name, {}, {}, true};
        for (const auto &given : doc.pathParams) {
            if (given.name == name)
                param = given;
        }
        parameters.append(parameter(param, QStringLiteral("path"), true));
    }
    for (const auto &param : doc.query)
        parameters.append(parameter(param, QStringLiteral("query"), param.required));
    for (const auto &param : doc.headers)
        parameters.append(parameter(param, QStringLiteral("header"), param.required));
    if (!parameters.isEmpty())
        op.insert(QStringLiteral("parameters"), parameters);

    if (!doc.bodies.isEmpty()) {
        QJsonObject content;
        for (const auto &body : doc.bodies) {
            QJsonObject media;
            if (!body.schema.isEmpty())
                media.insert(QStringLiteral("schema"), body.schema);
            content.insert(QString::fromLatin1(body.mediaType), media);
        }
        QJsonObject requestBody {{QStringLiteral("content"), content}};
        if (doc.bodyRequired)
            requestBody.insert(QStringLiteral("required"), true);
        if (!doc.bodies.first().description.isEmpty())
            requestBody.insert(QStringLiteral("description"), doc.bodies.first().description);
        op.insert(QStringLiteral("requestBody"), requestBody);
    }

    QList<ResponseDoc> responses = doc.responses;
    const auto ensure = [&responses](int status) {
        for (const auto &existing : std::as_const(responses)) {
            if (existing.status == status)
                return;
        }
        responses.append(ResponseDoc {status, {}, {}, "application/json"});
    };
    if (route.admin) {
        ensure(401);
        ensure(403);
    }
    if (route.rateLimited)
        ensure(429);
    QJsonObject answers;
    for (const auto &answer : std::as_const(responses)) {
        const auto status = QString::number(answer.status);
        auto rendered = response(answer, route.family);
        // Two answers of one status in different media types (JSON, or an event stream on request).
        if (answers.contains(status)) {
            auto merged = answers.value(status).toObject();
            auto content = merged.value(QStringLiteral("content")).toObject();
            const auto more = rendered.value(QStringLiteral("content")).toObject();
            for (auto it = more.begin(); it != more.end(); ++it)
                content.insert(it.key(), it.value());
            merged.insert(QStringLiteral("content"), content);
            rendered = merged;
        }
        answers.insert(status, rendered);
    }
    op.insert(QStringLiteral("responses"), answers);

    // The least key scope the route needs; the live streams check their key themselves (any scope).
    if (route.admin)
        op.insert(
            QStringLiteral("x-required-scope"), apiScopeName(requiredScope(route.method, route.pattern)));
    else if (doc.tag == liveTag)
        op.insert(QStringLiteral("x-required-scope"), apiScopeName(ApiScope::Read));
    if (route.admin)
        op.insert(QStringLiteral("security"),
            QJsonArray {
                QJsonObject {{bearerScheme, QJsonArray {}}}, QJsonObject {{headerScheme, QJsonArray {}}}});
    else
        op.insert(QStringLiteral("security"), QJsonArray {});
    return op;
}

} // namespace

QString familyTag(ApiFamily family)
{
    switch (family) {
    case ApiFamily::Crm:
        return QStringLiteral("CRM webhooks");
    case ApiFamily::WebhookAdmin:
        return QStringLiteral("Webhook administration");
    case ApiFamily::Communications:
        return QStringLiteral("Communications");
    case ApiFamily::Provider:
        return QStringLiteral("Provider callbacks");
    }
    return QStringLiteral("Provider callbacks");
}

QJsonObject openApiDocument(const Router &router, const OpenApiInfo &info)
{
    QJsonObject paths;
    QSet<QString> used;
    QSet<QString> tagsUsed;
    for (const auto &route : router.routes()) {
        const QString method = QString::fromLatin1(route.method).toLower();
        auto item = paths.value(route.pattern).toObject();
        const auto op = operation(route, used);
        tagsUsed.insert(op.value(QStringLiteral("tags")).toArray().first().toString());
        item.insert(method, op);
        paths.insert(route.pattern, item);
    }

    QJsonArray tags;
    for (const auto family :
        {ApiFamily::Crm, ApiFamily::WebhookAdmin, ApiFamily::Communications, ApiFamily::Provider}) {
        if (tagsUsed.contains(familyTag(family)))
            tags.append(QJsonObject {{QStringLiteral("name"), familyTag(family)},
                {QStringLiteral("description"), familyDescription(family)}});
    }
    if (tagsUsed.contains(liveTag))
        tags.append(QJsonObject {{QStringLiteral("name"), liveTag},
            {QStringLiteral("description"),
                QStringLiteral("Live events from the durable event log: a WebSocket (/ws) and Server-Sent "
                               "Events streams. Any API key scope may follow them.")}});
    if (tagsUsed.contains(metaTag))
        tags.append(QJsonObject {{QStringLiteral("name"), metaTag},
            {QStringLiteral("description"),
                QStringLiteral(
                    "Health check and this documentation (the OpenAPI document and the /docs page).")}});

    QJsonObject schemas;
    for (const auto family :
        {ApiFamily::Crm, ApiFamily::WebhookAdmin, ApiFamily::Communications, ApiFamily::Provider})
        schemas.insert(errorSchemaName(family), errorSchema(family));

    const QJsonObject securitySchemes {
        {bearerScheme,
            QJsonObject {{QStringLiteral("type"), QStringLiteral("http")},
                {QStringLiteral("scheme"), QStringLiteral("bearer")},
                {QStringLiteral("description"),
                    QString(QStringLiteral(
                                "An API key as `Authorization: Bearer <key>` (Settings → API keys, POST "
                                "/api/keys, SWITCHBOARD_API_KEY (an admin key), or the admin key printed on "
                                "first run). ")
                        + scopesText)}}},
        {headerScheme,
            QJsonObject {{QStringLiteral("type"), QStringLiteral("apiKey")},
                {QStringLiteral("in"), QStringLiteral("header")},
                {QStringLiteral("name"), QStringLiteral("X-API-Key")},
                {QStringLiteral("description"),
                    QString(QStringLiteral("The same API key as `X-API-Key: <key>`. ") + scopesText)}}}};

    return QJsonObject {{QStringLiteral("openapi"), QStringLiteral("3.1.0")},
        {QStringLiteral("info"),
            QJsonObject {{QStringLiteral("title"), info.title}, {QStringLiteral("version"), info.version},
                {QStringLiteral("description"),
                    QStringLiteral(
                        "Every route of this Switchboard, generated from its route table. Provider callbacks "
                        "and CRM webhooks are authenticated by their signatures; admin routes need an API "
                        "key of a sufficient scope (read, write or admin; see the security schemes and each "
                        "operation's x-required-scope) and answer only locally unless the server runs with "
                        "--admin-remote.")},
                {QStringLiteral("license"),
                    QJsonObject {{QStringLiteral("name"), QStringLiteral("MIT")},
                        {QStringLiteral("identifier"), QStringLiteral("MIT")}}}}},
        {QStringLiteral("servers"),
            QJsonArray {QJsonObject {{QStringLiteral("url"), info.serverUrl},
                {QStringLiteral("description"), QStringLiteral("This Switchboard")}}}},
        {QStringLiteral("tags"), tags}, {QStringLiteral("paths"), paths},
        {QStringLiteral("components"),
            QJsonObject {
                {QStringLiteral("schemas"), schemas}, {QStringLiteral("securitySchemes"), securitySchemes}}}};
}

QStringList undocumentedRoutes(const Router &router)
{
    QStringList missing;
    for (const auto &route : router.routes()) {
        if (!route.doc)
            missing.append(QString::fromLatin1(route.method) + QLatin1Char(' ') + route.pattern);
    }
    return missing;
}

namespace routes {

void documentWebhook(Router &router, const QString &path, RouteDoc post)
{
    const QString tag = post.tag;
    const QString summary = post.summary;
    router.document("POST", path, std::move(post));
    RouteDoc health;
    health.summary = QStringLiteral("Health check of this webhook path");
    health.description
        = QStringLiteral("Answers GET so a provider console or a monitor can check that the path is "
                         "reachable (seed 003's convention). Accepts: ")
        + summary;
    health.tag = tag;
    health.responses = {jsonResponse(200, QStringLiteral("The path is served"),
        schema::object(
            {{QStringLiteral("status"), schema::constant(QStringLiteral("ok"))},
                {QStringLiteral("endpoint"), schema::string(QStringLiteral("This path"))},
                {QStringLiteral("handler"), schema::string(QStringLiteral("The handler behind it"))},
                {QStringLiteral("accepts"), schema::constant(QStringLiteral("POST"))}},
            {QStringLiteral("status"), QStringLiteral("endpoint"), QStringLiteral("handler"),
                QStringLiteral("accepts")}))};
    router.document("GET", path, std::move(health));
}

void addApiDocumentation(Router &router)
{
    const Router *documented = &router;
    Route openapi;
    openapi.method = "GET";
    openapi.pattern = QStringLiteral("/openapi.json");
    openapi.kind = RouteKind::Immediate;
    openapi.handlerName = QStringLiteral("openapi");
    openapi.immediate = [documented](const ApiRequest &) -> ApiResult {
        return ApiResponse::json(200, openApiDocument(*documented));
    };
    if (!router.add(std::move(openapi)))
        qFatal("route registered twice: GET /openapi.json");

    Route page;
    page.method = "GET";
    page.pattern = QStringLiteral("/docs");
    page.kind = RouteKind::Immediate;
    page.handlerName = QStringLiteral("docs");
    page.immediate = [](const ApiRequest &) -> ApiResult {
        QFile file(QStringLiteral(":/docs/index.html"));
        if (!file.open(QIODevice::ReadOnly))
            return ApiError {
                ErrorKind::Internal, QStringLiteral("the documentation page is missing from this build")};
        ApiResponse answer {200, "text/html; charset=utf-8", file.readAll(), {}};
        // The page runs only its own inline script and reads only this server.
        answer.headers.append(qMakePair(QByteArray("Content-Security-Policy"),
            QByteArray("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                       "connect-src 'self'; img-src 'self' data:")));
        return answer;
    };
    if (!router.add(std::move(page)))
        qFatal("route registered twice: GET /docs");

    RouteDoc health;
    health.summary = QStringLiteral("Health check");
    health.description = QStringLiteral("Answers while the server runs; names the version.");
    health.tag = metaTag;
    health.responses = {jsonResponse(200, QStringLiteral("Running"),
        schema::object(
            {{QStringLiteral("status"), schema::constant(QStringLiteral("ok"))},
                {QStringLiteral("version"), schema::string(QStringLiteral("Switchboard version"))}},
            {QStringLiteral("status"), QStringLiteral("version")}))};
    router.document("GET", QStringLiteral("/healthz"), std::move(health));

    RouteDoc spec;
    spec.summary = QStringLiteral("This OpenAPI document");
    spec.description = QStringLiteral(
        "OpenAPI 3.1, generated from the route table of the running server: every route with its parameters, "
        "bodies, answers and security.");
    spec.tag = metaTag;
    spec.responses = {jsonResponse(200, QStringLiteral("The OpenAPI document"),
        schema::object(
            {{QStringLiteral("openapi"), schema::string()}, {QStringLiteral("info"), schema::anyObject()},
                {QStringLiteral("paths"), schema::anyObject()}},
            {QStringLiteral("openapi"), QStringLiteral("info"), QStringLiteral("paths")}))};
    router.document("GET", QStringLiteral("/openapi.json"), std::move(spec));

    RouteDoc docs;
    docs.summary = QStringLiteral("Interactive API documentation");
    docs.description = QStringLiteral(
        "An HTML page served from the program itself that renders /openapi.json (no external assets) and "
        "can send requests with an API key.");
    docs.tag = metaTag;
    docs.responses = {ResponseDoc {200, QStringLiteral("The page"), schema::string(), "text/html"}};
    router.document("GET", QStringLiteral("/docs"), std::move(docs));
}

} // namespace routes
} // namespace sb
