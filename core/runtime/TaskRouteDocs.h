#pragma once

#include "server/Router.h"

namespace sb {

// The OpenAPI documentation of the follow-up task routes (leads/TaskRoutes.h).
void documentTaskRoutes(Router &router);

} // namespace sb
