#pragma once

#include "ProviderAdapter.h"

namespace sb::channels {

// Amazon SES API v2 "SendEmail" (docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html):
// POST https://email.{region}.amazonaws.com/v2/email/outbound-emails, Content-Type application/json,
// signed with Signature Version 4 (service "ses"). Body: FromEmailAddress, Destination.ToAddresses,
// Content.Simple.{Subject, Body.Text, Body.Html} each {Data, Charset "UTF-8"}. 200 answers
// {"MessageId": "..."}. Errors (REST-JSON protocol) name their type in the X-Amzn-ErrorType header
// ("BadRequestException:..."; the body's "__type"/"code" when the header is absent) and carry
// {"message": "..."}: BadRequestException, MessageRejected, MailFromDomainNotVerifiedException,
// AccountSuspendedException, SendingPausedException, LimitExceededException, NotFoundException
// (400/404) are refusals; TooManyRequestsException (429), throttling codes and 5xx are retried.
//
// Idempotency: SendEmail takes no idempotency token, so a retry after a lost answer may send twice.
//
// Config: access_key_id, secret_access_key, region, from_email, optional from_name, optional
// session_token, optional base_url (replaces scheme, host and port; the signature covers the host
// called). The message's `from` overrides from_email.
class AwsSesAdapter final : public ProviderAdapter
{
public:
    ServiceProvider provider() const override { return ServiceProvider::AwsSes; }
    QUrl defaultBaseUrl(const QJsonObject &config) const override;
    ProviderRequest request(
        const OutgoingMessage &message, const QJsonObject &config, const SendContext &context) const override;
    ProviderAnswer interpret(
        int httpStatus, const HeaderList &headers, const QByteArray &body) const override;
};

const ProviderAdapter &awsSesAdapter();

// `"Name" <address>`, the name RFC 2047-encoded when it is not plain ASCII; the bare address
// without a name.
QString emailWithDisplayName(const QString &address, const QString &name);

} // namespace sb::channels
