#pragma once

#include "ProviderAdapter.h"

namespace sb::channels {

// Mailgun Messages API: POST {base}/v3/{domain}/messages, HTTP Basic `api:<api_key>`, a
// multipart/form-data body with from ("Name <email>"), to, subject, text, html, the user variable
// v:switchboard_message_id and one h:<Name> part per entry of message.extra["headers"] (an object of
// strings; names that are not RFC 5322 field names are skipped, line breaks in values are folded to
// spaces). 200 answers {"id":"<...>","message":"Queued. Thank you."}; errors are {"message":...} or
// plain text ("Forbidden" for a wrong key). EU domains use base_url https://api.eu.mailgun.net.
// Config: api_key (secret), domain, from_email, optional from_name, optional base_url.
const ProviderAdapter &mailgunAdapter();

} // namespace sb::channels
