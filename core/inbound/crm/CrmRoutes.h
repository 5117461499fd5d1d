#pragma once

#include "server/Router.h"

namespace sb {

class SecretStore;

struct CrmDependencies
{
    const SecretStore &secrets;
};

// Seed 002 under /api/v1/webhooks: the pre-lead and lead endpoints, the generic /incoming router
// (all HMAC-signed with CRM_WEBHOOK_SECRET) and the admin log views.
void registerCrmRoutes(Router &router, CrmDependencies dependencies);

} // namespace sb
