#pragma once

#include "domain/FollowUpTask.h"

#include <QList>

class QSqlQuery;
#include <optional>

namespace sb {

class SqlContext;

// Follow-up tasks (schema 19). Every change raises its event in the same transaction: task.created,
// task.completed (state → done), task.due (the reminder).
class TaskRepository
{
public:
    // Stores a new task (id, times and reminded_at are set here) and raises task.created. A task of a
    // rule with a source_ref already stored is not created again: returns the existing one's id.
    static qint64 create(SqlContext &context, FollowUpTask task, const QString &recordId = {});
    static std::optional<FollowUpTask> find(SqlContext &context, qint64 id);
    // Writes `changed` over the stored task `before`: a new due time clears the reminder; done sets
    // completed_at and raises task.completed; leaving done clears it.
    static FollowUpTask save(
        SqlContext &context, const FollowUpTask &before, FollowUpTask changed, const QString &recordId = {});
    // Open or snoozed tasks due at or before `nowMs` whose reminder has not fired for this due time:
    // marks them reminded and raises task.due for each (oldest first, at most `limit`).
    static QList<FollowUpTask> remindDue(SqlContext &context, qint64 nowMs, int limit = 100);

    // For the Dashboard's panel: not-done tasks due before `endOfTodayMs`, oldest first.
    struct DueSummary
    {
        qint64 overdue = 0; // due before now
        qint64 dueToday = 0; // due from now to the end of today
        QList<FollowUpTask> tasks; // the first `limit` of both
    };
    static DueSummary due(SqlContext &context, qint64 nowMs, qint64 endOfTodayMs, int limit = 20);

    // The SELECT list and FROM clause tasks are read with (t = tasks, l = leads), for lists.
    static QString selectSql();
    static FollowUpTask fromRow(const QSqlQuery &query);
};

} // namespace sb
