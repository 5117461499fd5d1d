#pragma once

#include <QJsonObject>
#include <QString>

namespace sb {

class SqlContext;

// ElevenLabs conversation events during a call (the Agents WebSocket's server-to-client events,
// https://elevenlabs.io/docs/conversational-ai/customization/events/client-events, posted to
// /api/webhooks/elevenlabs/conversation-events one per request) drive the call's live state, its
// turns and marks (storage/LiveCalls). Fields read:
// - type (or event_type); the conversation id at the top level, in "data", or in the typed event
//   object (conversation_initiation_metadata_event.conversation_id);
// - the time: event_timestamp (Unix seconds, or ms when above 10^11, or an ISO string) at the top
//   level, in data or in the typed event object; arrival time without one;
// - the position: event_id of the typed event object (or top level);
// - conversation_initiation_metadata: the call is in progress; user_transcript
//   (user_transcription_event.user_transcript) and agent_response (agent_response_event.agent_response):
//   turns; agent_response_correction (agent_response_correction_event.original_agent_response /
//   corrected_agent_response): the agent turn as spoken, marked interrupted; interruption: marks the
//   agent turn before it; ping, vad_score, audio, internal_tentative_agent_response: no record;
//   conversation_ended / conversation_end / call_ended / conversation_completed: the call ends
//   (reason: termination_reason or reason); any other type: kept as an "event" entry of the call;
// - the caller for the lead: caller_id, from_number, external_number, metadata.phone_call.external_number
//   or dynamic_variables.system__caller_id (top level, data, or conversation_initiation_client_data).
class ElevenLabsLiveCalls
{
public:
    // Whether the type ends the conversation.
    static bool isEndEvent(const QString &type);
    // Applies one event; raises conversation.completed when it ends the call first. Returns the call
    // JSON (empty when the event names no conversation).
    static QJsonObject apply(SqlContext &context, const QJsonObject &event, const QString &type,
        const QString &conversation, const QString &phoneRegion, const QString &recordId);
    // The post-call transcript's turns ({"role": "agent"|"user", "message", "time_in_call_secs"}),
    // timed from data.metadata.start_time_unix_secs, stored unless the live events had them.
    static void recordTranscript(
        SqlContext &context, qint64 callId, const QJsonObject &data, const QString &recordId);
    // A Twilio/SignalWire status callback that ended call `callSid`: the AI-agent conversation it
    // carried (linked from the events' call_sid / system__call_sid or the post-call phone_call.call_sid)
    // ends and raises its conversation.completed unless another end event did.
    static void telephonyEnded(SqlContext &context, const QString &callSid, const QString &recordId);
    // Links call `callId` to the telephony call named in the event, if any.
    static void linkTelephony(SqlContext &context, qint64 callId, const QJsonObject &event);
    // Raises conversation.completed for the call unless one was raised already.
    static bool completeOnce(
        SqlContext &context, qint64 callId, const QString &recordId, const QJsonObject &payload);
};

} // namespace sb
