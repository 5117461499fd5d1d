#include "DeliveryFanout.h"
#include "Dispatcher.h"
#include "OutboundRoutes.h"
#include "WebhookConfigCommands.h"
#include "domain/EventCatalog.h"
#include "http/JsonBody.h"
#include "server/RouteTable.h"
#include "storage/SqlWorker.h"
#include "storage/WebhookConfigRepository.h"

#include <QJsonArray>

namespace sb {

namespace {

std::optional<qint64> idArgument(const ApiRequest &request)
{
    bool ok = false;
    const auto id = request.pathArgs.value(0).toLongLong(&ok);
    return ok && id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

// The config CRUD shared by both APIs; `view` picks field names and envelopes.
struct ConfigApi
{
    WebhookConfig::View view;

    QString notFound() const
    {
        return view == WebhookConfig::View::WebhookAdmin ? QStringLiteral("Webhook configuration not found")
                                                         : QStringLiteral("Webhook not found");
    }

    ApiResponse wrap(int status, const QString &message, const QString &key, const QJsonValue &value) const
    {
        if (view == WebhookConfig::View::Communications)
            return value.isArray() ? ApiResponse::json(status, value.toArray())
                                   : ApiResponse::json(status, value.toObject());
        QJsonObject object {{QStringLiteral("success"), true}};
        if (!message.isEmpty())
            object.insert(QStringLiteral("message"), message);
        if (!key.isEmpty())
            object.insert(key, value);
        return ApiResponse::json(status, object);
    }

    ApiResult list(SqlContext &context, const ApiRequest &request) const
    {
        int skip = 0;
        int limit = -1;
        QString event;
        bool activeOnly = false;
        if (view == WebhookConfig::View::Communications) {
            bool ok = true;
            const auto skipText = request.query.queryItemValue(QStringLiteral("skip"));
            skip = skipText.isEmpty() ? 0 : skipText.toInt(&ok);
            if (!ok || skip < 0)
                return ApiError {
                    ErrorKind::BadRequest, QStringLiteral("skip must be a non-negative integer"), {}};
            const auto limitText = request.query.queryItemValue(QStringLiteral("limit"));
            limit = limitText.isEmpty() ? 100 : limitText.toInt(&ok);
            if (!ok || limit < 1 || limit > 1000)
                return ApiError {
                    ErrorKind::BadRequest, QStringLiteral("limit must be between 1 and 1000"), {}};
            event = request.query.queryItemValue(QStringLiteral("event"));
            const auto active = request.query.queryItemValue(QStringLiteral("active_only")).toLower();
            if (!active.isEmpty() && active != QLatin1String("true") && active != QLatin1String("false"))
                return ApiError {
                    ErrorKind::BadRequest, QStringLiteral("active_only must be true or false"), {}};
            activeOnly = active == QLatin1String("true");
        }
        QJsonArray items;
        for (const auto &config : WebhookConfigRepository::list(context, event, activeOnly, skip, limit))
            items.append(config.toJson(view, WebhookConfig::Secret::Masked));
        return wrap(200, {}, QStringLiteral("webhooks"), items);
    }

    ApiResult get(SqlContext &context, const ApiRequest &request) const
    {
        const auto id = idArgument(request);
        const auto config = id ? WebhookConfigRepository::find(context, *id) : std::nullopt;
        if (!config)
            return ApiError {ErrorKind::NotFound, notFound(), {}};
        return wrap(200, {}, QStringLiteral("webhook"), config->toJson(view, WebhookConfig::Secret::Masked));
    }

    ApiResult create(SqlContext &context, const ApiRequest &request) const
    {
        const auto parsed = JsonBody::object(request.body, JsonBody::Empty::AsEmptyObject);
        if (const auto *error = std::get_if<ApiError>(&parsed))
            return *error;
        const auto *body = std::get_if<QJsonObject>(&parsed);
        auto written = WebhookConfigCommands::create(context, *body);
        if (auto *failure = std::get_if<ApiError>(&written))
            return *failure;
        // The secret is shown in full this once.
        return wrap(201, QStringLiteral("Webhook configuration created successfully"),
            QStringLiteral("webhook"),
            std::get<ConfigWrite>(written).config.toJson(view, WebhookConfig::Secret::Reveal));
    }

    ApiResult update(SqlContext &context, const ApiRequest &request) const
    {
        const auto id = idArgument(request);
        if (!id)
            return ApiError {ErrorKind::NotFound, notFound(), {}};
        const auto parsed = JsonBody::object(request.body, JsonBody::Empty::AsEmptyObject);
        if (const auto *error = std::get_if<ApiError>(&parsed))
            return *error;
        const auto *body = std::get_if<QJsonObject>(&parsed);
        auto written = WebhookConfigCommands::update(context, *id, *body, notFound());
        if (auto *failure = std::get_if<ApiError>(&written))
            return *failure;
        const auto &write = std::get<ConfigWrite>(written);
        return wrap(200, QStringLiteral("Webhook configuration updated successfully"),
            QStringLiteral("webhook"),
            write.config.toJson(
                view, write.secretChanged ? WebhookConfig::Secret::Reveal : WebhookConfig::Secret::Masked));
    }

    ApiResult remove(SqlContext &context, const ApiRequest &request) const
    {
        const auto id = idArgument(request);
        if (!id || !WebhookConfigCommands::remove(context, *id))
            return ApiError {ErrorKind::NotFound, notFound(), {}};
        if (view == WebhookConfig::View::Communications)
            return ApiResponse::json(
                200, QJsonObject {{QStringLiteral("id"), *id}, {QStringLiteral("deleted"), true}});
        return wrap(200, QStringLiteral("Webhook configuration deleted successfully"), {}, {});
    }
};

AsyncHandler testHandler(Dispatcher *dispatcher, WebhookConfig::View view)
{
    return [dispatcher, view](
               const ApiRequest &request, QObject *context, std::function<void(const ApiResult &)> done) {
        const auto id = idArgument(request);
        if (!id) {
            done(ApiError {ErrorKind::NotFound, QStringLiteral("Webhook configuration not found"), {}});
            return;
        }
        const auto parsed = JsonBody::object(request.body, JsonBody::Empty::AsEmptyObject);
        if (const auto *error = std::get_if<ApiError>(&parsed)) {
            done(*error);
            return;
        }
        const auto *body = std::get_if<QJsonObject>(&parsed);
        auto eventType = body->value(QStringLiteral("eventType"))
                             .toString(body->value(QStringLiteral("event")).toString());
        if (eventType.isEmpty() && view == WebhookConfig::View::WebhookAdmin) {
            done(ApiError {ErrorKind::BadRequest,
                QStringLiteral("eventType is required and must be one of the configuration's event types"),
                {}});
            return;
        }
        auto payload = body->value(QStringLiteral("testPayload")).toObject();
        payload.insert(QStringLiteral("test"), true);
        dispatcher->sendTest(*id, eventType, payload, context, std::move(done));
    };
}

} // namespace

void registerConfigRoutes(Router &router, OutboundDependencies dependencies)
{
    const ConfigApi api {WebhookConfig::View::WebhookAdmin};
    const auto base = QStringLiteral("/api/webhooks/config");
    const auto family = ApiFamily::WebhookAdmin;
    routes::addQuery(router, "GET", base, family, QStringLiteral("config.list"),
        [api](SqlContext &c, const ApiRequest &r) { return api.list(c, r); });
    routes::addCommand(router, "POST", base, family, QStringLiteral("config.create"),
        [api](SqlContext &c, const ApiRequest &r) { return api.create(c, r); });
    routes::addQuery(router, "GET", base + QStringLiteral("/{id}"), family, QStringLiteral("config.get"),
        [api](SqlContext &c, const ApiRequest &r) { return api.get(c, r); });
    routes::addCommand(router, "PUT", base + QStringLiteral("/{id}"), family, QStringLiteral("config.update"),
        [api](SqlContext &c, const ApiRequest &r) { return api.update(c, r); });
    routes::addCommand(router, "DELETE", base + QStringLiteral("/{id}"), family,
        QStringLiteral("config.delete"),
        [api](SqlContext &c, const ApiRequest &r) { return api.remove(c, r); });
    routes::addAsync(router, "POST", base + QStringLiteral("/{id}/test"), family,
        QStringLiteral("config.test"),
        testHandler(&dependencies.dispatcher, WebhookConfig::View::WebhookAdmin));
    routes::addQuery(router, "GET", QStringLiteral("/api/webhooks/event-types"), family,
        QStringLiteral("event-types"), [](SqlContext &, const ApiRequest &) -> ApiResult {
            return ApiResponse::json(200,
                QJsonObject {{QStringLiteral("success"), true},
                    {QStringLiteral("eventTypes"), EventCatalog::toJson()}});
        });
}

void registerCommunicationsRoutes(Router &router, OutboundDependencies dependencies)
{
    const ConfigApi api {WebhookConfig::View::Communications};
    const auto base = QStringLiteral("/api/communications/webhooks");
    const auto family = ApiFamily::Communications;
    routes::addQuery(router, "GET", base, family, QStringLiteral("communications.list"),
        [api](SqlContext &c, const ApiRequest &r) { return api.list(c, r); });
    routes::addCommand(router, "POST", base, family, QStringLiteral("communications.create"),
        [api](SqlContext &c, const ApiRequest &r) { return api.create(c, r); });
    routes::addQuery(router, "GET", base + QStringLiteral("/{id}"), family,
        QStringLiteral("communications.get"),
        [api](SqlContext &c, const ApiRequest &r) { return api.get(c, r); });
    routes::addCommand(router, "PUT", base + QStringLiteral("/{id}"), family,
        QStringLiteral("communications.update"),
        [api](SqlContext &c, const ApiRequest &r) { return api.update(c, r); });
    routes::addCommand(router, "DELETE", base + QStringLiteral("/{id}"), family,
        QStringLiteral("communications.delete"),
        [api](SqlContext &c, const ApiRequest &r) { return api.remove(c, r); });
    routes::addAsync(router, "POST", base + QStringLiteral("/{id}/test"), family,
        QStringLiteral("communications.test"),
        [dispatcher = &dependencies.dispatcher](
            const ApiRequest &request, QObject *context, std::function<void(const ApiResult &)> done) {
            // Seed 004's test takes no body: the config's first event type is used.
            const auto parsed = JsonBody::object(request.body, JsonBody::Empty::AsEmptyObject);
            if (const auto *error = std::get_if<ApiError>(&parsed)) {
                done(*error);
                return;
            }
            const auto eventType = std::get<QJsonObject>(parsed).value(QStringLiteral("event")).toString();
            if (!eventType.isEmpty()) {
                testHandler(dispatcher, WebhookConfig::View::Communications)(
                    request, context, std::move(done));
                return;
            }
            bool ok = false;
            const auto id = request.pathArgs.value(0).toLongLong(&ok);
            dispatcher->sendTest(ok ? id : 0, QString(), QJsonObject {{QStringLiteral("test"), true}},
                context, std::move(done));
        });
}

} // namespace sb
