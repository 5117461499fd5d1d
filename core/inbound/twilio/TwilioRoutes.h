#pragma once

#include "inbound/ProviderSupport.h"
#include "server/Router.h"

namespace sb {

// Twilio messaging and voice callbacks (seed 000 /twilio/sms, seed 003 /twilio/sms/incoming,
// /sms/status, /voice/status, /voice/recording), signed with TWILIO_AUTH_TOKEN (X-Twilio-Signature
// over the public URL). Answers are TwiML.
void registerTwilioRoutes(Router &router, ProviderDependencies dependencies);

} // namespace sb
