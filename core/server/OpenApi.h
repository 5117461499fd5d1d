#pragma once

#include "Router.h"

#include <QJsonObject>

namespace sb {

struct OpenApiInfo
{
    QString title = QStringLiteral("Switchboard API");
    QString version = QStringLiteral(SWITCHBOARD_VERSION);
    QString serverUrl = QStringLiteral("/");
};

// The OpenAPI 3.1 document of every route of `router`, built from the routes themselves: method,
// path and {placeholders}, the API-key security of admin routes, one tag per route family, the
// handler name as operationId, and each route's RouteDoc (parameters, bodies, responses, the
// family's error envelope). Computed per request, so it always matches the running router.
QJsonObject openApiDocument(const Router &router, const OpenApiInfo &info = {});

// "METHOD /pattern" of each route without documentation. Empty in a correct build (tested).
QStringList undocumentedRoutes(const Router &router);

// The OpenAPI tag of a route family (seed documents: 001 webhook admin, 002 CRM, 004 communications,
// provider callbacks).
QString familyTag(ApiFamily family);

namespace routes {

// Documents a webhook route pair of addWebhook(): POST with `post`, the GET health check with the
// shared health answer.
void documentWebhook(Router &router, const QString &path, RouteDoc post);

// GET /openapi.json (the document above, computed from `router` per request) and GET /docs (the
// offline documentation page from the program's resources), both documented; documents /healthz.
void addApiDocumentation(Router &router);

} // namespace routes
} // namespace sb
