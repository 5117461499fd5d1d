#pragma once

#include "ProviderAdapter.h"

namespace sb::channels {

// Microsoft Teams through a Workflows webhook ("When a Teams webhook request is received", the
// replacement for the retired Office 365 connectors): POST to the config webhook_url a message
// activity, {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",
// "contentUrl":null,"content":<AdaptiveCard 1.4>}]}, the card holding the subject as a bold
// TextBlock and the body as a wrapped TextBlock. The Workflows trigger reads only Adaptive Card
// attachments (a legacy MessageCard is not rendered), and the same payload is accepted by the
// legacy incoming webhook. Answers: 202 Accepted (Workflows) or 200 "1" (legacy); errors are
// {"error":{"code","message"}} (Power Automate) or text, 429 with Retry-After.
// Config: webhook_url (secret).
const ProviderAdapter &teamsWebhookAdapter();

} // namespace sb::channels
