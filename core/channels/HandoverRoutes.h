#pragma once

#include "SendCommands.h"
#include "server/Router.h"

namespace sb {

// The handover API (admin key; Communications envelope like the conversation routes):
//   POST /api/conversations/{id}/evaluate-handover  the rules now: {"handover", "opened", "evaluated"}
//   GET  /api/handovers                             ?state=&conversation_id=&lead_id=, cursor pages
//   GET  /api/handovers/{id}
//   PUT  /api/handovers/{id}                        {"state": "accepted"|"closed", "assignedTo"}
//   GET  /api/handovers/rules                       {"rules": [...], "settings": {...}}
//   PUT  /api/handovers/rules                       {"rules": [{"id", "enabled", "params"}], "settings"}
// Each route carries its OpenAPI documentation.
void registerHandoverRoutes(Router &router, const SendSettings &settings);

} // namespace sb
