#pragma once

namespace sb {

class Router;

// The OpenAPI documentation of the /api/campaigns routes (registerCampaignApiRoutes).
void documentCampaignRoutes(Router &router);

} // namespace sb
