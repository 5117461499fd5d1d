#pragma once

#include "ProviderAdapter.h"

namespace sb::channels {

// OneSignal Create message, push channel: POST {base}/notifications?c=push with
// `Authorization: Key <api_key>` and a JSON body of app_id, target_channel "push",
// include_subscription_ids (message.to, comma-separated ids), contents/headings {"en": ...}, data
// (message.extra["data"] when it is an object) and idempotency_key. OneSignal requires the key to be
// a UUID and replays the first answer for 30 days: message.idempotencyKey is sent as is when it is a
// UUID, else as the name-based UUID (v5) derived from it, so every attempt carries the same key.
// An answer without a notification id ("id": "" with errors, e.g. no subscribed recipients) is
// Rejected even when the status is 200. Config: app_id (UUID), api_key (secret), optional base_url.
const ProviderAdapter &oneSignalAdapter();

// The idempotency_key sent for `idempotencyKey` (empty for an empty key).
QString oneSignalIdempotencyKey(const QString &idempotencyKey);

} // namespace sb::channels
