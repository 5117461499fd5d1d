#pragma once

#include "inbound/ProviderSupport.h"
#include "server/Router.h"

namespace sb {

// POST /api/webhooks/campaign/execute (seed 000: "Trigger campaign execution from external
// schedulers ... Token-based authentication"): Authorization: Bearer CAMPAIGN_WEBHOOK_TOKEN. Records
// the execution request (campaign_runs), raises campaign.started and answers a status report with the
// leads it covers and those skipped as do-not-contact. A campaignId of the campaigns API
// (/api/campaigns) starts that campaign (narrowed to leadIds when given); the campaign runner sends
// it to completion and the report carries its progress.
void registerCampaignRoutes(Router &router, ProviderDependencies dependencies);

} // namespace sb
