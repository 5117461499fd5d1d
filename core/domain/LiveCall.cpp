#include "LiveCall.h"

#include "EnumNames.h"

namespace sb {

namespace {

constexpr EnumNameTable<LiveCallState, 4> liveCallStates {
    {{LiveCallState::Initiated, "initiated"}, {LiveCallState::Ringing, "ringing"},
        {LiveCallState::InProgress, "in_progress"}, {LiveCallState::Ended, "ended"}}};

constexpr EnumNameTable<CallTurnKind, 5> callTurnKinds {{{CallTurnKind::Agent, "agent"},
    {CallTurnKind::User, "user"}, {CallTurnKind::Interruption, "interruption"},
    {CallTurnKind::Correction, "correction"}, {CallTurnKind::Event, "event"}}};

} // namespace

QString liveCallStateName(LiveCallState state)
{
    return enumName(liveCallStates, state);
}

std::optional<LiveCallState> liveCallStateFromName(QStringView name)
{
    return enumFromName(liveCallStates, name);
}

QStringList liveCallStateNames()
{
    QStringList names;
    for (const auto &[state, name] : liveCallStates)
        names.append(QString::fromLatin1(name));
    return names;
}

LiveCallState liveCallStateOf(CallStatus status)
{
    switch (callStatusRank(status)) {
    case 0:
    case 1:
        return LiveCallState::Initiated;
    case 2:
        return LiveCallState::Ringing;
    case 3:
        return LiveCallState::InProgress;
    default:
        return LiveCallState::Ended;
    }
}

QString callTurnKindName(CallTurnKind kind)
{
    return enumName(callTurnKinds, kind);
}

std::optional<CallTurnKind> callTurnKindFromName(QStringView name)
{
    return enumFromName(callTurnKinds, name);
}

} // namespace sb
