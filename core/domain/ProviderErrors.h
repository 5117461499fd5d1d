#pragma once

#include <QString>

namespace sb {

// A provider's error on a message, as a person reads it in the thread, the tray and the logs:
//   code and message  → "Twilio error 30003: Unreachable destination handset"
//   code only         → the same, with the provider's documented title for codes we know
//                       (Twilio's status callbacks carry ErrorCode without a message), else
//                       "Twilio error 30999"
//   message only      → the message
// `provider` is the stored provider name ("twilio", "signalwire", "mailgun", ...).
QString providerErrorText(const QString &provider, const QString &code, const QString &message);

// The documented title of a Twilio Programmable Messaging error code (twilio.com/docs/api/errors/<code>),
// empty for a code not in the table.
QString twilioErrorTitle(const QString &code);

} // namespace sb
