#pragma once

#include "server/Router.h"

#include <functional>

namespace sb {

struct RecordingRouteDependencies
{
    std::function<void()> wake; // tells the RecordingFetcher a row is due (any thread)
};

// Kept call recordings over the API (admin key; /api/communications envelope: the resource or a
// list, errors {"detail": ".."}):
//   GET  /api/recordings                filters call_id, state (comma-separated); sort created_at |
//                                       -created_at (default); keyset pages (limit, cursor -> next_cursor)
//   GET  /api/recordings/settings       {"retentionDays", "diskUsageBytes", "files"}
//   PUT  /api/recordings/settings       {"retentionDays": 0..3650} (0 keeps recordings forever)
//   POST /api/recordings/prune          runs the retention job now: {"pruned", ...settings}
//   GET  /api/recordings/{id}           the recording's metadata
//   GET  /api/recordings/{id}/audio     the file with its Content-Type; 404 unless stored
//   POST /api/recordings/{id}/retry     queued again now (409 when it is already stored)
void registerRecordingRoutes(Router &router, RecordingRouteDependencies dependencies);

} // namespace sb
