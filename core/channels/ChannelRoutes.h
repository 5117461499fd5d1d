#pragma once

#include "server/Router.h"

namespace sb {

// Seed 004: /api/communications/external-services/ (register, list with filters, get, partial
// update, delete), admin-key protected; configs answered with their secrets masked.
void registerExternalServiceRoutes(Router &router);

} // namespace sb
