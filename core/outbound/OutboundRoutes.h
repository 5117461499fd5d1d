#pragma once

#include "server/Router.h"

#include <functional>

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

struct RelayDependencies
{
    Dispatcher &dispatcher; // its URL policy checks relay targets when saved
    DeliveryFanout &fanout; // queues the relays; given `originalUrl`
    // The public URL a provider signed (inbound PublicUrl), sent as X-Switchboard-Original-Url.
    std::function<QByteArray(const ApiRequest &)> originalUrl;
};
// Issue 13 item 9: /api/relays (relay targets: CRUD, their relays and attempts).
void registerRelayRoutes(Router &router, RelayDependencies dependencies);

} // namespace sb
