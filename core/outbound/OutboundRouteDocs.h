#pragma once

#include "server/Router.h"

namespace sb {

// The OpenAPI documentation of the outbound layer's routes: webhook configurations (seed 001 and
// seed 004 shapes), the event log and its retries, the event catalog.
void documentOutboundRoutes(Router &router);

} // namespace sb
