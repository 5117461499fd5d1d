#pragma once

#include "server/Router.h"

namespace sb {

// Inbound email auto-response rules (admin key):
//   GET    /api/communications/auto-responses            every rule
//   GET    /api/communications/auto-responses/{address}  one rule (404 when none)
//   PUT    /api/communications/auto-responses/{address}  {template, subject?, enabled?, serviceId?,
//                                                          windowHours?} → the rule
//   DELETE /api/communications/auto-responses/{address}
void registerAutoResponseRoutes(Router &router);

} // namespace sb
