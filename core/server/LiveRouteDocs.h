#pragma once

#include "Router.h"

namespace sb {

// The OpenAPI documentation of the live streams: GET /ws (the WebSocket upgrade, its frames in the
// description) and the two SSE streams (text/event-stream).
void documentLiveRoutes(Router &router);

} // namespace sb
