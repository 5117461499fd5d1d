#pragma once

#include "ProviderAdapter.h"

namespace sb::channels {

// Amazon SNS "Publish" to a phone number (docs.aws.amazon.com/sns/latest/api/API_Publish.html), Query
// API: POST https://sns.{region}.amazonaws.com/ with an application/x-www-form-urlencoded body
// Action=Publish, Version=2010-03-31, PhoneNumber (E.164), Message, signed with Signature Version 4
// (service "sns"). A sender id goes in the documented SMS message attribute AWS.SNS.SMS.SenderID
// (MessageAttributes.entry.N.Name / .Value.DataType=String / .Value.StringValue). The answer is XML:
// PublishResponse/PublishResult/MessageId; errors are ErrorResponse/Error/{Type, Code, Message}.
// Throttling codes (Throttling, ThrottlingException, ThrottledException) and InternalError /
// InternalFailure / ServiceUnavailable are retried whatever their status; other 4xx are refusals.
//
// Idempotency: Publish to a phone number takes no idempotency token (MessageDeduplicationId is for
// FIFO topics only), so a retry after a lost answer may send twice.
//
// Config: access_key_id, secret_access_key, region, optional session_token, optional sender_id,
// optional base_url (replaces scheme, host and port; the signature covers the host called). The
// message's `from` overrides sender_id.
class AwsSnsAdapter final : public ProviderAdapter
{
public:
    ServiceProvider provider() const override { return ServiceProvider::AwsSns; }
    QUrl defaultBaseUrl(const QJsonObject &config) const override;
    ProviderRequest request(
        const OutgoingMessage &message, const QJsonObject &config, const SendContext &context) const override;
    ProviderAnswer interpret(
        int httpStatus, const HeaderList &headers, const QByteArray &body) const override;
};

const ProviderAdapter &awsSnsAdapter();

// True for the AWS error codes that mean "slow down" or "try again" (shared with SES).
bool isAwsRetryableCode(const QString &code);

} // namespace sb::channels
