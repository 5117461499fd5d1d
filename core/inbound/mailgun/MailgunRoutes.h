#pragma once

#include "inbound/ProviderSupport.h"
#include "server/Router.h"

namespace sb {

// Mailgun (seed 000): inbound mail forwarded by a route (urlencoded or multipart with attachments)
// and event webhooks (delivered, opened, clicked, failed/bounced, unsubscribed, complained), both
// signed with MAILGUN_WEBHOOK_SIGNING_KEY.
void registerMailgunRoutes(Router &router, ProviderDependencies dependencies);

} // namespace sb
