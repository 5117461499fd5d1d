#pragma once

#include "RouteDoc.h"
#include "http/HttpTypes.h"

#include <QHash>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace sb {

class SqlContext;
struct Ingest;

// How a route's handler runs (see HttpService for the threads):
//   Immediate — on the server thread, nothing stored (health checks).
//   Webhook   — parse + verify on the server thread, then apply + record in the writer's group commit.
//   Query     — on the reader thread (admin reads).
//   Command   — on the writer thread, not recorded as an inbound request (admin changes).
//   Async     — started on the server thread, answers later through a callback (e.g. a test delivery).
enum class RouteKind
{
    Immediate,
    Webhook,
    Query,
    Command,
    Async
};

using ImmediateHandler = std::function<ApiResult(const ApiRequest &)>;
using WebhookHandler = std::function<Ingest(const ApiRequest &)>;
using SqlHandler = std::function<ApiResult(SqlContext &, const ApiRequest &)>;
// `context` is an object of the server thread; `done` may be called from any thread through it.
using AsyncHandler
    = std::function<void(const ApiRequest &, QObject *context, std::function<void(const ApiResult &)> done)>;

struct Route
{
    QByteArray method;
    QString pattern; // literal segments and {placeholders}, e.g. /api/v1/webhooks/logs/{id}
    ApiFamily family = ApiFamily::Provider;
    RouteKind kind = RouteKind::Immediate;
    bool admin = false; // needs an API key, refused through the tunnel
    bool rateLimited = false; // per-client-IP limit applies (DESIGN.md: CRM, test webhook, admin)
    QString handlerName; // recorded with each request
    ImmediateHandler immediate;
    WebhookHandler webhook;
    SqlHandler sql;
    AsyncHandler async;
    // What the OpenAPI document says about the route (Router::document); null = undocumented.
    std::shared_ptr<const RouteDoc> doc;
};

struct RouteMatch
{
    enum class Outcome
    {
        Found,
        NotFound,
        MethodNotAllowed
    } outcome
        = Outcome::NotFound;
    const Route *route = nullptr;
    QStringList args;
    QByteArrayList allowedMethods;
};

class Router
{
public:
    // Returns false (and registers nothing) for a duplicate method+pattern.
    bool add(Route route);
    RouteMatch match(QByteArrayView method, QStringView path) const;
    const std::vector<Route> &routes() const { return m_routes; }
    // Every route whose pattern matches `path`, whatever its method.
    std::vector<const Route *> routesAt(QStringView path) const;
    // Attaches the documentation of method+pattern. False (and noted in orphanDocs()) when no such
    // route is registered: a table that documents a route that is gone is drift too.
    bool document(const QByteArray &method, const QString &pattern, RouteDoc doc);
    const QStringList &orphanDocs() const { return m_orphanDocs; }

private:
    struct Compiled
    {
        QStringList segments; // empty string = placeholder
        size_t index;
    };
    static bool matchSegments(const QStringList &pattern, const QList<QStringView> &path, QStringList *args);

    std::vector<Route> m_routes;
    QHash<QString, std::vector<size_t>> m_literal; // exact path -> routes
    std::vector<Compiled> m_patterns;
    QStringList m_orphanDocs;
};

// The envelope family a path belongs to, for answers that have no route (404/405/413/429).
ApiFamily familyForPath(QStringView path);

} // namespace sb
