#pragma once

#include "LeadApiRoutes.h"

namespace sb {

// Lead scoring over the API (admin key, /api/communications envelope):
//   GET /api/leads/scoring        leads by score (desc), filters min_score and status, keyset pages
//                                 (limit, cursor -> next_cursor); each {leadId, name, status, score,
//                                 reasons: [{points, reason}], computedAt}
//   GET /api/leads/status-rules   the automatic status rules
//   PUT /api/leads/status-rules   {"rules": [{"id", "enabled"?, "fromStatuses"?, "toStatus"?}]}
std::vector<LeadApiRoute> leadScoringRoutes();

} // namespace sb
