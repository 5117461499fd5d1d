#pragma once

#include "server/Router.h"

namespace sb {

// The campaigns API of issue 14 (admin key; the /api/communications family's envelope, errors
// {"detail": ".."}):
//   GET/POST /api/campaigns, GET/PUT/DELETE /api/campaigns/{id},
//   POST /api/campaigns/{id}/execute|pause|resume|cancel (409 naming the current state when the
//   transition is not allowed), GET /api/campaigns/{id}/recipients (state filter, keyset pages),
//   GET /api/campaigns/{id}/analytics (counts, rates, timeline, byHour).
// Templates are checked at save: an unknown placeholder is a 400 naming it. The sending itself is
// CampaignRunner's.
void registerCampaignApiRoutes(Router &router);

// The highest throttlePerMinute a campaign accepts (0: no limit).
constexpr qint64 campaignMaxThrottle = 60000;

} // namespace sb
