#pragma once

#include "server/Router.h"

namespace sb {

// The OpenAPI documentation of the recording routes (channels/RecordingRoutes.h).
void documentRecordingRoutes(Router &router);

} // namespace sb
