#pragma once

#include "domain/Outbox.h"

#include <QString>
#include <optional>

namespace sb {

class SqlContext;

// The call row of an outbound AI-agent call queued through the outbox. Until ElevenLabs answers,
// the row's reference is the outbox idempotency key; when the call is accepted it becomes
// ElevenLabs' conversation_id (the post-call webhook's key) and the Twilio callSid is kept in the
// call.* event payload.
class OutboundCalls
{
public:
    static QString provisionalPrefix() { return QStringLiteral("call:"); }
    // Applies the outbox result of a voice entry: accepted → reference = conversationId, status
    // initiated; final failure → status failed. Nothing for other channels or retries.
    static void recordOutcome(SqlContext &context, const OutboxEntry &entry, OutboxStatus status,
        const QString &conversationId, const QString &callSid, const QString &error);
};

} // namespace sb
