#pragma once

#include "server/Router.h"

#include <QProcessEnvironment>

namespace sb {

struct CallDependencies
{
    QString phoneRegion = QStringLiteral("US");
    QProcessEnvironment environment; // ELEVENLABS_* (EnvironmentServices), ELEVENLABS_API_BASE_URL
};

// POST /api/elevenlabs/outbound-call (seed 003, admin key) {leadId | toNumber, agentId?,
// agentPhoneNumberId?, dynamicVariables?}: the lead is found by id, or by number (created when
// unknown); do-not-contact → 409. The call is queued through the outbox (channel voice, provider
// elevenlabs) with the lead's name and recent history as dynamic variables, and appears at once in
// the lead's voice thread as a queued call; 202 with the call. When ElevenLabs accepts, the call
// takes its conversation_id as reference, so the post-call webhook fills the same row.
void registerCallRoutes(Router &router, const CallDependencies &dependencies);

} // namespace sb
