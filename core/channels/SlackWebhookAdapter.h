#pragma once

#include "ProviderAdapter.h"

namespace sb::channels {

// Slack incoming webhook: POST the JSON {"text": ...} to the config webhook_url. The subject, when
// given, leads in bold; &, < and > are escaped as Slack's message formatting requires of plain text.
// Slack answers 200 "ok" (text/plain) and errors as one word in a text body with the status:
// 400 invalid_payload / no_text / user_not_found, 403 action_prohibited / invalid_token,
// 404 channel_not_found / no_service, 410 channel_is_archived, 429 with Retry-After, 500 rollup_error.
// Config: webhook_url (secret: the URL carries the token).
const ProviderAdapter &slackWebhookAdapter();

} // namespace sb::channels
