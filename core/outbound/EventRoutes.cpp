#include "OutboundRoutes.h"
#include "domain/IsoTime.h"
#include "domain/Messaging.h"
#include "http/JsonBody.h"
#include "server/RouteTable.h"
#include "storage/DeliveryMapper.h"
#include "storage/DeliveryRepository.h"
#include "storage/EventHistory.h"
#include "storage/InboundRepository.h"
#include "storage/OutboxMapper.h"
#include "storage/SendLog.h"
#include "storage/SqlWorker.h"
#include "storage/WebhookConfigRepository.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSqlQuery>
#include <QSqlRecord>

namespace sb {

namespace {

QJsonValue payloadJson(const QByteArray &body)
{
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && document.isObject())
        return document.object();
    return QString::fromUtf8(body);
}

QJsonObject eventJson(const HistoryEntry &entry)
{
    const bool outbound = entry.direction == HistoryEntry::Direction::Outbound;
    QJsonObject object {{QStringLiteral("id"), entry.id},
        {QStringLiteral("direction"), directionName(outbound ? Direction::Outbound : Direction::Inbound)},
        {QStringLiteral("source"), entry.source}, {QStringLiteral("eventType"), entry.eventType},
        {QStringLiteral("status"), entry.status}, {QStringLiteral("payload"), payloadJson(entry.payload)},
        {QStringLiteral("createdAt"), isoTime(entry.createdAt)},
        {QStringLiteral("updatedAt"), isoTime(entry.updatedAt)}};
    if (outbound) {
        object.insert(QStringLiteral("channel"), entry.channel);
        object.insert(QStringLiteral("attempts"), entry.attempts);
        object.insert(QStringLiteral("lastStatusCode"),
            entry.lastStatus == 0 ? QJsonValue() : QJsonValue(entry.lastStatus));
        object.insert(QStringLiteral("lastError"),
            entry.lastError.isEmpty() ? QJsonValue() : QJsonValue(entry.lastError));
    }
    if (outbound && entry.messageId != 0) { // a send
        const auto request = payloadJson(entry.payload).toObject();
        object.insert(QStringLiteral("webhookConfigId"), QJsonValue());
        object.insert(QStringLiteral("provider"), entry.source);
        object.insert(QStringLiteral("recipient"), request.value(QStringLiteral("to")));
        object.insert(QStringLiteral("messageId"), entry.messageId);
        object.insert(
            QStringLiteral("serviceId"), entry.serviceId == 0 ? QJsonValue() : QJsonValue(entry.serviceId));
        object.insert(QStringLiteral("providerMessageId"),
            entry.providerId.isEmpty() ? QJsonValue() : QJsonValue(entry.providerId));
    } else if (outbound) {
        object.insert(QStringLiteral("webhookConfigId"), entry.configId);
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

// Seed 001's filters as the two logs' own: each side of the history gets the filters it has, and a
// side a filter rules out (direction, a status of the other kind, a configuration) is left out.
// False + message on bad input.
bool eventFilter(const QUrlQuery &query, HistoryFilter *filter, QString *error)
{
    const auto direction = query.queryItemValue(QStringLiteral("direction"));
    if (!direction.isEmpty()) {
        const auto named = directionFromName(direction);
        if (!named) {
            *error = QStringLiteral("direction must be '%1' or '%2'")
                         .arg(directionName(Direction::Inbound), directionName(Direction::Outbound));
            return false;
        }
        filter->inbound = *named == Direction::Inbound;
        filter->outbound = filter->sends = !filter->inbound;
    }
    const auto channel = query.queryItemValue(QStringLiteral("channel"));
    if (!channel.isEmpty()) {
        const auto named = LogChannel::fromName(channel);
        if (!named) {
            QStringList names {LogChannel {}.name()};
            for (const auto known : allChannels())
                names.append(channelName(known));
            *error = QStringLiteral("channel must be one of: %1").arg(names.join(QStringLiteral(", ")));
            return false;
        }
        // A channel is an outbound log: webhook deliveries, or the sends of one channel.
        filter->inbound = false;
        filter->outbound = filter->outbound && !named->send;
        filter->sends = filter->sends && named->send.has_value();
        filter->outboxFilter.channel = named->send;
    }
    const auto source = query.queryItemValue(QStringLiteral("source"));
    filter->inboundFilter.provider = source;
    filter->deliveryFilter.source = source;
    filter->outboxFilter.provider = source;
    const auto eventType = query.queryItemValue(QStringLiteral("eventType"));
    filter->inboundFilter.eventType = eventType;
    filter->deliveryFilter.eventType = eventType;
    if (!eventType.isEmpty())
        filter->sends = filter->sends && eventType == EventHistory::sendEventType();
    const auto status = query.queryItemValue(QStringLiteral("status"));
    if (!status.isEmpty()) {
        const auto outbound = deliveryStatusFromName(status);
        const auto inbound = inboundStatusFromName(status);
        const auto send = outboxStatusFromName(status);
        if (!outbound && !inbound && !send) {
            QStringList names;
            for (const auto known : allInboundStatuses())
                names.append(inboundStatusName(known));
            for (const auto known : allDeliveryStatuses())
                names.append(deliveryStatusName(known));
            for (const auto known : {OutboxStatus::Pending, OutboxStatus::Sending, OutboxStatus::Sent,
                     OutboxStatus::Failed, OutboxStatus::Unknown})
                names.append(outboxStatusName(known));
            names.removeDuplicates();
            *error = QStringLiteral("status must be one of: %1").arg(names.join(QStringLiteral(", ")));
            return false;
        }
        filter->inbound = filter->inbound && inbound.has_value();
        filter->outbound = filter->outbound && outbound.has_value();
        filter->sends = filter->sends && send.has_value();
        filter->outboxFilter.status = send;
        if (inbound)
            filter->inboundFilter.status = inboundStatusName(*inbound);
        filter->deliveryFilter.status = outbound;
    }
    const auto configId = query.queryItemValue(QStringLiteral("webhookConfigId"));
    if (!configId.isEmpty()) {
        bool ok = false;
        filter->deliveryFilter.configId = configId.toLongLong(&ok);
        if (!ok || filter->deliveryFilter.configId < 1) {
            *error = QStringLiteral("webhookConfigId must be a positive integer, got '%1'").arg(configId);
            return false;
        }
        filter->inbound = false; // inbound requests belong to no configuration
        filter->sends = false; // nor do sends
    }
    for (const auto &parameter : {QStringLiteral("fromDate"), QStringLiteral("toDate")}) {
        const auto text = query.queryItemValue(parameter);
        if (text.isEmpty())
            continue;
        qint64 ms = 0;
        if (!parseDate(text, &ms)) {
            *error = QStringLiteral("%1 must be an ISO 8601 date, got '%2'").arg(parameter, text);
            return false;
        }
        // fromDate is inclusive; toDate too: "<= to" is "< to + 1 ms". The logs' 0 means "open", so a
        // bound at or before the epoch is moved to the first stored millisecond.
        if (parameter == QLatin1String("fromDate")) {
            filter->inboundFilter.fromMs = filter->deliveryFilter.fromMs = filter->outboxFilter.fromMs
                = std::max<qint64>(ms, 1);
        } else {
            filter->inboundFilter.toMs = filter->deliveryFilter.toMs = filter->outboxFilter.toMs
                = std::max<qint64>(ms + 1, 1);
        }
    }
    return true;
}

// A send's attempts as stored (credentials masked), in the deliveries' shape.
QList<DeliveryAttempt> sendAttempts(SqlContext &context, qint64 outboxId, const QString &entryId)
{
    QList<DeliveryAttempt> attempts;
    for (const auto &sent : SendLog::attempts(context, outboxId)) {
        DeliveryAttempt attempt;
        attempt.deliveryId = entryId;
        attempt.attempt = sent.attempt;
        attempt.startedAt = sent.startedAt;
        attempt.url = sent.url;
        attempt.requestHeaders = sent.requestHeaders;
        attempt.requestBody = sent.requestBody;
        attempt.responseStatus = sent.responseStatus;
        attempt.responseHeaders = sent.responseHeaders;
        attempt.responseBody = sent.responseBody;
        attempt.latencyMs = sent.latencyMs;
        attempt.error = sent.error;
        attempts.append(attempt);
    }
    return attempts;
}

// The last attempt of a webhook delivery (none before its first attempt).
QList<DeliveryAttempt> lastDeliveryAttempt(SqlContext &context, const QString &id)
{
    auto &query = context.run(QStringLiteral("SELECT ") + DeliveryAttemptMapper::columns()
            + QStringLiteral(
                " FROM delivery_attempts WHERE delivery_id = ? ORDER BY attempt DESC, id DESC LIMIT 1"),
        {id});
    QList<DeliveryAttempt> list;
    if (query.next())
        list.append(DeliveryAttemptMapper::fromRecord(query.record()));
    query.finish();
    return list;
}

QJsonObject responseData(const QList<DeliveryAttempt> &attempts);

ApiResult listEvents(SqlContext &context, const ApiRequest &request)
{
    bool ok = true;
    const auto pageText = request.query.queryItemValue(QStringLiteral("page"));
    const int page = pageText.isEmpty() ? 1 : pageText.toInt(&ok);
    if (!ok || page < 1)
        return ApiError {ErrorKind::BadRequest, QStringLiteral("page must be a positive integer"), {}};
    const auto limitText = request.query.queryItemValue(QStringLiteral("limit"));
    const int limit = limitText.isEmpty() ? 20 : limitText.toInt(&ok);
    if (!ok || limit < 1 || limit > 500)
        return ApiError {ErrorKind::BadRequest, QStringLiteral("limit must be between 1 and 500"), {}};
    QString error;
    HistoryFilter filter;
    if (!eventFilter(request.query, &filter, &error))
        return ApiError {ErrorKind::BadRequest, error, {}};
    const qint64 total = EventHistory::count(context, filter);
    QJsonArray events;
    for (const auto &entry : EventHistory::page(context, filter, limit, qint64(page - 1) * limit)) {
        auto event = eventJson(entry);
        if (entry.direction == HistoryEntry::Direction::Outbound) {
            // Seed 001: each outbound item carries what its receiver answered (the last attempt).
            const auto outboxId = OutboxMapper::outboxIdOf(entry.id);
            const auto data = responseData(outboxId != 0 ? sendAttempts(context, outboxId, entry.id)
                                                         : lastDeliveryAttempt(context, entry.id));
            event.insert(QStringLiteral("responseData"), data.isEmpty() ? QJsonValue() : QJsonValue(data));
        }
        events.append(event);
    }
    return ApiResponse::json(200,
        QJsonObject {{QStringLiteral("success"), true}, {QStringLiteral("count"), events.size()},
            {QStringLiteral("total"), total}, {QStringLiteral("page"), page},
            {QStringLiteral("pages"), (total + limit - 1) / limit}, {QStringLiteral("events"), events}});
}

QJsonObject responseData(const QList<DeliveryAttempt> &attempts)
{
    if (attempts.isEmpty())
        return {};
    const auto &last = attempts.last();
    QJsonObject headers;
    for (const auto &[name, value] : last.responseHeaders)
        headers.insert(QString::fromLatin1(name).toLower(), QString::fromUtf8(value));
    QJsonObject data {{QStringLiteral("statusCode"),
                          last.responseStatus == 0 ? QJsonValue() : QJsonValue(last.responseStatus)},
        {QStringLiteral("body"), QString::fromUtf8(last.responseBody)},
        {QStringLiteral("bodyTruncated"), last.responseTruncated}, {QStringLiteral("headers"), headers},
        {QStringLiteral("timing"), last.latencyMs}};
    if (!last.error.isEmpty())
        data.insert(QStringLiteral("error"), last.error);
    return data;
}

ApiResult getEvent(SqlContext &context, const ApiRequest &request)
{
    const auto entry = EventHistory::find(context, request.pathArgs.value(0));
    if (!entry)
        return ApiError {ErrorKind::NotFound, QStringLiteral("Webhook event not found"), {}};
    auto event = eventJson(*entry);
    QJsonObject answer {{QStringLiteral("success"), true}};
    if (const auto outboxId = OutboxMapper::outboxIdOf(entry->id); outboxId != 0) {
        // A send: its attempts as stored (credentials masked), in the deliveries' shape.
        const auto attempts = sendAttempts(context, outboxId, entry->id);
        QJsonArray list;
        for (const auto &attempt : attempts)
            list.append(DeliveryRepository::attemptJson(attempt));
        event.insert(QStringLiteral("attemptsDetail"), list);
        event.insert(QStringLiteral("responseData"), responseData(attempts));
        answer.insert(QStringLiteral("webhookConfig"), QJsonValue());
    } else if (entry->direction == HistoryEntry::Direction::Outbound) {
        const auto attempts
            = DeliveryRepository::attempts(context, event.value(QStringLiteral("id")).toString());
        QJsonArray list;
        for (const auto &attempt : attempts)
            list.append(DeliveryRepository::attemptJson(attempt));
        event.insert(QStringLiteral("attemptsDetail"), list);
        event.insert(QStringLiteral("responseData"), responseData(attempts));
        const auto config = WebhookConfigRepository::find(
            context, event.value(QStringLiteral("webhookConfigId")).toInteger());
        answer.insert(QStringLiteral("webhookConfig"),
            config ? QJsonValue(QJsonObject {{QStringLiteral("id"), config->id},
                {QStringLiteral("name"), config->name}, {QStringLiteral("url"), config->url},
                {QStringLiteral("status"), webhookStatusName(config->status)}})
                   : QJsonValue());
    }
    answer.insert(QStringLiteral("event"), event);
    return ApiResponse::json(200, answer);
}

ApiResult retryEvent(SqlContext &context, const ApiRequest &request)
{
    const auto id = request.pathArgs.value(0);
    if (const auto outboxId = OutboxMapper::outboxIdOf(id); outboxId != 0) {
        if (!SendLog::entry(context, outboxId))
            return ApiError {ErrorKind::NotFound, QStringLiteral("Webhook event not found"), {}};
        const auto retried = SendLog::retry(context, outboxId);
        if (const auto *refused = std::get_if<QString>(&retried))
            return ApiError {ErrorKind::Conflict, *refused, {}};
        const auto &queued = std::get<OutboxEntry>(retried);
        return ApiResponse::json(200,
            QJsonObject {{QStringLiteral("success"), true},
                {QStringLiteral("message"), QStringLiteral("Send retry queued")},
                {QStringLiteral("event"),
                    QJsonObject {{QStringLiteral("id"), OutboxMapper::recordId(queued.id)},
                        {QStringLiteral("retryOf"), id},
                        {QStringLiteral("status"), outboxStatusName(queued.status)},
                        {QStringLiteral("attempts"), queued.attempts},
                        {QStringLiteral("channel"), channelName(queued.channel)},
                        {QStringLiteral("eventType"), EventHistory::sendEventType()},
                        {QStringLiteral("updatedAt"), isoTime(queued.updatedAt)}}}});
    }
    auto delivery = DeliveryRepository::find(context, id);
    if (!delivery) {
        const bool isInbound = InboundRepository::exists(context, id);
        return isInbound ? ApiError {ErrorKind::BadRequest,
                   QStringLiteral(
                       "only outbound events can be retried; inbound requests are replayed from the console"),
                   {}}
                         : ApiError {ErrorKind::NotFound, QStringLiteral("Webhook event not found"), {}};
    }
    if (delivery->status == DeliveryStatus::Delivered
        && request.query.queryItemValue(QStringLiteral("force")) != QLatin1String("true"))
        return ApiError {ErrorKind::Conflict,
            QStringLiteral("the event was already delivered; add ?force=true to send it again"), {}};
    DeliveryRepository::retry(context, {id});
    delivery = DeliveryRepository::find(context, id);
    return ApiResponse::json(200,
        QJsonObject {{QStringLiteral("success"), true},
            {QStringLiteral("message"), QStringLiteral("Webhook delivery retry queued")},
            {QStringLiteral("event"),
                QJsonObject {{QStringLiteral("id"), delivery->id},
                    {QStringLiteral("status"), deliveryStatusName(delivery->status)},
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
        filters.addQueryItem(it.key(),
            it.value().isDouble() ? QString::number(it.value().toInteger()) : it.value().toString());
    filters.removeAllQueryItems(QStringLiteral("direction"));
    filters.addQueryItem(QStringLiteral("direction"), directionName(Direction::Outbound));
    if (filters.queryItemValue(QStringLiteral("status")).isEmpty())
        filters.addQueryItem(QStringLiteral("status"), deliveryStatusName(DeliveryStatus::Failed));
    QString error;
    HistoryFilter filter;
    if (!eventFilter(filters, &filter, &error))
        return ApiError {ErrorKind::BadRequest, error, {}};
    const auto ids
        = filter.outbound ? DeliveryRepository::ids(context, filter.deliveryFilter) : QStringList();
    DeliveryRepository::retry(context, ids);
    return ApiResponse::json(200,
        QJsonObject {{QStringLiteral("success"), true},
            {QStringLiteral("message"),
                QStringLiteral("%1 webhook deliveries queued for retry").arg(ids.size())},
            {QStringLiteral("count"), ids.size()}});
}

// Seed 004: one configuration's deliveries.
ApiResult configLogs(SqlContext &context, const ApiRequest &request)
{
    bool ok = false;
    const auto configId = request.pathArgs.value(0).toLongLong(&ok);
    if (!ok || !WebhookConfigRepository::find(context, configId))
        return ApiError {ErrorKind::NotFound, QStringLiteral("Webhook not found"), {}};
    ok = true;
    const auto skipText = request.query.queryItemValue(QStringLiteral("skip"));
    const int skip = skipText.isEmpty() ? 0 : skipText.toInt(&ok);
    if (!ok || skip < 0)
        return ApiError {ErrorKind::BadRequest, QStringLiteral("skip must be a non-negative integer"), {}};
    const auto limitText = request.query.queryItemValue(QStringLiteral("limit"));
    const int limit = limitText.isEmpty() ? 100 : limitText.toInt(&ok);
    if (!ok || limit < 1 || limit > 1000)
        return ApiError {ErrorKind::BadRequest, QStringLiteral("limit must be between 1 and 1000"), {}};
    const auto success = request.query.queryItemValue(QStringLiteral("success_only")).toLower();
    if (!success.isEmpty() && success != QLatin1String("true") && success != QLatin1String("false"))
        return ApiError {ErrorKind::BadRequest, QStringLiteral("success_only must be true or false"), {}};
    DeliveryFilter filter {.configId = configId};
    if (success == QLatin1String("true"))
        filter.status = DeliveryStatus::Delivered;
    const auto deliveries = DeliveryRepository::list(context, filter, limit, skip);
    QJsonArray logs;
    for (const auto &delivery : deliveries) {
        const auto attempts = DeliveryRepository::attempts(context, delivery.id);
        QJsonObject headers;
        if (!attempts.isEmpty()) {
            for (const auto &[name, value] : attempts.last().requestHeaders)
                headers.insert(QString::fromLatin1(name), QString::fromUtf8(value));
        }
        logs.append(QJsonObject {{QStringLiteral("id"), delivery.id},
            {QStringLiteral("webhook_id"), delivery.configId}, {QStringLiteral("event"), delivery.eventType},
            {QStringLiteral("payload"), payloadJson(delivery.payload)},
            {QStringLiteral("request_headers"), headers},
            {QStringLiteral("response_status"),
                delivery.lastStatus == 0 ? QJsonValue() : QJsonValue(delivery.lastStatus)},
            {QStringLiteral("response_body"),
                attempts.isEmpty() ? QString() : QString::fromUtf8(attempts.last().responseBody)},
            {QStringLiteral("response_body_truncated"),
                !attempts.isEmpty() && attempts.last().responseTruncated},
            {QStringLiteral("success"), delivery.status == DeliveryStatus::Delivered},
            {QStringLiteral("status"), deliveryStatusName(delivery.status)},
            {QStringLiteral("error_message"),
                delivery.lastError.isEmpty() ? QJsonValue() : QJsonValue(delivery.lastError)},
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
    routes::addQuery(router, "GET", QStringLiteral("/api/webhooks/events"), family,
        QStringLiteral("events.list"), listEvents);
    routes::addCommand(router, "POST", QStringLiteral("/api/webhooks/events/retry"), family,
        QStringLiteral("events.retry-failed"), retryMatching);
    routes::addQuery(router, "GET", QStringLiteral("/api/webhooks/events/{id}"), family,
        QStringLiteral("events.get"), getEvent);
    routes::addCommand(router, "POST", QStringLiteral("/api/webhooks/events/{id}/retry"), family,
        QStringLiteral("events.retry"), retryEvent);
    routes::addQuery(router, "GET", QStringLiteral("/api/communications/webhooks/{id}/logs"),
        ApiFamily::Communications, QStringLiteral("communications.logs"), configLogs);
}

} // namespace sb
