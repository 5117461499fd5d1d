#include "TaskRepository.h"

#include "SqlWorker.h"

#include <QSqlQuery>

namespace sb {

namespace {

QVariant idOrNull(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant();
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QJsonObject payloadOf(const FollowUpTask &task)
{
    return {{QStringLiteral("taskId"), task.id},
        {QStringLiteral("leadId"), idOrNull(task.leadId).toJsonValue()},
        {QStringLiteral("task"), task.toJson()}};
}

QString recordOf(const QString &recordId, const FollowUpTask &task)
{
    return recordId.isEmpty() ? QStringLiteral("task:%1").arg(task.id) : recordId;
}

} // namespace

QString TaskRepository::selectSql()
{
    return QStringLiteral(
        "SELECT t.id, t.lead_id, t.conversation_id, t.title, t.notes, t.due_at, t.owner, t.state, t.source, "
        "t.source_ref, t.reminded_at, t.created_at, t.updated_at, t.completed_at, "
        "TRIM(COALESCE(l.first_name, '') || ' ' || COALESCE(l.last_name, '')) "
        "FROM tasks t LEFT JOIN leads l ON l.id = t.lead_id");
}

FollowUpTask TaskRepository::fromRow(const QSqlQuery &query)
{
    FollowUpTask task;
    task.id = query.value(0).toLongLong();
    task.leadId = query.value(1).toLongLong();
    task.conversationId = query.value(2).toLongLong();
    task.title = query.value(3).toString();
    task.notes = query.value(4).toString();
    task.dueAt = query.value(5).toLongLong();
    task.owner = query.value(6).toString();
    task.state = taskStateFromName(query.value(7).toString()).value_or(TaskState::Open);
    task.source = taskSourceFromName(query.value(8).toString()).value_or(TaskSource::Manual);
    task.sourceRef = query.value(9).toString();
    task.remindedAt = query.value(10).toLongLong();
    task.createdAt = query.value(11).toLongLong();
    task.updatedAt = query.value(12).toLongLong();
    task.completedAt = query.value(13).toLongLong();
    task.leadName = query.value(14).toString();
    return task;
}

qint64 TaskRepository::create(SqlContext &context, FollowUpTask task, const QString &recordId)
{
    if (!task.sourceRef.isEmpty()) {
        auto &existing
            = context.run(QStringLiteral("SELECT id FROM tasks WHERE source = ? AND source_ref = ?"),
                {taskSourceName(task.source), task.sourceRef});
        const auto id = existing.next() ? existing.value(0).toLongLong() : 0;
        existing.finish();
        if (id > 0)
            return id;
    }
    const auto now = context.nowMs();
    task.createdAt = task.updatedAt = now;
    task.remindedAt = 0;
    task.completedAt = task.state == TaskState::Done ? now : 0;
    task.id = context.write(
        QStringLiteral(
            "INSERT INTO tasks(lead_id, conversation_id, title, notes, due_at, owner, state, source, "
            "source_ref, created_at, updated_at, completed_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {idOrNull(task.leadId), idOrNull(task.conversationId), task.title, textOrNull(task.notes), task.dueAt,
            textOrNull(task.owner), taskStateName(task.state), taskSourceName(task.source),
            textOrNull(task.sourceRef), now, now,
            task.completedAt > 0 ? QVariant(task.completedAt) : QVariant()});
    const auto stored = find(context, task.id).value_or(task);
    context.raise(QStringLiteral("task.created"), recordOf(recordId, stored), payloadOf(stored));
    return task.id;
}

std::optional<FollowUpTask> TaskRepository::find(SqlContext &context, qint64 id)
{
    auto &query = context.run(selectSql() + QStringLiteral(" WHERE t.id = ?"), {id});
    std::optional<FollowUpTask> task;
    if (query.next())
        task = fromRow(query);
    query.finish();
    return task;
}

FollowUpTask TaskRepository::save(
    SqlContext &context, const FollowUpTask &before, FollowUpTask changed, const QString &recordId)
{
    const auto now = context.nowMs();
    changed.id = before.id;
    changed.updatedAt = now;
    if (changed.dueAt != before.dueAt)
        changed.remindedAt = 0;
    if (changed.state == TaskState::Done && before.state != TaskState::Done)
        changed.completedAt = now;
    else if (changed.state != TaskState::Done)
        changed.completedAt = 0;
    context
        .run(QStringLiteral(
                 "UPDATE tasks SET lead_id = ?, title = ?, notes = ?, due_at = ?, owner = ?, state = ?, "
                 "reminded_at = ?, updated_at = ?, completed_at = ? WHERE id = ?"),
            {idOrNull(changed.leadId), changed.title, textOrNull(changed.notes), changed.dueAt,
                textOrNull(changed.owner), taskStateName(changed.state),
                changed.remindedAt > 0 ? QVariant(changed.remindedAt) : QVariant(), now,
                changed.completedAt > 0 ? QVariant(changed.completedAt) : QVariant(), changed.id})
        .finish();
    const auto stored = find(context, changed.id).value_or(changed);
    if (stored.state == TaskState::Done && before.state != TaskState::Done)
        context.raise(QStringLiteral("task.completed"), recordOf(recordId, stored), payloadOf(stored));
    return stored;
}

QList<FollowUpTask> TaskRepository::remindDue(SqlContext &context, qint64 nowMs, int limit)
{
    QList<FollowUpTask> due;
    auto &query = context.run(selectSql()
            + QStringLiteral(" WHERE t.state IN (?, ?) AND t.due_at <= ? AND t.reminded_at IS NULL "
                             "ORDER BY t.due_at, t.id LIMIT ?"),
        {taskStateName(TaskState::Open), taskStateName(TaskState::Snoozed), nowMs, limit});
    while (query.next())
        due.append(fromRow(query));
    query.finish();
    for (auto &task : due) {
        task.remindedAt = nowMs;
        context.write(QStringLiteral("UPDATE tasks SET reminded_at = ? WHERE id = ?"), {nowMs, task.id});
        context.raise(QStringLiteral("task.due"), recordOf({}, task), payloadOf(task));
    }
    return due;
}

TaskRepository::DueSummary TaskRepository::due(
    SqlContext &context, qint64 nowMs, qint64 endOfTodayMs, int limit)
{
    DueSummary summary;
    const QVariantList states {taskStateName(TaskState::Open), taskStateName(TaskState::Snoozed)};
    auto &counts
        = context.run(QStringLiteral("SELECT COALESCE(SUM(due_at <= ?), 0), COALESCE(SUM(due_at > ?), 0) "
                                     "FROM tasks WHERE state IN (?, ?) AND due_at < ?"),
            {nowMs, nowMs, states.at(0), states.at(1), endOfTodayMs});
    if (counts.next()) {
        summary.overdue = counts.value(0).toLongLong();
        summary.dueToday = counts.value(1).toLongLong();
    }
    counts.finish();
    auto &rows = context.run(selectSql()
            + QStringLiteral(" WHERE t.state IN (?, ?) AND t.due_at < ? ORDER BY t.due_at, t.id LIMIT ?"),
        {states.at(0), states.at(1), endOfTodayMs, limit});
    while (rows.next())
        summary.tasks.append(fromRow(rows));
    rows.finish();
    return summary;
}

} // namespace sb
