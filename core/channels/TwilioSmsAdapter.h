#pragma once

#include "ProviderAdapter.h"

namespace sb::channels {

// Twilio Programmable Messaging, "Create a Message resource"
// (twilio.com/docs/messaging/api/message-resource): POST
// {base}/2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP Basic AccountSid:AuthToken, form fields To,
// From and/or MessagingServiceSid, Body, StatusCallback. 201 answers the Message (sid, status); errors answer
// {code, message, more_info, status} (e.g. 400 code 21211 for an invalid To, 429 code 20429).
//
// Idempotency: Twilio's Messages API takes no idempotency key (no header, no parameter); its error
// page 20500 (twilio.com/docs/errors/20500) says a message-sending POST is not idempotent and a retry
// after a 5xx may deliver twice. (I-Twilio-Idempotency-Token is a header Twilio puts on the webhooks
// it sends, not one it reads.) The message's idempotencyKey is therefore not sent.
//
// Config: account_sid, auth_token, from_number and/or messaging_service_sid, optional base_url. The
// message's `from` overrides from_number.
class TwilioSmsAdapter final : public ProviderAdapter
{
public:
    ServiceProvider provider() const override { return ServiceProvider::Twilio; }
    QUrl defaultBaseUrl(const QJsonObject &config) const override;
    ProviderRequest request(
        const OutgoingMessage &message, const QJsonObject &config, const SendContext &context) const override;
    ProviderAnswer interpret(
        int httpStatus, const HeaderList &headers, const QByteArray &body) const override;
};

const ProviderAdapter &twilioSmsAdapter();

} // namespace sb::channels
