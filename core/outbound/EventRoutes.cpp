#include "OutboundRoutes.h"

#include "http/JsonBody.h"
#include "storage/DeliveryRepository.h"
#include "storage/WebhookConfigRepository.h"
#include "server/RouteTable.h"
#include "storage/SqlWorker.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSqlRecord>

namespace sb {

namespace {

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonValue payloadJson(const QByteArray &body)
{
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && document.isObject())
        return document.object();
    return QString::fromUtf8(body);
}

// Both kinds of record as one history (DESIGN.md, "Records and their APIs").
const QString unionSql = QStringLiteral(
    "SELECT id, 'inbound' AS direction, provider AS source, event_type, status, NULL AS config_id, 1 AS attempts, "
    "body AS payload, response_status AS last_status, received_at AS created_at, received_at AS updated_at "
    "FROM inbound_requests "
    "UNION ALL SELECT id, 'outbound', source, event_type, status, config_id, attempts, payload, last_status, "
    "created_at, updated_at FROM deliveries");

QJsonObject eventJson(const QSqlRecord &row)
{
    const bool outbound = row.value(QStringLiteral("direction")).toString() == QLatin1String("outbound");
    QJsonObject object{{QStringLiteral("id"), row.value(QStringLiteral("id")).toString()},
                       {QStringLiteral("direction"), row.value(QStringLiteral("direction")).toString()},
                       {QStringLiteral("source"), row.value(QStringLiteral("source")).toString()},
                       {QStringLiteral("eventType"), row.value(QStringLiteral("event_type")).toString()},
                       {QStringLiteral("status"), row.value(QStringLiteral("status")).toString()},
                       {QStringLiteral("payload"), payloadJson(row.value(QStringLiteral("payload")).toByteArray())},
                       {QStringLiteral("createdAt"), isoTime(row.value(QStringLiteral("created_at")).toLongLong())},
                       {QStringLiteral("updatedAt"), isoTime(row.value(QStringLiteral("updated_at")).toLongLong())}};
    if (outbound) {
        object.insert(QStringLiteral("webhookConfigId"), row.value(QStringLiteral("config_id")).toLongLong());
        object.insert(QStringLiteral("attempts"), row.value(QStringLiteral("attempts")).toInt());
    }
    return object;
}

bool parseDate(const QString &text, qint64 *ms)
{
    auto date = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!date.isValid())
        date = QDateTime::fromString(text, Qt::ISODate);
    if (!date.isValid())
        return false;
    *ms = date.toMSecsSinceEpoch();
    return true;
}

// Builds WHERE clause and values from seed 001's filters; false + message on bad input.
bool eventFilter(const QUrlQuery &query, QString *where, QVariantList *values, QString *error)
{
    QStringList clauses;
    const auto direction = query.queryItemValue(QStringLiteral("direction"));
    if (!direction.isEmpty()) {
        if (direction != QLatin1String("inbound") && direction != QLatin1String("outbound")) {
            *error = QStringLiteral("direction must be 'inbound' or 'outbound'");
            return false;
        }
        clauses.append(QStringLiteral("direction = ?"));
        values->append(direction);
    }
    for (const auto &[parameter, column] : {std::pair{QStringLiteral("source"), QStringLiteral("source")},
                                            std::pair{QStringLiteral("eventType"), QStringLiteral("event_type")},
                                            std::pair{QStringLiteral("status"), QStringLiteral("status")}}) {
        const auto value = query.queryItemValue(parameter);
        if (!value.isEmpty()) {
            clauses.append(column + QStringLiteral(" = ?"));
            values->append(value);
        }
    }
    const auto configId = query.queryItemValue(QStringLiteral("webhookConfigId"));
    if (!configId.isEmpty()) {
        clauses.append(QStringLiteral("config_id = ?"));
        values->append(configId.toLongLong());
    }
    for (const auto &[parameter, op] : {std::pair{QStringLiteral("fromDate"), QStringLiteral(">=")},
                                        std::pair{QStringLiteral("toDate"), QStringLiteral("<=")}}) {
        const auto text = query.queryItemValue(parameter);
        if (text.isEmpty())
            continue;
        qint64 ms = 0;
        if (!parseDate(text, &ms)) {
            *error = QStringLiteral("%1 must be an ISO 8601 date, got '%2'").arg(parameter, text);
            return false;
        }
        clauses.append(QStringLiteral("created_at ") + op + QStringLiteral(" ?"));
        values->append(ms);
    }
    *where = clauses.isEmpty() ? QString() : QStringLiteral(" WHERE ") + clauses.join(QStringLiteral(" AND "));
    return true;
}

ApiResult listEvents(SqlContext &context, const ApiRequest &request)
{
    bool ok = true;
    const auto pageText = request.query.queryItemValue(QStringLiteral("page"));
    const int page = pageText.isEmpty() ? 1 : pageText.toInt(&ok);
    if (!ok || page < 1)
        return ApiError{ErrorKind::BadRequest, QStringLiteral("page must be a positive integer"), {}};
    const auto limitText = request.query.queryItemValue(QStringLiteral("limit"));
    const int limit = limitText.isEmpty() ? 20 : limitText.toInt(&ok);
    if (!ok || limit < 1 || limit > 500)
        return ApiError{ErrorKind::BadRequest, QStringLiteral("limit must be between 1 and 500"), {}};
    QString where, error;
    QVariantList values;
    if (!eventFilter(request.query, &where, &values, &error))
        return ApiError{ErrorKind::BadRequest, error, {}};
    const QString from = QStringLiteral("FROM (") + unionSql + QStringLiteral(")") + where;
    auto &count = context.run(QStringLiteral("SELECT COUNT(*) ") + from, values);
    const qint64 total = count.next() ? count.value(0).toLongLong() : 0;
    count.finish();
    auto pageValues = values;
    pageValues << limit << qint64(page - 1) * limit;
    auto &rows = context.run(QStringLiteral("SELECT * ") + from + QStringLiteral(" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?"),
                             pageValues);
    QJsonArray events;
    while (rows.next())
        events.append(eventJson(rows.record()));
    rows.finish();
    return ApiResponse::json(200, QJsonObject{{QStringLiteral("success"), true},
                                              {QStringLiteral("count"), events.size()},
                                              {QStringLiteral("total"), total},
                                              {QStringLiteral("page"), page},
                                              {QStringLiteral("pages"), (total + limit - 1) / limit},
                                              {QStringLiteral("events"), events}});
}

QJsonObject responseData(const QList<DeliveryAttempt> &attempts)
{
    if (attempts.isEmpty())
        return {};
    const auto &last = attempts.last();
    QJsonObject headers;
    for (const auto &[name, value] : last.responseHeaders)
        headers.insert(QString::fromLatin1(name).toLower(), QString::fromUtf8(value));
    QJsonObject data{{QStringLiteral("statusCode"), last.responseStatus == 0 ? QJsonValue() : QJsonValue(last.responseStatus)},
                     {QStringLiteral("body"), QString::fromUtf8(last.responseBody)},
                     {QStringLiteral("bodyTruncated"), last.responseTruncated},
                     {QStringLiteral("headers"), headers},
                     {QStringLiteral("timing"), last.latencyMs}};
    if (!last.error.isEmpty())
        data.insert(QStringLiteral("error"), last.error);
    return data;
}

ApiResult getEvent(SqlContext &context, const ApiRequest &request)
{
    auto &rows = context.run(QStringLiteral("SELECT * FROM (") + unionSql + QStringLiteral(") WHERE id = ?"),
                             {request.pathArgs.value(0)});
    if (!rows.next())
        return ApiError{ErrorKind::NotFound, QStringLiteral("Webhook event not found"), {}};
    auto event = eventJson(rows.record());
    rows.finish();
    QJsonObject answer{{QStringLiteral("success"), true}};
    if (event.value(QStringLiteral("direction")).toString() == QLatin1String("outbound")) {
        const auto attempts = DeliveryRepository::attempts(context, event.value(QStringLiteral("id")).toString());
        QJsonArray list;
        for (const auto &attempt : attempts)
            list.append(DeliveryRepository::attemptJson(attempt));
        event.insert(QStringLiteral("attemptsDetail"), list);
        event.insert(QStringLiteral("responseData"), responseData(attempts));
        const auto config = WebhookConfigRepository::find(context, event.value(QStringLiteral("webhookConfigId")).toInteger());
        answer.insert(QStringLiteral("webhookConfig"),
                      config ? QJsonValue(QJsonObject{{QStringLiteral("id"), config->id},
                                                      {QStringLiteral("name"), config->name},
                                                      {QStringLiteral("url"), config->url},
                                                      {QStringLiteral("status"), config->status}})
                             : QJsonValue());
    }
    answer.insert(QStringLiteral("event"), event);
    return ApiResponse::json(200, answer);
}

ApiResult retryEvent(SqlContext &context, const ApiRequest &request)
{
    const auto id = request.pathArgs.value(0);
    auto delivery = DeliveryRepository::find(context, id);
    if (!delivery) {
        auto &inbound = context.run(QStringLiteral("SELECT 1 FROM inbound_requests WHERE id = ?"), {id});
        const bool isInbound = inbound.next();
        inbound.finish();
        return isInbound ? ApiError{ErrorKind::BadRequest, QStringLiteral("only outbound events can be retried; inbound requests are replayed from the console"), {}}
                         : ApiError{ErrorKind::NotFound, QStringLiteral("Webhook event not found"), {}};
    }
    if (delivery->status == QLatin1String("delivered") && request.query.queryItemValue(QStringLiteral("force")) != QLatin1String("true"))
        return ApiError{ErrorKind::Conflict, QStringLiteral("the event was already delivered; add ?force=true to send it again"), {}};
    DeliveryRepository::retry(context, {id});
    delivery = DeliveryRepository::find(context, id);
    return ApiResponse::json(200, QJsonObject{{QStringLiteral("success"), true},
                                              {QStringLiteral("message"), QStringLiteral("Webhook delivery retry queued")},
                                              {QStringLiteral("event"),
                                               QJsonObject{{QStringLiteral("id"), delivery->id},
                                                           {QStringLiteral("status"), delivery->status},
                                                           {QStringLiteral("attempts"), delivery->attempts},
                                                           {QStringLiteral("webhookConfigId"), delivery->configId},
                                                           {QStringLiteral("eventType"), delivery->eventType},
                                                           {QStringLiteral("updatedAt"), isoTime(delivery->updatedAt)}}}});
}

// Re-queues every failed outbound event that matches the filters of GET /api/webhooks/events.
ApiResult retryMatching(SqlContext &context, const ApiRequest &request)
{
    QUrlQuery filters = request.query;
    // A body that is not a JSON object is refused: read as "no filters" it would retry everything.
    const auto parsed = JsonBody::object(request.body, JsonBody::Empty::AsEmptyObject);
    if (const auto *error = std::get_if<ApiError>(&parsed))
        return *error;
    const auto &body = std::get<QJsonObject>(parsed);
    for (auto it = body.begin(); it != body.end(); ++it)
        filters.addQueryItem(it.key(), it.value().isDouble() ? QString::number(it.value().toInteger()) : it.value().toString());
    filters.removeAllQueryItems(QStringLiteral("direction"));
    filters.addQueryItem(QStringLiteral("direction"), QStringLiteral("outbound"));
    if (filters.queryItemValue(QStringLiteral("status")).isEmpty())
        filters.addQueryItem(QStringLiteral("status"), QStringLiteral("failed"));
    QString where, error;
    QVariantList values;
    if (!eventFilter(filters, &where, &values, &error))
        return ApiError{ErrorKind::BadRequest, error, {}};
    auto &rows = context.run(QStringLiteral("SELECT id FROM (") + unionSql + QStringLiteral(")") + where, values);
    QStringList ids;
    while (rows.next())
        ids.append(rows.value(0).toString());
    rows.finish();
    DeliveryRepository::retry(context, ids);
    return ApiResponse::json(200, QJsonObject{{QStringLiteral("success"), true},
                                              {QStringLiteral("message"), QStringLiteral("%1 webhook deliveries queued for retry").arg(ids.size())},
                                              {QStringLiteral("count"), ids.size()}});
}

// Seed 004: one configuration's deliveries.
ApiResult configLogs(SqlContext &context, const ApiRequest &request)
{
    bool ok = false;
    const auto configId = request.pathArgs.value(0).toLongLong(&ok);
    if (!ok || !WebhookConfigRepository::find(context, configId))
        return ApiError{ErrorKind::NotFound, QStringLiteral("Webhook not found"), {}};
    ok = true;
    const auto skipText = request.query.queryItemValue(QStringLiteral("skip"));
    const int skip = skipText.isEmpty() ? 0 : skipText.toInt(&ok);
    if (!ok || skip < 0)
        return ApiError{ErrorKind::BadRequest, QStringLiteral("skip must be a non-negative integer"), {}};
    const auto limitText = request.query.queryItemValue(QStringLiteral("limit"));
    const int limit = limitText.isEmpty() ? 100 : limitText.toInt(&ok);
    if (!ok || limit < 1 || limit > 1000)
        return ApiError{ErrorKind::BadRequest, QStringLiteral("limit must be between 1 and 1000"), {}};
    const auto success = request.query.queryItemValue(QStringLiteral("success_only")).toLower();
    if (!success.isEmpty() && success != QLatin1String("true") && success != QLatin1String("false"))
        return ApiError{ErrorKind::BadRequest, QStringLiteral("success_only must be true or false"), {}};
    const auto statusFilter = success == QLatin1String("true") ? QStringLiteral(" AND status = 'delivered'") : QString();
    auto &rows = context.run(QStringLiteral("SELECT ") + DeliveryRepository::columns()
                                 + QStringLiteral(" FROM deliveries WHERE config_id = ?") + statusFilter
                                 + QStringLiteral(" ORDER BY seq DESC LIMIT ? OFFSET ?"),
                             {configId, limit, skip});
    QList<Delivery> deliveries;
    while (rows.next())
        deliveries.append(DeliveryRepository::fromRecord(rows.record()));
    rows.finish();
    QJsonArray logs;
    for (const auto &delivery : deliveries) {
        const auto attempts = DeliveryRepository::attempts(context, delivery.id);
        QJsonObject headers;
        if (!attempts.isEmpty()) {
            for (const auto &[name, value] : attempts.last().requestHeaders)
                headers.insert(QString::fromLatin1(name), QString::fromUtf8(value));
        }
        logs.append(QJsonObject{{QStringLiteral("id"), delivery.id},
                                {QStringLiteral("webhook_id"), delivery.configId},
                                {QStringLiteral("event"), delivery.eventType},
                                {QStringLiteral("payload"), payloadJson(delivery.payload)},
                                {QStringLiteral("request_headers"), headers},
                                {QStringLiteral("response_status"), delivery.lastStatus == 0 ? QJsonValue() : QJsonValue(delivery.lastStatus)},
                                {QStringLiteral("response_body"), attempts.isEmpty() ? QString() : QString::fromUtf8(attempts.last().responseBody)},
                                {QStringLiteral("response_body_truncated"), !attempts.isEmpty() && attempts.last().responseTruncated},
                                {QStringLiteral("success"), delivery.status == QLatin1String("delivered")},
                                {QStringLiteral("status"), delivery.status},
                                {QStringLiteral("error_message"), delivery.lastError.isEmpty() ? QJsonValue() : QJsonValue(delivery.lastError)},
                                {QStringLiteral("attempts"), delivery.attempts},
                                {QStringLiteral("created_at"), isoTime(delivery.createdAt)},
                                {QStringLiteral("updated_at"), isoTime(delivery.updatedAt)}});
    }
    return ApiResponse::json(200, logs);
}

} // namespace

void registerEventRoutes(Router &router)
{
    const auto family = ApiFamily::WebhookAdmin;
    routes::addQuery(router, "GET", QStringLiteral("/api/webhooks/events"), family, QStringLiteral("events.list"), listEvents);
    routes::addCommand(router, "POST", QStringLiteral("/api/webhooks/events/retry"), family, QStringLiteral("events.retry-failed"),
                       retryMatching);
    routes::addQuery(router, "GET", QStringLiteral("/api/webhooks/events/{id}"), family, QStringLiteral("events.get"), getEvent);
    routes::addCommand(router, "POST", QStringLiteral("/api/webhooks/events/{id}/retry"), family, QStringLiteral("events.retry"),
                       retryEvent);
    routes::addQuery(router, "GET", QStringLiteral("/api/communications/webhooks/{id}/logs"), ApiFamily::Communications,
                     QStringLiteral("communications.logs"), configLogs);
}

} // namespace sb
