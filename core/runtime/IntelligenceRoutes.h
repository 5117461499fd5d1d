#pragma once

#include "server/Router.h"

namespace sb {

// GET /api/intelligence/dashboard (seed 000; admin key, /api/communications envelope) with its
// OpenAPI documentation. Query: days (1..365, default 30), tz (IANA zone of the send hours, default
// the machine's). Reads storage/IntelligenceQueries on the reader thread. Its "calls" section and
// GET /api/leads/{id}/calls/analytics (same days and tz; 404 for an unknown lead) are
// storage/CallAnalytics.
void registerIntelligenceRoutes(Router &router);

} // namespace sb
