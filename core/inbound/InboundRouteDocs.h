#pragma once

#include "server/Router.h"

namespace sb {

// The OpenAPI documentation of the inbound layer's routes (CRM webhooks and logs, provider callbacks,
// the test webhook, replay), attached to the registered routes (Router::document).
void documentInboundRoutes(Router &router);

} // namespace sb
