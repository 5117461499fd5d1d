#pragma once

#include "domain/Outbox.h"
#include "http/HttpTypes.h"

#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <optional>

namespace sb {

class SqlContext;

// An AI-agent call to place: POST /api/elevenlabs/outbound-call reads it from the body, the
// console's Call button fills it.
struct CallRequest
{
    std::optional<qint64> leadId;
    QString toNumber; // E.164; empty: the lead's phone
    QString agentId; // empty: the service's agent
    QString agentPhoneNumberId;
    QJsonObject dynamicVariables; // strings, numbers and booleans; win over ours
};

// The call row of an outbound AI-agent call queued through the outbox. Until ElevenLabs answers,
// the row's reference is the outbox idempotency key; when the call is accepted it becomes
// ElevenLabs' conversation_id (the post-call webhook's key) and the Twilio callSid is kept in the
// call.* event payload.
class OutboundCalls
{
public:
    static QString provisionalPrefix() { return QStringLiteral("call:"); }
    // The call command, on the writer's SqlContext (one job = one commit): the lead is found by id
    // (404), or by number (created when unknown); a lead without a phone: 400; do-not-contact: 409
    // naming the reason; no ElevenLabs service: the resolver's error. The call row (queued) appears
    // in the voice thread and its request is queued through the outbox with the lead's name and
    // recent history as dynamic variables; 202 with {success, leadId, callId, messageId, outboxId,
    // status, call}.
    static ApiResult queue(SqlContext &context, const CallRequest &call, const QString &phoneRegion,
        const QProcessEnvironment &environment);
    // Applies the outbox result of a voice entry: accepted → reference = conversationId, status
    // initiated; final failure → status failed. Nothing for other channels or retries.
    static void recordOutcome(SqlContext &context, const OutboxEntry &entry, OutboxStatus status,
        const QString &conversationId, const QString &callSid, const QString &error);
};

} // namespace sb
