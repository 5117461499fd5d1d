#pragma once

#include "server/Router.h"

namespace sb {

// Registers GET /openapi.json and GET /docs and attaches every layer's route documentation. Called
// after every other route is registered.
void registerApiDocumentation(Router &router);

} // namespace sb
