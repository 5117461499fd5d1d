#include "CampaignApiRoutes.h"

#include "CampaignRouteDocs.h"
#include "domain/Campaign.h"
#include "domain/IsoTime.h"
#include "domain/Lead.h"
#include "domain/Messaging.h"
#include "http/JsonBody.h"
#include "http/JsonNumber.h"
#include "server/RouteTable.h"
#include "storage/CampaignRepository.h"
#include "storage/ListQuery.h"
#include "storage/SqlWorker.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>
#include <limits>

namespace sb {

namespace {

const QStringList inputKeys {QStringLiteral("name"), QStringLiteral("channel"), QStringLiteral("serviceId"),
    QStringLiteral("subject"), QStringLiteral("body"), QStringLiteral("audience"),
    QStringLiteral("throttlePerMinute"), QStringLiteral("scheduledAt"), QStringLiteral("timeZone")};
const QStringList outputKeys {QStringLiteral("id"), QStringLiteral("state"), QStringLiteral("progress"),
    QStringLiteral("createdAt"), QStringLiteral("updatedAt"), QStringLiteral("startedAt"),
    QStringLiteral("completedAt"), QStringLiteral("audienceCount")};
const QStringList audienceKeys {QStringLiteral("status"), QStringLiteral("source"),
    QStringLiteral("priority"), QStringLiteral("createdAfter"), QStringLiteral("createdBefore"),
    QStringLiteral("hasPhone"), QStringLiteral("hasEmail")};

ApiError bad(const QString &message)
{
    return ApiError {ErrorKind::BadRequest, message};
}

ApiError notFound(qint64 id)
{
    return ApiError {ErrorKind::NotFound, QStringLiteral("Campaign %1 not found").arg(id)};
}

std::optional<QDateTime> isoDate(const QString &text, const QString &timeZone)
{
    auto time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    // Without an offset, a time is in the campaign's time zone (UTC when none).
    const bool offsetGiven = text.endsWith(QLatin1Char('Z'))
        || (text.size() > 19
            && (text.at(text.size() - 6) == QLatin1Char('+')
                || text.at(text.size() - 6) == QLatin1Char('-')));
    if (!offsetGiven) {
        const QTimeZone zone = timeZone.isEmpty() ? QTimeZone::utc() : QTimeZone(timeZone.toUtf8());
        time = QDateTime(time.date(), time.time(), zone);
    }
    return time;
}

// A campaign's settings as stored.
struct CampaignFields
{
    QString name;
    QString channel;
    std::optional<qint64> serviceId;
    QString subject;
    QString body;
    QJsonObject audience;
    qint64 throttle = 0;
    std::optional<qint64> scheduledAt;
    QString timeZone;
};

std::optional<ApiError> readNames(const QJsonValue &value, const QString &field,
    const std::function<bool(const QString &)> &valid, QJsonArray *out)
{
    if (value.isNull() || value.isUndefined())
        return std::nullopt;
    if (!value.isArray())
        return bad(QStringLiteral("audience.%1 must be an array of strings").arg(field));
    for (const auto &item : value.toArray()) {
        if (!item.isString() || item.toString().trimmed().isEmpty())
            return bad(QStringLiteral("audience.%1 must be an array of non-empty strings").arg(field));
        if (valid && !valid(item.toString()))
            return bad(QStringLiteral("audience.%1: unknown value '%2'").arg(field, item.toString()));
        out->append(item.toString().trimmed());
    }
    return std::nullopt;
}

std::optional<ApiError> readAudience(const QJsonValue &value, QJsonObject *out)
{
    if (value.isNull() || value.isUndefined())
        return std::nullopt;
    if (!value.isObject())
        return bad(QStringLiteral("audience must be an object"));
    const auto audience = value.toObject();
    for (auto it = audience.begin(); it != audience.end(); ++it) {
        if (!audienceKeys.contains(it.key()))
            return bad(QStringLiteral("audience.%1 is not a known filter (%2)")
                           .arg(it.key(), audienceKeys.join(QStringLiteral(", "))));
    }
    QJsonArray status, source, priority;
    if (auto error = readNames(
            audience.value(QStringLiteral("status")), QStringLiteral("status"),
            [](const QString &name) { return leadStatusFromName(name).has_value(); }, &status))
        return error;
    if (auto error
        = readNames(audience.value(QStringLiteral("source")), QStringLiteral("source"), {}, &source))
        return error;
    if (auto error = readNames(
            audience.value(QStringLiteral("priority")), QStringLiteral("priority"),
            [](const QString &name) { return leadPriorityFromName(name).has_value(); }, &priority))
        return error;
    QJsonObject stored;
    if (!status.isEmpty())
        stored.insert(QStringLiteral("status"), status);
    if (!source.isEmpty())
        stored.insert(QStringLiteral("source"), source);
    if (!priority.isEmpty())
        stored.insert(QStringLiteral("priority"), priority);
    for (const auto &key : {QStringLiteral("createdAfter"), QStringLiteral("createdBefore")}) {
        const auto time = audience.value(key);
        if (time.isNull() || time.isUndefined())
            continue;
        const auto parsed = time.isString() ? isoDate(time.toString(), {}) : std::nullopt;
        if (!parsed)
            return bad(
                QStringLiteral("audience.%1 must be an ISO 8601 time such as 2026-01-25T09:00:00Z").arg(key));
        stored.insert(key, isoTime(parsed->toMSecsSinceEpoch()));
    }
    for (const auto &key : {QStringLiteral("hasPhone"), QStringLiteral("hasEmail")}) {
        const auto flag = audience.value(key);
        if (flag.isNull() || flag.isUndefined())
            continue;
        if (!flag.isBool())
            return bad(QStringLiteral("audience.%1 must be true or false").arg(key));
        stored.insert(key, flag.toBool());
    }
    *out = stored;
    return std::nullopt;
}

// Checks a whole campaign object (POST's body, or the stored campaign with PUT's members over it).
std::variant<CampaignFields, ApiError> readCampaign(SqlContext &context, const QJsonObject &input)
{
    for (auto it = input.begin(); it != input.end(); ++it) {
        if (!inputKeys.contains(it.key()) && !outputKeys.contains(it.key()))
            return bad(QStringLiteral("%1 is not a campaign field (%2)")
                           .arg(it.key(), inputKeys.join(QStringLiteral(", "))));
    }
    CampaignFields fields;
    const auto name = input.value(QStringLiteral("name"));
    if (!name.isString() || name.toString().trimmed().isEmpty())
        return bad(QStringLiteral("name is required (a non-empty string)"));
    fields.name = name.toString().trimmed();
    const auto channel = input.value(QStringLiteral("channel")).toString();
    if (channel != channelName(Channel::Sms) && channel != channelName(Channel::Email))
        return bad(QStringLiteral("channel must be sms or email"));
    fields.channel = channel;
    const auto service = input.value(QStringLiteral("serviceId"));
    if (!service.isNull() && !service.isUndefined()) {
        const auto id = jsonInteger(service, 1);
        if (!id)
            return bad(QStringLiteral("serviceId must be an external service id (a whole number from 1)"));
        auto &query
            = context.run(QStringLiteral("SELECT service_type FROM external_services WHERE id = ?"), {*id});
        const bool found = query.next();
        const auto type = found ? query.value(0).toString() : QString();
        query.finish();
        if (!found)
            return bad(QStringLiteral("serviceId %1 is not a registered external service").arg(*id));
        if (type != channel)
            return bad(QStringLiteral("serviceId %1 is a %2 service, not %3")
                           .arg(QString::number(*id), type, channel));
        fields.serviceId = *id;
    }
    const auto body = input.value(QStringLiteral("body"));
    if (!body.isString() || body.toString().trimmed().isEmpty())
        return bad(QStringLiteral("body is required (a non-empty string)"));
    fields.body = body.toString();
    const auto subject = input.value(QStringLiteral("subject"));
    if (!subject.isNull() && !subject.isUndefined() && !subject.isString())
        return bad(QStringLiteral("subject must be a string"));
    fields.subject = subject.toString();
    if (channel == channelName(Channel::Email) && fields.subject.trimmed().isEmpty())
        return bad(QStringLiteral("subject is required for an email campaign"));
    for (const auto &[field, text] : {std::pair {QStringLiteral("subject"), fields.subject},
             std::pair {QStringLiteral("body"), fields.body}}) {
        const auto unknown = CampaignTemplate::unknownPlaceholders(text);
        if (!unknown.isEmpty())
            return bad(QStringLiteral("unknown placeholder {%1} in %2 (known: %3)")
                           .arg(unknown.first(), field,
                               CampaignTemplate::placeholders().join(QStringLiteral(", "))));
    }
    if (auto error = readAudience(input.value(QStringLiteral("audience")), &fields.audience))
        return *error;
    const auto throttle = input.value(QStringLiteral("throttlePerMinute"));
    if (!throttle.isNull() && !throttle.isUndefined()) {
        const auto value = jsonInteger(throttle, 0);
        if (!value || *value > campaignMaxThrottle)
            return bad(QStringLiteral("throttlePerMinute must be a whole number from 0 (no limit) to %1")
                           .arg(campaignMaxThrottle));
        fields.throttle = *value;
    }
    const auto zone = input.value(QStringLiteral("timeZone"));
    if (!zone.isNull() && !zone.isUndefined()) {
        if (!zone.isString() || !QTimeZone(zone.toString().toUtf8()).isValid())
            return bad(QStringLiteral("timeZone must be an IANA time zone such as Europe/Berlin"));
        fields.timeZone = zone.toString();
    }
    const auto scheduled = input.value(QStringLiteral("scheduledAt"));
    if (!scheduled.isNull() && !scheduled.isUndefined()) {
        const auto time
            = scheduled.isString() ? isoDate(scheduled.toString(), fields.timeZone) : std::nullopt;
        if (!time)
            return bad(QStringLiteral("scheduledAt must be an ISO 8601 time such as 2026-01-25T09:00:00Z"));
        fields.scheduledAt = time->toMSecsSinceEpoch();
    }
    return fields;
}

QVariant orNull(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QVariantList columnValues(const CampaignFields &fields)
{
    return {fields.name, fields.channel, fields.serviceId ? QVariant(*fields.serviceId) : QVariant(),
        orNull(fields.subject), fields.body,
        QString::fromUtf8(QJsonDocument(fields.audience).toJson(QJsonDocument::Compact)), fields.throttle,
        fields.scheduledAt ? QVariant(*fields.scheduledAt) : QVariant(), orNull(fields.timeZone)};
}

QJsonObject detail(SqlContext &context, qint64 id)
{
    auto json = CampaignRepository::json(context, id);
    if (json.isEmpty())
        return json;
    const auto count = CampaignRepository::audienceCount(context,
        json.value(QStringLiteral("audience")).toObject(), json.value(QStringLiteral("channel")).toString());
    json.insert(QStringLiteral("audienceCount"), count.eligible);
    json.insert(QStringLiteral("audienceDoNotContact"), count.doNotContact);
    return json;
}

ApiResult listCampaigns(SqlContext &context, const ApiRequest &request)
{
    namespace p = listparam;
    // The sign is read by listparam::sort: "-created_at" is this order descending.
    const std::vector<SortOrder> orders {{QStringLiteral("created_at"), QStringLiteral("created_at"), false}};
    const auto page = p::page(request, orders, QStringLiteral("-created_at"));
    if (auto *error = std::get_if<ApiError>(&page))
        return *error;
    const auto &pageRequest = std::get<p::PageRequest>(page);
    const auto state = p::oneOf(request, QStringLiteral("state"), campaignStateNames());
    if (auto *error = std::get_if<ApiError>(&state))
        return *error;
    QStringList where;
    QVariantList values;
    if (const auto &wanted = std::get<std::optional<QString>>(state)) {
        where << QStringLiteral("state = ?");
        values << *wanted;
    }
    if (pageRequest.after)
        where << keysetClause(pageRequest.sort, QStringLiteral("id"), *pageRequest.after, values);
    QString sql
        = QStringLiteral("SELECT id, ") + pageRequest.sort.expression + QStringLiteral(" FROM campaigns");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY ") + orderClause(pageRequest.sort, QStringLiteral("id"))
        + QStringLiteral(" LIMIT ?");
    const auto ids = keysetPage(context, sql, values, pageRequest.limit, pageRequest.sort.name);
    QJsonArray data;
    for (const auto id : ids.ids)
        data.append(CampaignRepository::json(context, id));
    return ApiResponse::json(200,
        QJsonObject {{QStringLiteral("data"), data},
            {QStringLiteral("next_cursor"), ids.next ? QJsonValue(encodeCursor(*ids.next)) : QJsonValue()},
            {QStringLiteral("has_more"), ids.next.has_value()},
            {QStringLiteral("limit"), pageRequest.limit}});
}

ApiResult getCampaign(SqlContext &context, const ApiRequest &request)
{
    const auto id = pathId(request);
    const auto json = id ? detail(context, *id) : QJsonObject();
    if (json.isEmpty())
        return notFound(id.value_or(0));
    return ApiResponse::json(200, json);
}

ApiResult createCampaign(SqlContext &context, const ApiRequest &request)
{
    auto parsed = JsonBody::object(request.body);
    if (auto *error = std::get_if<ApiError>(&parsed))
        return *error;
    const auto input = std::get<QJsonObject>(parsed);
    for (const auto &key : outputKeys) {
        if (input.contains(key))
            return bad(QStringLiteral("%1 is set by the server").arg(key));
    }
    auto read = readCampaign(context, input);
    if (auto *error = std::get_if<ApiError>(&read))
        return *error;
    const auto now = context.nowMs();
    auto values = columnValues(std::get<CampaignFields>(read));
    values << campaignStateName(CampaignState::Draft) << now << now;
    auto &insert
        = context.run(QStringLiteral("INSERT INTO campaigns(name, channel, service_id, subject, body, "
                                     "audience, throttle_per_minute, scheduled_at, time_zone, state, "
                                     "created_at, updated_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)"),
            values);
    const auto id = insert.lastInsertId().toLongLong();
    insert.finish();
    auto response = ApiResponse::json(201, detail(context, id));
    response.headers.append({"Location", QStringLiteral("/api/campaigns/%1").arg(id).toUtf8()});
    return response;
}

ApiError conflict(qint64 id, CampaignState state, const QString &what)
{
    return ApiError {ErrorKind::Conflict,
        QStringLiteral("Campaign %1 is %2 and cannot be %3")
            .arg(QString::number(id), campaignStateName(state), what)};
}

ApiResult updateCampaign(SqlContext &context, const ApiRequest &request)
{
    const auto id = pathId(request);
    auto current = id ? CampaignRepository::json(context, *id) : QJsonObject();
    if (current.isEmpty())
        return notFound(id.value_or(0));
    auto parsed = JsonBody::object(request.body);
    if (auto *error = std::get_if<ApiError>(&parsed))
        return *error;
    const auto changes = std::get<QJsonObject>(parsed);
    if (changes.isEmpty())
        return bad(QStringLiteral("the body has no fields to update"));
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (outputKeys.contains(it.key()))
            return bad(QStringLiteral("%1 is set by the server").arg(it.key()));
        current.insert(it.key(), it.value());
    }
    const auto state = campaignStateFromName(current.value(QStringLiteral("state")).toString())
                           .value_or(CampaignState::Draft);
    if (!campaignEditable(state))
        return conflict(*id, state, QStringLiteral("changed"));
    auto read = readCampaign(context, current);
    if (auto *error = std::get_if<ApiError>(&read))
        return *error;
    auto values = columnValues(std::get<CampaignFields>(read));
    values << context.nowMs() << *id;
    context.run(
        QStringLiteral("UPDATE campaigns SET name = ?, channel = ?, service_id = ?, subject = ?, body = ?, "
                       "audience = ?, throttle_per_minute = ?, scheduled_at = ?, time_zone = ?, "
                       "updated_at = ? WHERE id = ?"),
        values);
    return ApiResponse::json(200, detail(context, *id));
}

ApiResult deleteCampaign(SqlContext &context, const ApiRequest &request)
{
    const auto id = pathId(request);
    const auto state = id ? CampaignRepository::state(context, *id) : std::nullopt;
    if (!state)
        return notFound(id.value_or(0));
    if (!campaignDeletable(*state))
        return conflict(*id, *state, QStringLiteral("deleted (cancel it first)"));
    context.run(QStringLiteral("DELETE FROM campaign_recipients WHERE campaign_id = ?"), {*id});
    context.run(QStringLiteral("DELETE FROM campaigns WHERE id = ?"), {*id});
    return ApiResponse::json(
        200, QJsonObject {{QStringLiteral("id"), *id}, {QStringLiteral("deleted"), true}});
}

ApiResult act(SqlContext &context, const ApiRequest &request, CampaignAction action)
{
    const auto id = pathId(request);
    const auto state = id ? CampaignRepository::state(context, *id) : std::nullopt;
    if (!state)
        return notFound(id.value_or(0));
    if (action == CampaignAction::Execute) {
        auto &query = context.run(QStringLiteral("SELECT scheduled_at FROM campaigns WHERE id = ?"), {*id});
        const auto at = query.next() && !query.value(0).isNull() ? query.value(0).toLongLong() : 0;
        query.finish();
        if (at > context.nowMs() && *state == CampaignState::Draft)
            action = CampaignAction::Schedule;
    }
    const auto next = campaignTransition(*state, action);
    if (!next)
        return ApiError {ErrorKind::Conflict,
            QStringLiteral("Campaign %1 is %2: %3 is not allowed from that state")
                .arg(QString::number(*id), campaignStateName(*state), campaignActionName(action))};
    if (action == CampaignAction::Execute)
        CampaignRepository::start(context, *id, {}, request.recordId);
    else
        CampaignRepository::setState(context, *id, *next);
    if (action == CampaignAction::Resume)
        context.run(QStringLiteral("UPDATE campaigns SET next_send_at = 0 WHERE id = ?"), {*id});
    const bool accepted = action == CampaignAction::Execute || action == CampaignAction::Schedule;
    return ApiResponse::json(accepted ? 202 : 200, detail(context, *id));
}

ApiResult listRecipients(SqlContext &context, const ApiRequest &request)
{
    namespace p = listparam;
    const auto id = pathId(request);
    if (!id || !CampaignRepository::exists(context, *id))
        return notFound(id.value_or(0));
    const std::vector<SortOrder> orders {{QStringLiteral("id"), QStringLiteral("id"), false}};
    const auto page = p::page(request, orders, QStringLiteral("id"));
    if (auto *error = std::get_if<ApiError>(&page))
        return *error;
    const auto &pageRequest = std::get<p::PageRequest>(page);
    const auto state = p::oneOf(request, QStringLiteral("state"), recipientStateNames());
    if (auto *error = std::get_if<ApiError>(&state))
        return *error;
    QStringList where {QStringLiteral("campaign_id = ?")};
    QVariantList values {*id};
    if (const auto &wanted = std::get<std::optional<QString>>(state)) {
        where << QStringLiteral("state = ?");
        values << *wanted;
    }
    if (pageRequest.after)
        where << keysetClause(pageRequest.sort, QStringLiteral("id"), *pageRequest.after, values);
    const auto ids = keysetPage(context,
        QStringLiteral("SELECT id, id FROM campaign_recipients WHERE ") + where.join(QStringLiteral(" AND "))
            + QStringLiteral(" ORDER BY ") + orderClause(pageRequest.sort, QStringLiteral("id"))
            + QStringLiteral(" LIMIT ?"),
        values, pageRequest.limit, pageRequest.sort.name);
    QJsonArray data;
    for (const auto recipient : ids.ids) {
        auto &row = context.run(
            QStringLiteral("SELECT r.id, r.lead_id, r.state, r.message_id, r.outbox_id, r.error, "
                           "r.queued_at, r.sent_at, r.delivered_at, r.opened_at, r.clicked_at, "
                           "r.replied_at, r.ended_at FROM campaign_recipients r WHERE r.id = ?"),
            {recipient});
        if (!row.next()) {
            row.finish();
            continue;
        }
        const auto time = [&row](int index) {
            return row.value(index).isNull() ? QJsonValue()
                                             : QJsonValue(isoTime(row.value(index).toLongLong()));
        };
        const auto number = [&row](int index) {
            return row.value(index).isNull() ? QJsonValue() : QJsonValue(row.value(index).toLongLong());
        };
        data.append(QJsonObject {{QStringLiteral("id"), row.value(0).toLongLong()},
            {QStringLiteral("leadId"), row.value(1).toLongLong()},
            {QStringLiteral("state"), row.value(2).toString()}, {QStringLiteral("messageId"), number(3)},
            {QStringLiteral("outboxId"), number(4)},
            {QStringLiteral("error"),
                row.value(5).isNull() ? QJsonValue() : QJsonValue(row.value(5).toString())},
            {QStringLiteral("queuedAt"), time(6)}, {QStringLiteral("sentAt"), time(7)},
            {QStringLiteral("deliveredAt"), time(8)}, {QStringLiteral("openedAt"), time(9)},
            {QStringLiteral("clickedAt"), time(10)}, {QStringLiteral("repliedAt"), time(11)},
            {QStringLiteral("endedAt"), time(12)}});
        row.finish();
    }
    return ApiResponse::json(200,
        QJsonObject {{QStringLiteral("data"), data},
            {QStringLiteral("next_cursor"), ids.next ? QJsonValue(encodeCursor(*ids.next)) : QJsonValue()},
            {QStringLiteral("has_more"), ids.next.has_value()},
            {QStringLiteral("limit"), pageRequest.limit}});
}

ApiResult analytics(SqlContext &context, const ApiRequest &request)
{
    const auto id = pathId(request);
    if (!id)
        return notFound(0);
    const auto answer = CampaignRepository::analytics(context, *id);
    if (answer.isEmpty())
        return notFound(*id);
    return ApiResponse::json(200, answer);
}

} // namespace

void registerCampaignApiRoutes(Router &router)
{
    const auto family = ApiFamily::Communications;
    const auto base = QStringLiteral("/api/campaigns");
    const QString one = base + QStringLiteral("/{id}");
    routes::addQuery(router, "GET", base, family, QStringLiteral("campaigns.list"), listCampaigns);
    routes::addQuery(router, "GET", one, family, QStringLiteral("campaigns.get"), getCampaign);
    routes::addQuery(router, "GET", one + QStringLiteral("/recipients"), family,
        QStringLiteral("campaigns.recipients"), listRecipients);
    routes::addQuery(router, "GET", one + QStringLiteral("/analytics"), family,
        QStringLiteral("campaigns.analytics"), analytics);
    routes::addCommand(router, "POST", base, family, QStringLiteral("campaigns.create"), createCampaign);
    routes::addCommand(router, "PUT", one, family, QStringLiteral("campaigns.update"), updateCampaign);
    routes::addCommand(router, "DELETE", one, family, QStringLiteral("campaigns.delete"), deleteCampaign);
    const std::pair<const char *, CampaignAction> actions[] {{"execute", CampaignAction::Execute},
        {"pause", CampaignAction::Pause}, {"resume", CampaignAction::Resume},
        {"cancel", CampaignAction::Cancel}};
    for (const auto &[name, action] : actions) {
        const QString path = one + QLatin1Char('/') + QString::fromLatin1(name);
        routes::addCommand(router, "POST", path, family,
            QStringLiteral("campaigns.") + QString::fromLatin1(name),
            [action = action](
                SqlContext &context, const ApiRequest &request) { return act(context, request, action); });
    }
    documentCampaignRoutes(router);
}

} // namespace sb
