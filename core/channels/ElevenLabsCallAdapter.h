#pragma once

#include "ProviderAdapter.h"

namespace sb::channels {

// ElevenLabs Agents (Conversational AI) "Outbound call via Twilio"
// (elevenlabs.io/docs/conversational-ai/api-reference/twilio/outbound-call; elevenlabs-python
// conversational_ai/twilio/raw_client.py): POST {base}/v1/convai/twilio/outbound-call, header
// xi-api-key, JSON {agent_id, agent_phone_number_id, to_number, conversation_initiation_client_data:
// {dynamic_variables: {...}}}. The answer (TwilioOutboundCallResponse) is {success, message,
// conversation_id, callSid}: providerId is conversation_id and providerStatus carries the Twilio
// callSid. `success: false` is Rejected with ElevenLabs' message. Errors: 422 {"detail": [{"loc",
// "msg", "type"}]}, others {"detail": {"status", "message"}}.
//
// Config (environment only): api_key, agent_id, agent_phone_number_id, optional base_url. The
// message's `extra` may override agent_id / agent_phone_number_id and carries dynamic_variables
// (an object); `to` is the number to call (E.164).
class ElevenLabsCallAdapter final : public ProviderAdapter
{
public:
    ServiceProvider provider() const override { return ServiceProvider::ElevenLabs; }
    QUrl defaultBaseUrl(const QJsonObject &config) const override;
    ProviderRequest request(
        const OutgoingMessage &message, const QJsonObject &config, const SendContext &context) const override;
    ProviderAnswer interpret(
        int httpStatus, const HeaderList &headers, const QByteArray &body) const override;
};

const ProviderAdapter &elevenLabsCallAdapter();

} // namespace sb::channels
