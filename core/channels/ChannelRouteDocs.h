#pragma once

#include "server/Router.h"

namespace sb {

// The OpenAPI documentation of the channels layer's routes: external services (seed 004), sending
// SMS and conversation messages, AI-agent calls, inbound-email auto-responses.
void documentChannelRoutes(Router &router);

} // namespace sb
