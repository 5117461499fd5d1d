#pragma once

#include "ProviderAdapter.h"

namespace sb::channels {

// Discord Execute Webhook: POST {webhook_url}?wait=true (other query items such as thread_id are
// kept) with the JSON {"content": ..., "allowed_mentions": {"parse": []}}: content is at most 2000
// characters (longer text is cut with an ellipsis) and mentions in it never ping anyone. With
// wait=true Discord answers 200 with the created message, whose id is the provider id. Errors are
// {"code": n, "message": "...", "errors": {...}}; 429 carries {"retry_after": seconds (float),
// "global": bool} and a Retry-After header. Config: webhook_url (secret: the URL carries the token).
const ProviderAdapter &discordWebhookAdapter();

constexpr qsizetype discordContentLimit = 2000;

} // namespace sb::channels
