#pragma once

#include "server/Router.h"

namespace sb {

// The OpenAPI documentation of the leads REST routes (leads/LeadApiRoutes.h). The leads layer sits
// below the server and hands its routes over as a table that Runtime registers, so their
// documentation lives here, next to that registration.
void documentLeadRoutes(Router &router);

} // namespace sb
