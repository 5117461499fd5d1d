#pragma once

#include "inbound/ProviderSupport.h"
#include "server/Router.h"

namespace sb {

// ElevenLabs (seed 001 /elevenlabs; seed 003 /post-call, /conversation-events,
// /conversation-initiation). ElevenLabs-Signature with ELEVENLABS_WEBHOOK_SECRET, or the
// per-endpoint secrets of seed 003 when set. /conversation-initiation also accepts a shared header
// secret (ELEVENLABS_INITIATION_HEADER names the header, default X-Initiation-Secret;
// ELEVENLABS_INITIATION_SECRET is its value), the way ElevenLabs' dashboard can call it, and
// answers ElevenLabs' conversation_initiation_client_data object.
void registerElevenLabsRoutes(Router &router, ProviderDependencies dependencies);

} // namespace sb
