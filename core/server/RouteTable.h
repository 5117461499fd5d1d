#pragma once

#include "Router.h"

namespace sb {

// Helpers that register a resource's routes in one call, so route families read as tables.
namespace routes {

// POST `path` handled as a webhook, plus GET `path` answering a small health JSON (seed 003's
// convention: every webhook path answers GET for health checks).
void addWebhook(Router &router, const QString &path, ApiFamily family, const QString &handlerName,
    bool rateLimited, WebhookHandler handler);

void addQuery(Router &router, const QByteArray &method, const QString &path, ApiFamily family,
    const QString &handlerName, SqlHandler handler);
void addCommand(Router &router, const QByteArray &method, const QString &path, ApiFamily family,
    const QString &handlerName, SqlHandler handler);

void addAsync(Router &router, const QByteArray &method, const QString &path, ApiFamily family,
    const QString &handlerName, AsyncHandler handler);

// GET /healthz
void addHealth(Router &router);

} // namespace routes
} // namespace sb
