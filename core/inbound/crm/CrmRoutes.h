#pragma once

#include "server/Router.h"

namespace sb {

class SecretStore;

struct CrmDependencies
{
    const SecretStore &secrets;
    // --phone-region: lead phone numbers are stored in E.164 (phone_e164) for callback lookups.
    QString phoneRegion = QStringLiteral("US");
};

// Seed 002 under /api/v1/webhooks: the pre-lead and lead endpoints, the generic /incoming router
// (all HMAC-signed with CRM_WEBHOOK_SECRET) and the admin log views.
void registerCrmRoutes(Router &router, CrmDependencies dependencies);

} // namespace sb
