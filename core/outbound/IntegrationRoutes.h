#pragma once

#include "server/Router.h"

namespace sb {

class ApiKeyRegistry;

// The API for the team's other tools: /api/keys (named keys with scopes; admin keys only) and
// POST /api/events (a write key raises a catalog event to the subscribed webhook configurations).
void registerIntegrationRoutes(Router &router, ApiKeyRegistry &keys);

} // namespace sb
