#include "TaskRoutes.h"

#include "FollowUps.h"
#include "http/JsonBody.h"
#include "storage/ListQuery.h"
#include "storage/SqlWorker.h"
#include "storage/TaskRepository.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTimeZone>

namespace sb {

namespace {

constexpr int maxTitle = 500;
constexpr int maxNotes = 10'000;
constexpr qint64 snoozeMs = 60LL * 60 * 1000;

ApiError bad(const QString &message)
{
    return ApiError {ErrorKind::BadRequest, message};
}

ApiError notFound(const ApiRequest &request)
{
    return ApiError {ErrorKind::NotFound, QStringLiteral("Task %1 not found").arg(request.pathArgs.value(0))};
}

// An ISO 8601 time with its offset (or Z); one without is taken as UTC.
std::optional<qint64> isoMs(const QJsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    auto time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime)
        time = QDateTime(time.date(), time.time(), QTimeZone::utc());
    return time.toMSecsSinceEpoch();
}

bool exists(SqlContext &context, const char *table, qint64 id)
{
    auto &query
        = context.run(QStringLiteral("SELECT 1 FROM %1 WHERE id = ?").arg(QLatin1String(table)), {id});
    const bool found = query.next();
    query.finish();
    return found;
}

// Applies the members of `input` to `task`; an error names the first bad member. `creating` requires
// title and dueAt and allows source.
std::optional<ApiError> apply(
    SqlContext &context, const QJsonObject &input, FollowUpTask &task, bool creating)
{
    static const QStringList known {QStringLiteral("title"), QStringLiteral("dueAt"),
        QStringLiteral("leadId"), QStringLiteral("conversationId"), QStringLiteral("owner"),
        QStringLiteral("notes"), QStringLiteral("state"), QStringLiteral("source")};
    for (auto it = input.begin(); it != input.end(); ++it) {
        if (!known.contains(it.key()))
            return bad(QStringLiteral("unknown field %1 (known: %2)")
                           .arg(it.key(), known.join(QStringLiteral(", "))));
    }
    if (input.contains(QStringLiteral("title")) || creating) {
        const auto title = input.value(QStringLiteral("title"));
        if (!title.isString() || title.toString().trimmed().isEmpty() || title.toString().size() > maxTitle)
            return bad(QStringLiteral("title is required: text of 1 to %1 characters").arg(maxTitle));
        task.title = title.toString().trimmed();
    }
    if (input.contains(QStringLiteral("dueAt")) || creating) {
        const auto due = isoMs(input.value(QStringLiteral("dueAt")));
        if (!due)
            return bad(QStringLiteral("dueAt is required: an ISO 8601 time such as 2026-12-08T09:00:00Z"));
        task.dueAt = *due;
    }
    if (input.contains(QStringLiteral("leadId"))) {
        const auto lead = input.value(QStringLiteral("leadId"));
        if (lead.isNull())
            task.leadId = 0;
        else if (!lead.isDouble() || lead.toInteger() <= 0)
            return bad(QStringLiteral("leadId must be a lead's id (a positive integer) or null"));
        else if (!exists(context, "leads", lead.toInteger()))
            return ApiError {
                ErrorKind::Unprocessable, QStringLiteral("lead %1 does not exist").arg(lead.toInteger())};
        else
            task.leadId = lead.toInteger();
    }
    if (input.contains(QStringLiteral("conversationId"))) {
        if (!creating)
            return bad(QStringLiteral("conversationId is set when a task is created and cannot change"));
        const auto conversation = input.value(QStringLiteral("conversationId"));
        if (!conversation.isNull()) {
            if (!conversation.isDouble() || conversation.toInteger() <= 0)
                return bad(QStringLiteral("conversationId must be a conversation's id (a positive integer)"));
            if (!exists(context, "conversations", conversation.toInteger()))
                return ApiError {ErrorKind::Unprocessable,
                    QStringLiteral("conversation %1 does not exist").arg(conversation.toInteger())};
            task.conversationId = conversation.toInteger();
            if (task.leadId == 0) {
                auto &lead = context.run(
                    QStringLiteral("SELECT lead_id FROM conversations WHERE id = ?"), {task.conversationId});
                if (lead.next())
                    task.leadId = lead.value(0).toLongLong();
                lead.finish();
            }
        }
    }
    for (const auto &[member, field, limit] : {std::tuple {QStringLiteral("owner"), &task.owner, 200},
             std::tuple {QStringLiteral("notes"), &task.notes, maxNotes}}) {
        if (!input.contains(member))
            continue;
        const auto value = input.value(member);
        if (!value.isNull() && (!value.isString() || value.toString().size() > limit))
            return bad(
                QStringLiteral("%1 must be text of at most %2 characters, or null").arg(member).arg(limit));
        *field = value.toString().trimmed();
    }
    if (input.contains(QStringLiteral("state"))) {
        const auto state = taskStateFromName(input.value(QStringLiteral("state")).toString());
        if (!state)
            return bad(
                QStringLiteral("state must be one of %1").arg(taskStateNames().join(QStringLiteral(", "))));
        task.state = *state;
    }
    if (input.contains(QStringLiteral("source"))) {
        const auto source = taskSourceFromName(input.value(QStringLiteral("source")).toString());
        if (!creating)
            return bad(QStringLiteral("source is set when a task is created and cannot change"));
        if (!source || *source == TaskSource::Rule)
            return bad(QStringLiteral("source must be api, manual or ai"));
        task.source = *source;
    }
    return std::nullopt;
}

std::variant<QJsonObject, ApiError> bodyOf(const ApiRequest &request)
{
    auto parsed = JsonBody::object(request.body);
    if (auto *error = std::get_if<ApiError>(&parsed))
        return *error;
    return std::get<QJsonObject>(parsed);
}

ApiResult listTasks(SqlContext &context, const ApiRequest &request)
{
    namespace p = listparam;
    const std::vector<SortOrder> orders {{QStringLiteral("due_at"), QStringLiteral("t.due_at"), false},
        {QStringLiteral("created_at"), QStringLiteral("t.created_at"), false}};
    const auto page = p::page(request, orders, QStringLiteral("due_at"));
    if (auto *error = std::get_if<ApiError>(&page))
        return *error;
    const auto &pageRequest = std::get<p::PageRequest>(page);
    QStringList where;
    QVariantList values;
    const auto state = p::value(request, QStringLiteral("state"));
    if (!state.isNull()) {
        QStringList marks;
        for (const auto &name : state.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            if (!taskStateFromName(name.trimmed()))
                return bad(QStringLiteral("state must be one or more of %1, comma-separated")
                               .arg(taskStateNames().join(QStringLiteral(", "))));
            marks << QStringLiteral("?");
            values << name.trimmed();
        }
        if (marks.isEmpty())
            return bad(QStringLiteral("state must not be empty"));
        where << QStringLiteral("t.state IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')');
    }
    const auto lead = p::id(request, QStringLiteral("lead_id"));
    if (auto *error = std::get_if<ApiError>(&lead))
        return *error;
    if (const auto &id = std::get<std::optional<qint64>>(lead)) {
        where << QStringLiteral("t.lead_id = ?");
        values << *id;
    }
    const auto owner = p::value(request, QStringLiteral("owner"));
    if (!owner.isNull()) {
        where << QStringLiteral("t.owner = ?");
        values << owner;
    }
    const auto due = p::oneOf(request, QStringLiteral("due"),
        {QStringLiteral("overdue"), QStringLiteral("today"), QStringLiteral("upcoming")});
    if (auto *error = std::get_if<ApiError>(&due))
        return *error;
    if (const auto &window = std::get<std::optional<QString>>(due)) {
        const auto zoneName = p::value(request, QStringLiteral("tz"));
        const QTimeZone zone = zoneName.isEmpty() ? QTimeZone::utc() : QTimeZone(zoneName.toUtf8());
        if (!zone.isValid())
            return bad(QStringLiteral("tz must be an IANA time zone such as Europe/Berlin"));
        const auto now = context.nowMs();
        const auto local = QDateTime::fromMSecsSinceEpoch(now, zone);
        const auto endOfDay = QDateTime(local.date().addDays(1), QTime(0, 0), zone).toMSecsSinceEpoch();
        where << QStringLiteral("t.state IN ('open', 'snoozed')");
        if (*window == QLatin1String("overdue")) {
            where << QStringLiteral("t.due_at <= ?");
            values << now;
        } else if (*window == QLatin1String("today")) {
            where << QStringLiteral("t.due_at < ?");
            values << endOfDay;
        } else {
            where << QStringLiteral("t.due_at >= ?");
            values << endOfDay;
        }
    }
    if (pageRequest.after)
        where << keysetClause(pageRequest.sort, QStringLiteral("t.id"), *pageRequest.after, values);
    QString sql
        = QStringLiteral("SELECT t.id, ") + pageRequest.sort.expression + QStringLiteral(" FROM tasks t");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY ") + orderClause(pageRequest.sort, QStringLiteral("t.id"))
        + QStringLiteral(" LIMIT ?");
    const auto ids = keysetPage(context, sql, values, pageRequest.limit, pageRequest.sort.name);
    QJsonArray data;
    for (const auto id : ids.ids) {
        if (const auto task = TaskRepository::find(context, id))
            data.append(task->toJson());
    }
    return ApiResponse::json(200,
        QJsonObject {{QStringLiteral("data"), data},
            {QStringLiteral("next_cursor"), ids.next ? QJsonValue(encodeCursor(*ids.next)) : QJsonValue()},
            {QStringLiteral("has_more"), ids.next.has_value()},
            {QStringLiteral("limit"), pageRequest.limit}});
}

ApiResult getTask(SqlContext &context, const ApiRequest &request)
{
    const auto id = pathId(request);
    const auto task = id ? TaskRepository::find(context, *id) : std::nullopt;
    if (!task)
        return notFound(request);
    return ApiResponse::json(200, task->toJson());
}

ApiResult createTask(SqlContext &context, const ApiRequest &request)
{
    const auto body = bodyOf(request);
    if (const auto *error = std::get_if<ApiError>(&body))
        return *error;
    FollowUpTask task;
    task.source = TaskSource::Api;
    if (auto error = apply(context, std::get<QJsonObject>(body), task, true))
        return *error;
    const auto id = TaskRepository::create(context, task, request.recordId);
    return ApiResponse::json(201, TaskRepository::find(context, id).value_or(task).toJson());
}

ApiResult updateTask(SqlContext &context, const ApiRequest &request)
{
    const auto id = pathId(request);
    const auto before = id ? TaskRepository::find(context, *id) : std::nullopt;
    if (!before)
        return notFound(request);
    const auto body = bodyOf(request);
    if (const auto *error = std::get_if<ApiError>(&body))
        return *error;
    const auto &input = std::get<QJsonObject>(body);
    auto changed = *before;
    if (auto error = apply(context, input, changed, false))
        return *error;
    // Snoozed without a new due time: an hour from now, or from the due time if that is later.
    if (changed.state == TaskState::Snoozed && before->state != TaskState::Snoozed
        && !input.contains(QStringLiteral("dueAt")))
        changed.dueAt = std::max(context.nowMs(), before->dueAt) + snoozeMs;
    if (changed.state == TaskState::Snoozed && changed.dueAt <= context.nowMs())
        return bad(QStringLiteral("a snoozed task needs a dueAt in the future"));
    return ApiResponse::json(200, TaskRepository::save(context, *before, changed, request.recordId).toJson());
}

ApiResult getRules(SqlContext &context, const ApiRequest &)
{
    return ApiResponse::json(200,
        QJsonObject {{QStringLiteral("unansweredCallRetry"), UnansweredCallRetry::load(context).toJson()}});
}

ApiResult putRules(SqlContext &context, const ApiRequest &request)
{
    const auto body = bodyOf(request);
    if (const auto *error = std::get_if<ApiError>(&body))
        return *error;
    const auto &input = std::get<QJsonObject>(body);
    for (auto it = input.begin(); it != input.end(); ++it) {
        if (it.key() != QLatin1String("unansweredCallRetry"))
            return bad(QStringLiteral("unknown field %1 (known: unansweredCallRetry)").arg(it.key()));
    }
    auto rule = UnansweredCallRetry::load(context);
    const auto retry = input.value(QStringLiteral("unansweredCallRetry"));
    if (!retry.isUndefined()) {
        if (!retry.isObject())
            return bad(
                QStringLiteral("unansweredCallRetry must be an object {\"enabled\", \"delayMinutes\"}"));
        const auto object = retry.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() != QLatin1String("enabled") && it.key() != QLatin1String("delayMinutes"))
                return bad(QStringLiteral("unknown field unansweredCallRetry.%1").arg(it.key()));
        }
        if (object.contains(QStringLiteral("enabled"))) {
            if (!object.value(QStringLiteral("enabled")).isBool())
                return bad(QStringLiteral("unansweredCallRetry.enabled must be true or false"));
            rule.enabled = object.value(QStringLiteral("enabled")).toBool();
        }
        if (object.contains(QStringLiteral("delayMinutes"))) {
            const auto delay = object.value(QStringLiteral("delayMinutes"));
            if (!delay.isDouble() || delay.toDouble() != double(delay.toInt()) || delay.toInt() < 0
                || delay.toInt() > 7 * 24 * 60)
                return bad(QStringLiteral(
                    "unansweredCallRetry.delayMinutes must be a whole number from 0 to 10080"));
            rule.delayMinutes = delay.toInt();
        }
    }
    UnansweredCallRetry::save(context, rule);
    return ApiResponse::json(200, QJsonObject {{QStringLiteral("unansweredCallRetry"), rule.toJson()}});
}

} // namespace

std::vector<LeadApiRoute> taskRoutes()
{
    return {
        {"GET", QStringLiteral("/api/tasks"), QStringLiteral("tasks.list"), true, listTasks},
        {"GET", QStringLiteral("/api/tasks/rules"), QStringLiteral("tasks.rules.get"), true, getRules},
        {"PUT", QStringLiteral("/api/tasks/rules"), QStringLiteral("tasks.rules.put"), false, putRules},
        {"GET", QStringLiteral("/api/tasks/{id}"), QStringLiteral("tasks.get"), true, getTask},
        {"POST", QStringLiteral("/api/tasks"), QStringLiteral("tasks.create"), false, createTask},
        {"PUT", QStringLiteral("/api/tasks/{id}"), QStringLiteral("tasks.update"), false, updateTask},
    };
}

} // namespace sb
