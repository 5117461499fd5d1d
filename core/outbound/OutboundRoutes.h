#pragma once

#include "server/Router.h"

namespace sb {

class DeliveryFanout;
class Dispatcher;

struct OutboundDependencies
{
    Dispatcher &dispatcher;
    DeliveryFanout &fanout;
};

// Seed 001: /api/webhooks/config (CRUD + test), /api/webhooks/event-types.
void registerConfigRoutes(Router &router, OutboundDependencies dependencies);
// Seed 004: /api/communications/webhooks/ (CRUD, logs, test) over the same configurations.
void registerCommunicationsRoutes(Router &router, OutboundDependencies dependencies);
// Seed 001: /api/webhooks/events (history of inbound and outbound records), event detail, retry.
void registerEventRoutes(Router &router);

} // namespace sb
