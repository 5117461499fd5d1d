#pragma once

#include "SendCommands.h"

#include <QJsonObject>
#include <QString>

namespace sb {

class SqlContext;

// Failed-SMS handling (seed 003): when an SMS we sent ends failed or undelivered and the SMS
// service that sent it names a `fallback_email_service_id`, the same text goes to the lead by email
// through that service — once per SMS (the outbox idempotency key "sms-fallback:<message id>"), never
// to a do-not-contact lead or one without an address. The SMS's own events record what was decided.
enum class SmsFallbackOutcome
{
    Queued, // the email is in the outbox
    NotApplicable, // not an outbound SMS, not failed, or sent outside the outbox
    NoFallback, // the service names no fallback email service
    NoEmail, // the lead has no email address
    DoNotContact,
    AlreadyQueued, // this SMS's fallback was queued before
    Refused // the send command refused it (e.g. the fallback service is gone or inactive)
};
QString smsFallbackOutcomeName(SmsFallbackOutcome outcome);

struct SmsFallbackResult
{
    SmsFallbackOutcome outcome = SmsFallbackOutcome::NotApplicable;
    qint64 emailMessageId = 0; // Queued / AlreadyQueued
    QString detail; // Refused: why
};

class SmsFallback
{
public:
    static QString keyPrefix() { return QStringLiteral("sms-fallback:"); }
    // The decision for one message (runs on the writer: queues in the caller's job).
    static SmsFallbackResult forMessage(SqlContext &context, qint64 messageId, const SendSettings &settings);
    // For a message.updated payload whose status became failed or undelivered.
    static SmsFallbackResult onMessageUpdated(
        SqlContext &context, const QJsonObject &payload, const SendSettings &settings);
    // After a restart: failed SMS updated since `sinceMs` whose fallback was never decided (the
    // instance stopped between the status and the fallback) get it now. Returns how many were queued.
    static int sweep(SqlContext &context, qint64 sinceMs, const SendSettings &settings);
    // Whether a message.updated payload is one onMessageUpdated() acts on.
    static bool concerns(const QJsonObject &payload);
};

} // namespace sb
