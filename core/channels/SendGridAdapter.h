#pragma once

#include "ProviderAdapter.h"

namespace sb::channels {

// Twilio SendGrid v3 Mail Send: POST {base}/v3/mail/send, `Authorization: Bearer <api_key>`, a JSON
// body of personalizations (one recipient, custom_args.switchboard_message_id), from, subject and
// content (text/plain before text/html, as the API requires). 202 Accepted carries the message id in
// X-Message-Id; errors are {"errors":[{"message","field","help"}]}. SendGrid documents no
// idempotency key for Mail Send: a retried request after a lost answer may send twice.
// Config: api_key (secret), from_email, optional from_name, optional base_url
// (https://api.eu.sendgrid.com for EU regional subusers).
const ProviderAdapter &sendGridAdapter();

} // namespace sb::channels
