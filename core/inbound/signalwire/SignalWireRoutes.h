#pragma once

#include "inbound/ProviderSupport.h"
#include "server/Router.h"

namespace sb {

// POST /api/webhooks/signalwire (seed 001): compatibility (LaML) form callbacks, handled like their
// Twilio twins, and JSON call/recording events; signed with SIGNALWIRE_SIGNING_KEY. When
// SIGNALWIRE_ALLOWED_IPS (a CIDR list) is set, other client addresses are refused with 403 (seed 001:
// "Source IP against SignalWire's IP ranges").
void registerSignalWireRoutes(Router &router, ProviderDependencies dependencies);

} // namespace sb
