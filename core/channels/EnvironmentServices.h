#pragma once

#include "domain/ExternalService.h"

#include <QProcessEnvironment>
#include <optional>

namespace sb {

// A service configured from environment variables, for a first run without the registry (id 0:
// not stored). Twilio: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_PHONE_NUMBER, optional
// TWILIO_API_BASE_URL. Mailgun: MAILGUN_API_KEY, MAILGUN_DOMAIN, MAILGUN_FROM ("a@b.c" or
// "Name <a@b.c>"), optional MAILGUN_API_BASE_URL. ElevenLabs: ELEVENLABS_API_KEY,
// ELEVENLABS_AGENT_ID, ELEVENLABS_AGENT_PHONE_NUMBER_ID, optional ELEVENLABS_API_BASE_URL.
// nullopt for other providers and unless every required variable is set (blank counts as unset).
// Values are trimmed and not otherwise checked: validateServiceConfig says what is wrong with them.
std::optional<ExternalService> environmentService(
    ServiceProvider provider, const QProcessEnvironment &environment);

} // namespace sb
