#pragma once

#include "server/Router.h"

namespace sb {

// POST /api/webhooks/test (seed 000): accepts any payload (JSON, form, text), records it and answers
// with a receipt id. Rate limited per client; needs no signature.
void registerTestWebhook(Router &router);

} // namespace sb
