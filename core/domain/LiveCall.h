#pragma once

#include "domain/Messaging.h"

#include <QString>
#include <QStringList>
#include <QStringView>
#include <optional>

namespace sb {

// A call as the thread shows it while it runs: initiated (queued/created/initiated) → ringing → in
// progress (in-progress/answered) → ended (completed/busy/no-answer/failed/canceled).
enum class LiveCallState
{
    Initiated,
    Ringing,
    InProgress,
    Ended
};
// "initiated", "ringing", "in_progress", "ended"
QString liveCallStateName(LiveCallState state);
std::optional<LiveCallState> liveCallStateFromName(QStringView name);
QStringList liveCallStateNames();
LiveCallState liveCallStateOf(CallStatus status);

// What a call_turns row records: a turn of the agent or of the caller, an interruption of the agent,
// an agent_response_correction (the agent's turn as it was actually spoken), or an event type
// Switchboard does not interpret (kept raw, shown as a small entry).
enum class CallTurnKind
{
    Agent,
    User,
    Interruption,
    Correction,
    Event
};
// "agent", "user", "interruption", "correction", "event"
QString callTurnKindName(CallTurnKind kind);
std::optional<CallTurnKind> callTurnKindFromName(QStringView name);

// A gap longer than this between two turns of a call is a silence (ElevenLabs sends no silence event).
inline constexpr int silenceGapSeconds = 8;

// One turn of a call as the API and the thread show it, in event-time order.
struct CallTurn
{
    qint64 id = 0;
    CallTurnKind role = CallTurnKind::Agent; // Agent or User
    QString text;
    qint64 atMs = 0;
    bool interrupted = false;
    int silenceBeforeSeconds = 0; // > 0: a silence of that length before this turn
    qint64 messageId = 0; // its message in the voice thread, 0 while the call has no lead
};

// An event of a call that is not a turn: unknown types (and interruptions, corrections) as received.
struct CallEventEntry
{
    QString type;
    CallTurnKind kind = CallTurnKind::Event;
    qint64 atMs = 0;
};

struct LiveCallView
{
    qint64 callId = 0;
    LiveCallState state = LiveCallState::Initiated;
    CallStatus status = CallStatus::Queued;
    QString endReason;
    qint64 startedAtMs = 0;
    qint64 endedAtMs = 0;
    QList<CallTurn> turns;
    QList<CallEventEntry> events; // unknown event types, oldest first
    int eventCount = 0; // every live event stored for the call (turns, marks, unknown)
};

} // namespace sb
