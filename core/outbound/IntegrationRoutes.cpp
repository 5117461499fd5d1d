#include "IntegrationRoutes.h"

#include "domain/DomainEvent.h"
#include "domain/EventCatalog.h"
#include "domain/IsoTime.h"
#include "domain/RecordId.h"
#include "http/JsonBody.h"
#include "security/ApiKeys.h"
#include "server/RouteTable.h"
#include "storage/ApiKeyRepository.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace sb {

namespace {

constexpr int maxNameLength = 100;
constexpr int maxIdempotencyKeyLength = 200;

ApiError badRequest(const QString &message)
{
    return ApiError {ErrorKind::BadRequest, message, {}};
}

ApiResponse answer(int status, const QString &message, const QString &key, const QJsonValue &value)
{
    QJsonObject object {{QStringLiteral("success"), true}};
    if (!message.isEmpty())
        object.insert(QStringLiteral("message"), message);
    object.insert(key, value);
    return ApiResponse::json(status, object);
}

QJsonValue timeOrNull(qint64 ms)
{
    return ms > 0 ? QJsonValue(isoTime(ms)) : QJsonValue(QJsonValue::Null);
}

QJsonObject keyJson(const StoredApiKey &key)
{
    return {{QStringLiteral("id"), key.id}, {QStringLiteral("name"), key.name},
        {QStringLiteral("prefix"), key.prefix}, {QStringLiteral("scope"), apiScopeName(key.scope)},
        {QStringLiteral("active"), key.revokedAtMs == 0},
        {QStringLiteral("createdAt"), isoTime(key.createdAtMs)},
        {QStringLiteral("revokedAt"), timeOrNull(key.revokedAtMs)},
        {QStringLiteral("lastUsedAt"), timeOrNull(key.lastUsedAtMs)},
        {QStringLiteral("lastUsedClient"),
            key.lastUsedClient.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(key.lastUsedClient)}};
}

ApiResult listKeys(SqlContext &context, const ApiRequest &)
{
    QJsonArray items;
    for (const auto &key : ApiKeyRepository::list(context))
        items.append(keyJson(key));
    return answer(200, {}, QStringLiteral("keys"), items);
}

ApiResult createKey(SqlContext &context, const ApiRequest &request, ApiKeyRegistry &keys)
{
    auto parsed = JsonBody::object(request.body);
    if (const auto *error = std::get_if<ApiError>(&parsed))
        return *error;
    const auto body = std::get<QJsonObject>(parsed);
    const auto nameValue = body.value(QStringLiteral("name"));
    const auto name = nameValue.toString().trimmed();
    if (!nameValue.isString() || name.isEmpty())
        return badRequest(QStringLiteral("name is required: a non-empty string saying what the key is for"));
    if (name.size() > maxNameLength)
        return badRequest(QStringLiteral("name is longer than %1 characters").arg(maxNameLength));
    const auto scopeValue = body.value(QStringLiteral("scope"));
    const auto scope = apiScopeFromName(scopeValue.toString());
    if (!scopeValue.isString() || !scope)
        return badRequest(QStringLiteral("scope is required: one of read, write, admin"));
    const auto created = ApiKeyRepository::create(context, keys, name, *scope);
    auto json = keyJson(ApiKeyRepository::find(context, created.id).value_or(StoredApiKey {}));
    json.insert(QStringLiteral("key"), created.key);
    return answer(
        201, QStringLiteral("Store the key now: it is shown only this once"), QStringLiteral("key"), json);
}

ApiResult revokeKey(SqlContext &context, const ApiRequest &request, ApiKeyRegistry &keys)
{
    const auto id = request.pathArgs.value(0);
    if (!ApiKeyRepository::find(context, id))
        return ApiError {ErrorKind::NotFound, QStringLiteral("API key not found"), {}};
    const bool revoked = ApiKeyRepository::revoke(context, keys, id);
    const auto key = ApiKeyRepository::find(context, id).value_or(StoredApiKey {});
    return answer(200,
        revoked ? QStringLiteral("API key revoked") : QStringLiteral("API key was already revoked"),
        QStringLiteral("key"), keyJson(key));
}

// One row of api_events as the answer shows it.
QJsonObject eventJson(const QString &id, const QString &type, const QJsonObject &payload,
    const QString &idempotencyKey, qint64 createdAtMs, int deliveries)
{
    QJsonObject event {{QStringLiteral("id"), id}, {QStringLiteral("eventType"), type},
        {QStringLiteral("payload"), payload}, {QStringLiteral("createdAt"), isoTime(createdAtMs)},
        {QStringLiteral("deliveries"), deliveries}};
    event.insert(QStringLiteral("idempotencyKey"),
        idempotencyKey.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(idempotencyKey));
    return event;
}

ApiResult raiseEvent(SqlContext &context, const ApiRequest &request, const ApiKeyRegistry &keys)
{
    auto parsed = JsonBody::object(request.body);
    if (const auto *error = std::get_if<ApiError>(&parsed))
        return *error;
    const auto body = std::get<QJsonObject>(parsed);
    const auto typeValue = body.value(QStringLiteral("eventType"));
    const auto type = typeValue.toString();
    if (!typeValue.isString() || type.isEmpty())
        return badRequest(QStringLiteral("eventType is required: a catalog event type (GET "
                                         "/api/webhooks/event-types lists them)"));
    if (!EventCatalog::contains(type))
        return badRequest(
            QStringLiteral("eventType is not a catalog event type; GET /api/webhooks/event-types "
                           "lists them"));
    const auto payloadValue = body.value(QStringLiteral("payload"));
    if (!payloadValue.isObject())
        return badRequest(QStringLiteral("payload is required and must be a JSON object"));
    const auto payload = payloadValue.toObject();
    const auto keyValue = body.value(QStringLiteral("idempotencyKey"));
    QString idempotencyKey;
    if (!keyValue.isUndefined() && !keyValue.isNull()) {
        idempotencyKey = keyValue.toString();
        if (!keyValue.isString() || idempotencyKey.isEmpty()
            || idempotencyKey.size() > maxIdempotencyKeyLength)
            return badRequest(
                QStringLiteral("idempotencyKey must be a non-empty string of at most %1 characters")
                    .arg(maxIdempotencyKeyLength));
    }

    if (!idempotencyKey.isEmpty()) {
        auto &first
            = context.run(QStringLiteral("SELECT id, event_type, payload, created_at, deliveries FROM "
                                         "api_events WHERE idempotency_key = ?"),
                {idempotencyKey});
        if (first.next()) {
            const auto event = eventJson(first.value(0).toString(), first.value(1).toString(),
                QJsonDocument::fromJson(first.value(2).toByteArray()).object(), idempotencyKey,
                first.value(3).toLongLong(), first.value(4).toInt());
            first.finish();
            return answer(200,
                QStringLiteral("An event with this idempotencyKey was already raised; nothing new "
                               "was delivered"),
                QStringLiteral("event"), event);
        }
        first.finish();
    }

    const auto now = context.nowMs();
    const auto id = newRecordId(u"evt_", now);
    // Raised like any domain event: the fan-out creates one delivery per subscribed configuration
    // in this transaction and the dispatcher is woken after the commit.
    context.publish(DomainEvent {id, type, now, QStringLiteral("api"), payload, {}});
    auto &count = context.run(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE event_id = ?"), {id});
    const int deliveries = count.next() ? count.value(0).toInt() : 0;
    count.finish();
    const auto presented
        = ApiKeyRegistry::presentedKey(request.header("Authorization"), request.header("X-API-Key"));
    const auto identity = keys.identify(presented);
    context.write(QStringLiteral("INSERT INTO api_events(id, event_type, payload, idempotency_key, key_id, "
                                 "deliveries, created_at) VALUES(?,?,?,?,?,?,?)"),
        {id, type, QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)),
            idempotencyKey.isEmpty() ? QVariant() : QVariant(idempotencyKey),
            identity && !identity->id.isEmpty() ? QVariant(identity->id) : QVariant(), deliveries, now});
    return answer(202, QStringLiteral("Event raised"), QStringLiteral("event"),
        eventJson(id, type, payload, idempotencyKey, now, deliveries));
}

} // namespace

void registerIntegrationRoutes(Router &router, ApiKeyRegistry &keys)
{
    const auto family = ApiFamily::WebhookAdmin;
    routes::addQuery(
        router, "GET", QStringLiteral("/api/keys"), family, QStringLiteral("keys.list"), listKeys);
    routes::addCommand(router, "POST", QStringLiteral("/api/keys"), family, QStringLiteral("keys.create"),
        [&keys](
            SqlContext &context, const ApiRequest &request) { return createKey(context, request, keys); });
    routes::addCommand(router, "DELETE", QStringLiteral("/api/keys/{id}"), family,
        QStringLiteral("keys.revoke"), [&keys](SqlContext &context, const ApiRequest &request) {
            return revokeKey(context, request, keys);
        });
    routes::addCommand(router, "POST", QStringLiteral("/api/events"), family, QStringLiteral("events.raise"),
        [&keys](
            SqlContext &context, const ApiRequest &request) { return raiseEvent(context, request, keys); });
}

} // namespace sb
