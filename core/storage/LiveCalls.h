#pragma once

#include "domain/LiveCall.h"

#include <QHash>
#include <QJsonObject>
#include <optional>

namespace sb {

class SqlContext;

// One event of a running call as the inbound routes hand it over (ElevenLabs conversation events, the
// post-call transcript's turns).
struct LiveCallEvent
{
    CallTurnKind kind = CallTurnKind::Event;
    QString eventType; // as received (user_transcript, agent_response, ...)
    QString text; // the turn, or the corrected agent turn
    QString originalText; // agent_response_correction: the turn as first sent
    std::optional<qint64> position; // ElevenLabs event_id
    qint64 atMs = 0; // the event's own time; 0 = arrival
    QJsonObject raw;
};

// The turns and marks of live calls (table call_turns, schema 21) and the call's one
// conversation.completed. Writes run on the writer inside the request's transaction.
class LiveCalls
{
public:
    // Two turns of one role are the same turn when their positions match, or when their texts match
    // (spacing aside) within this many ms: a post-call transcript after live turns adds nothing.
    static constexpr qint64 sameTurnWindowMs = 5000;

    // Stores the event for calls.id `callId`; false when it repeats a turn already stored.
    // A correction rewrites the agent turn it names (stored before or after it) and marks it
    // interrupted.
    static bool record(SqlContext &context, qint64 callId, const LiveCallEvent &event);
    // Adds the call's turns that have no message yet to the lead's voice thread (agent outbound,
    // caller inbound; message time = event time), when the call has a lead.
    static void syncMessages(SqlContext &context, qint64 callId, const QString &recordId);
    // Marks the call's conversation.completed as raised: true only the first time (in the caller's
    // transaction, so two end events never both raise it).
    static bool claimCompletion(SqlContext &context, qint64 callId);
    // Remembers the telephony call (Twilio CallSid) that carries the AI-agent call `callId`.
    static void linkCall(SqlContext &context, qint64 callId, const QString &callSid);
    // The AI-agent call carried by telephony call `callSid`, if one is linked.
    static std::optional<qint64> callCarriedBy(SqlContext &context, const QString &callSid);

    static std::optional<LiveCallView> read(SqlContext &sql, qint64 callId);
    // The live view of every call of a thread, by calls.id.
    static QHash<qint64, LiveCallView> forConversation(SqlContext &sql, qint64 conversationId);
    // {"state", "endReason", "turns": [{"role", "text", "at", "interrupted", "silenceBeforeSeconds"}],
    //  "events"} as GET /api/calls/{id} adds them.
    static QJsonObject toJson(const LiveCallView &view);
};

} // namespace sb
