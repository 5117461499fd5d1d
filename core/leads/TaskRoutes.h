#pragma once

#include "LeadApiRoutes.h"

namespace sb {

// Follow-up tasks over the API (admin key, /api/communications envelope: the task or a list; errors
// {"detail": ".."}):
//   GET  /api/tasks          filters state, lead_id, owner, due (overdue | today | upcoming, today in
//                            ?tz=, default UTC); sort due_at (default) | created_at, - for descending; keyset
//                            pages (limit, cursor -> next_cursor)
//   GET  /api/tasks/{id}
//   POST /api/tasks          {"title", "dueAt", "leadId"?, "conversationId"?, "owner"?, "notes"?,
//                            "state"?, "source"? (api | manual | ai)} -> 201 and task.created
//   PUT  /api/tasks/{id}     partial; "state": "done" raises task.completed; "snoozed" without a
//                            dueAt moves it an hour on
//   GET  /api/tasks/rules    {"unansweredCallRetry": {"enabled", "delayMinutes"}}
//   PUT  /api/tasks/rules    the same, partial
std::vector<LeadApiRoute> taskRoutes();

} // namespace sb
