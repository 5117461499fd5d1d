#pragma once

#include "ProviderAdapter.h"

namespace sb::channels {

// Vonage (Nexmo) SMS API, "Send an SMS" (developer.vonage.com/en/api/sms, OpenAPI sms 1.2.0):
// POST {base}/sms/json, application/x-www-form-urlencoded api_key, api_secret, from, to (E.164
// digits, no '+'), text, type=unicode when the text is not GSM-7 (SmsSegments), client-ref (the
// Switchboard message id, at most 100 characters), status-report-req=1 and callback (delivery
// receipt URL, at most 100 characters) when the message has a status callback.
//
// The answer is HTTP 200 even when the message was refused: {"message-count": "1", "messages": [{
// "to", "message-id", "status": "0", ...}]}; a non-zero status carries "error-text"
// (developer.vonage.com/messaging/sms/guides/troubleshooting-sms). Status 1 (Throttled) → Retry,
// every other non-zero status → Rejected; the first part's message-id is the provider id. A long
// text is split by Vonage into several messages, one entry each: the first refused part decides.
//
// Config: api_key, api_secret, from_number (E.164 or an alphanumeric sender), optional base_url.
class VonageSmsAdapter final : public ProviderAdapter
{
public:
    ServiceProvider provider() const override { return ServiceProvider::Nexmo; }
    QUrl defaultBaseUrl(const QJsonObject &config) const override;
    ProviderRequest request(
        const OutgoingMessage &message, const QJsonObject &config, const SendContext &context) const override;
    ProviderAnswer interpret(
        int httpStatus, const HeaderList &headers, const QByteArray &body) const override;
};

const ProviderAdapter &vonageSmsAdapter();

} // namespace sb::channels
