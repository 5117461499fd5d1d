#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <optional>

namespace sb {

// A follow-up task's state: open → done, or open → snoozed (a later due time) → open/done.
enum class TaskState
{
    Open,
    Done,
    Snoozed
};
// "open", "done", "snoozed"
QString taskStateName(TaskState state);
std::optional<TaskState> taskStateFromName(QStringView name);
QStringList taskStateNames();

// Where a task came from.
enum class TaskSource
{
    Manual, // made by hand in the console
    Api, // POST /api/tasks
    Ai, // an AI action item the user accepted
    Rule // raised by a rule (a call that ended unanswered)
};
// "manual", "api", "ai", "rule"
QString taskSourceName(TaskSource source);
std::optional<TaskSource> taskSourceFromName(QStringView name);
QStringList taskSourceNames();

// One follow-up task (tasks table). Times are ms since the epoch; 0 = none.
struct FollowUpTask
{
    qint64 id = 0;
    qint64 leadId = 0;
    QString leadName; // read with the task, not stored
    qint64 conversationId = 0;
    QString title;
    QString notes;
    qint64 dueAt = 0;
    QString owner;
    TaskState state = TaskState::Open;
    TaskSource source = TaskSource::Manual;
    QString sourceRef;
    qint64 remindedAt = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 completedAt = 0;

    // {"id", "leadId", "leadName", "conversationId", "title", "notes", "dueAt", "owner", "state",
    //  "source", "remindedAt", "createdAt", "updatedAt", "completedAt"} (times ISO 8601 UTC).
    QJsonObject toJson() const;
    // Due and not done, at `nowMs`.
    bool overdue(qint64 nowMs) const { return state != TaskState::Done && dueAt <= nowMs; }
};

} // namespace sb
