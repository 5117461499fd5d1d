#pragma once

#include "domain/FollowUpTask.h"
#include "http/HttpTypes.h"
#include "server/Router.h"

#include <QTimeZone>
#include <optional>
#include <variant>

namespace sb {

class SqlContext;

// AI action items as tasks (issue 15 item 4): an analysis's action items are proposals; the user
// accepts one (the thread's "Add task" link, or the API) and it becomes a follow-up task with source
// "ai", the lead and conversation of the analysis, the item as title and as due time the date the
// follow-up suggestion names (an ISO date "YYYY-MM-DD", with "THH:MM" when it gives one, else 9:00),
// or else tomorrow 9:00 in the user's zone. Accepting the same item again creates nothing: the task
// made the first time is answered (tasks.source_ref "analysis:<id>:<index>").
namespace ActionItems {

struct Accepted
{
    FollowUpTask task;
    bool created = false; // false: it had been accepted before
};

// Accepts item `index` (0-based) of analysis `analysisId`; raises task.created when it creates the
// task. 404 when there is no such analysis or item.
std::variant<Accepted, ApiError> accept(
    SqlContext &context, qint64 analysisId, int index, const QTimeZone &zone, const QString &recordId = {});

// The id of a call's analysis, if it has one.
std::optional<qint64> analysisOfCall(SqlContext &context, qint64 callId);

// The due time of an accepted item: the first ISO date (and time) in `followUp` when it lies after
// `nowMs`, else 9:00 tomorrow, in `zone`.
qint64 dueAt(const QString &followUp, qint64 nowMs, const QTimeZone &zone);

// "analysis:<id>:<index>"
QString sourceRef(qint64 analysisId, int index);

} // namespace ActionItems

// POST /api/analyses/{id}/action-items/{index}/accept and POST /api/calls/{id}/action-items/{index}/accept
// (admin key, /api/communications envelope; ?tz= for the default due time, default the server's):
// 201 with the new task, 200 with the task of an item accepted before, 404 for an unknown analysis,
// call or item.
void registerActionItemRoutes(Router &router);

} // namespace sb
