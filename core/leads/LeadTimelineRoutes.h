#pragma once

#include "LeadApiRoutes.h"

namespace sb {

// GET /api/leads/{id}/timeline (admin key, /api/communications envelope): the lead's history across
// channels, newest first (storage/LeadTimeline); ?kinds=sms,email,... (default all), limit, cursor.
std::vector<LeadApiRoute> leadTimelineRoutes();

} // namespace sb
