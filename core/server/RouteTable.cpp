#include "RouteTable.h"

#include <QDateTime>

namespace sb::routes {

namespace {

void addOrWarn(Router &router, Route route)
{
    const QString description = QString::fromLatin1(route.method) + QLatin1Char(' ') + route.pattern;
    if (!router.add(std::move(route)))
        qFatal("route registered twice: %s", qPrintable(description));
}

} // namespace

void addWebhook(Router &router, const QString &path, ApiFamily family, const QString &handlerName,
    bool rateLimited, WebhookHandler handler)
{
    Route post;
    post.method = "POST";
    post.pattern = path;
    post.family = family;
    post.kind = RouteKind::Webhook;
    post.rateLimited = rateLimited;
    post.handlerName = handlerName;
    post.webhook = std::move(handler);
    addOrWarn(router, std::move(post));

    Route health;
    health.method = "GET";
    health.pattern = path;
    health.family = family;
    health.kind = RouteKind::Immediate;
    health.handlerName = handlerName + QStringLiteral(".health");
    health.immediate = [handlerName, path](const ApiRequest &) -> ApiResult {
        return ApiResponse::json(200,
            QJsonObject {{QStringLiteral("status"), QStringLiteral("ok")}, {QStringLiteral("endpoint"), path},
                {QStringLiteral("handler"), handlerName},
                {QStringLiteral("accepts"), QStringLiteral("POST")}});
    };
    addOrWarn(router, std::move(health));
}

static void addSql(Router &router, const QByteArray &method, const QString &path, ApiFamily family,
    const QString &handlerName, RouteKind kind, SqlHandler handler)
{
    Route route;
    route.method = method;
    route.pattern = path;
    route.family = family;
    route.kind = kind;
    route.admin = true;
    route.rateLimited = true;
    route.handlerName = handlerName;
    route.sql = std::move(handler);
    addOrWarn(router, std::move(route));
}

void addQuery(Router &router, const QByteArray &method, const QString &path, ApiFamily family,
    const QString &handlerName, SqlHandler handler)
{
    addSql(router, method, path, family, handlerName, RouteKind::Query, std::move(handler));
}

void addCommand(Router &router, const QByteArray &method, const QString &path, ApiFamily family,
    const QString &handlerName, SqlHandler handler)
{
    addSql(router, method, path, family, handlerName, RouteKind::Command, std::move(handler));
}

void addAsync(Router &router, const QByteArray &method, const QString &path, ApiFamily family,
    const QString &handlerName, AsyncHandler handler)
{
    Route route;
    route.method = method;
    route.pattern = path;
    route.family = family;
    route.kind = RouteKind::Async;
    route.admin = true;
    route.rateLimited = true;
    route.handlerName = handlerName;
    route.async = std::move(handler);
    addOrWarn(router, std::move(route));
}

void addHealth(Router &router)
{
    Route route;
    route.method = "GET";
    route.pattern = QStringLiteral("/healthz");
    route.kind = RouteKind::Immediate;
    route.handlerName = QStringLiteral("health");
    route.immediate = [](const ApiRequest &) -> ApiResult {
        return ApiResponse::json(200,
            QJsonObject {{QStringLiteral("status"), QStringLiteral("ok")},
                {QStringLiteral("version"), QStringLiteral(SWITCHBOARD_VERSION)}});
    };
    addOrWarn(router, std::move(route));
}

} // namespace sb::routes
