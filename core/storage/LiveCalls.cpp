#include "LiveCalls.h"

#include "MessagingRepository.h"
#include "domain/IsoTime.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QVariant>

namespace sb {

namespace {

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

QString sameText(const QString &text)
{
    return text.simplified().toCaseFolded();
}

// One turn told twice: the same words, or one cut short of the other (an agent turn interrupted, as
// the correction or the post-call transcript gives it).
bool sameWords(const QString &a, const QString &b)
{
    const auto x = sameText(a), y = sameText(b);
    if (x.isEmpty() || y.isEmpty())
        return false;
    if (x == y)
        return true;
    constexpr int shortest = 12;
    return (x.size() >= shortest && y.startsWith(x)) || (y.size() >= shortest && x.startsWith(y));
}

struct StoredRow
{
    qint64 id = 0;
    CallTurnKind kind = CallTurnKind::Event;
    QString eventType;
    QString text;
    QString original;
    std::optional<qint64> position;
    qint64 atMs = 0;
    bool interrupted = false;
    qint64 messageId = 0;
};

QList<StoredRow> rowsOf(SqlContext &sql, qint64 callId)
{
    auto &query = sql.run(
        QStringLiteral("SELECT id, kind, event_type, body, original_body, position, at_ms, interrupted, "
                       "message_id FROM call_turns WHERE call_id = ? ORDER BY at_ms, position, id"),
        {callId});
    QList<StoredRow> rows;
    while (query.next()) {
        StoredRow row;
        row.id = query.value(0).toLongLong();
        row.kind = callTurnKindFromName(query.value(1).toString()).value_or(CallTurnKind::Event);
        row.eventType = query.value(2).toString();
        row.text = query.value(3).toString();
        row.original = query.value(4).toString();
        if (!query.value(5).isNull())
            row.position = query.value(5).toLongLong();
        row.atMs = query.value(6).toLongLong();
        row.interrupted = query.value(7).toInt() != 0;
        row.messageId = query.value(8).toLongLong();
        rows.append(row);
    }
    query.finish();
    return rows;
}

bool isTurn(CallTurnKind kind)
{
    return kind == CallTurnKind::Agent || kind == CallTurnKind::User;
}

// Rewrites the agent turn (and its message) that `original` names with the corrected text.
void applyCorrection(SqlContext &context, const StoredRow &turn, const QString &corrected)
{
    context.run(QStringLiteral("UPDATE call_turns SET original_body = COALESCE(original_body, body), "
                               "body = ?, interrupted = 1 WHERE id = ?"),
        {corrected, turn.id});
    if (turn.messageId > 0)
        context.run(QStringLiteral("UPDATE messages SET body = ?, updated_at = ? WHERE id = ?"),
            {corrected, context.nowMs(), turn.messageId});
}

} // namespace

bool LiveCalls::record(SqlContext &context, qint64 callId, const LiveCallEvent &event)
{
    const auto at = event.atMs > 0 ? event.atMs : context.nowMs();
    const auto rows = rowsOf(context, callId);
    if (isTurn(event.kind)) {
        for (const auto &row : rows) {
            if (row.kind != event.kind)
                continue;
            if (row.position && event.position && *row.position == *event.position)
                return false;
            const bool textMatches = sameWords(row.text, event.text) || sameWords(row.original, event.text);
            if (textMatches && qAbs(row.atMs - at) <= sameTurnWindowMs)
                return false;
        }
    }
    if (event.kind == CallTurnKind::Correction) {
        const auto original = sameText(event.originalText);
        for (const auto &row : rows) {
            if (row.kind == CallTurnKind::Correction && sameText(row.original) == original
                && sameText(row.text) == sameText(event.text))
                return false;
        }
    }
    const auto id = context.write(
        QStringLiteral(
            "INSERT INTO call_turns(call_id, kind, event_type, role, body, original_body, position, "
            "at_ms, raw, created_at) VALUES(?,?,?,?,?,?,?,?,?,?)"),
        {callId, callTurnKindName(event.kind), event.eventType,
            isTurn(event.kind) ? QVariant(callTurnKindName(event.kind))
                               : QVariant(QMetaType(QMetaType::QString)),
            textOrNull(event.text), textOrNull(event.originalText),
            event.position ? QVariant(*event.position) : QVariant(QMetaType(QMetaType::LongLong)), at,
            QString::fromUtf8(QJsonDocument(event.raw).toJson(QJsonDocument::Compact)), context.nowMs()});
    if (event.kind == CallTurnKind::Correction) {
        // The agent turn it corrects, whichever arrived first.
        for (const auto &row : rows) {
            if (row.kind == CallTurnKind::Agent
                && (sameWords(row.text, event.originalText) || sameWords(row.original, event.originalText))) {
                applyCorrection(context, row, event.text);
                break;
            }
        }
    } else if (event.kind == CallTurnKind::Agent) {
        for (const auto &row : rows) {
            if (row.kind == CallTurnKind::Correction && sameWords(row.original, event.text)) {
                StoredRow stored;
                stored.id = id;
                applyCorrection(context, stored, row.text);
                break;
            }
        }
    }
    return true;
}

void LiveCalls::syncMessages(SqlContext &context, qint64 callId, const QString &recordId)
{
    auto &call = context.run(
        QStringLiteral("SELECT lead_id, provider, from_number, to_number, direction FROM calls WHERE id = ?"),
        {callId});
    if (!call.next() || call.value(0).isNull()) {
        call.finish();
        return;
    }
    const auto leadId = call.value(0).toLongLong();
    const auto provider = call.value(1).toString();
    const auto from = call.value(2).toString();
    const auto to = call.value(3).toString();
    const bool outboundCall = directionOfCall(call.value(4).toString()) == Direction::Outbound;
    call.finish();
    for (const auto &row : rowsOf(context, callId)) {
        if (!isTurn(row.kind) || row.messageId > 0)
            continue;
        NewMessage message;
        message.leadId = leadId;
        message.channel = Channel::Voice;
        message.direction = row.kind == CallTurnKind::Agent ? Direction::Outbound : Direction::Inbound;
        message.provider = provider;
        message.providerMessageId = QStringLiteral("call-turn:%1").arg(row.id);
        // The agent speaks from the call's own number side: an outbound call's "from".
        const auto agentSide = outboundCall ? from : to;
        const auto callerSide = outboundCall ? to : from;
        message.from = message.direction == Direction::Outbound ? agentSide : callerSide;
        message.to = message.direction == Direction::Outbound ? callerSide : agentSide;
        message.body = row.text;
        message.status
            = message.direction == Direction::Outbound ? MessageStatus::Delivered : MessageStatus::Received;
        message.recordId = recordId;
        message.metadata = QJsonObject {
            {QStringLiteral("callId"), callId}, {QStringLiteral("callTurn"), callTurnKindName(row.kind)}};
        const auto json = MessagingRepository::addMessage(context, message);
        const auto messageId = json.value(QStringLiteral("id")).toInteger();
        // In the thread at the time it was said, not when it arrived.
        context.run(QStringLiteral("UPDATE messages SET created_at = ? WHERE id = ?"), {row.atMs, messageId});
        // A voice thread counts calls (the call counted itself), not the turns said in them.
        context.run(QStringLiteral("UPDATE conversations SET message_count = MAX(message_count - 1, 0), "
                                   "unread_count = MAX(unread_count - ?, 0) WHERE id = ?"),
            {message.direction == Direction::Inbound ? 1 : 0,
                json.value(QStringLiteral("conversation_id")).toInteger()});
        context.run(QStringLiteral("UPDATE call_turns SET message_id = ? WHERE id = ?"), {messageId, row.id});
    }
}

bool LiveCalls::claimCompletion(SqlContext &context, qint64 callId)
{
    auto &claim = context.run(
        QStringLiteral("UPDATE calls SET completed_event_at = ? WHERE id = ? AND completed_event_at IS NULL"),
        {context.nowMs(), callId});
    const bool first = claim.numRowsAffected() == 1;
    claim.finish();
    return first;
}

void LiveCalls::linkCall(SqlContext &context, qint64 callId, const QString &callSid)
{
    if (!callSid.isEmpty())
        context.run(
            QStringLiteral("UPDATE calls SET linked_call_ref = COALESCE(linked_call_ref, ?) WHERE id = ?"),
            {callSid, callId});
}

std::optional<qint64> LiveCalls::callCarriedBy(SqlContext &context, const QString &callSid)
{
    if (callSid.isEmpty())
        return std::nullopt;
    auto &find = context.run(
        QStringLiteral("SELECT id FROM calls WHERE linked_call_ref = ? ORDER BY id LIMIT 1"), {callSid});
    std::optional<qint64> id;
    if (find.next())
        id = find.value(0).toLongLong();
    find.finish();
    return id;
}

std::optional<LiveCallView> LiveCalls::read(SqlContext &sql, qint64 callId)
{
    auto &call = sql.run(
        QStringLiteral("SELECT status, end_reason, started_at, ended_at FROM calls WHERE id = ?"), {callId});
    if (!call.next()) {
        call.finish();
        return std::nullopt;
    }
    LiveCallView view;
    view.callId = callId;
    view.status = callStatusFromName(call.value(0).toString()).value_or(CallStatus::Queued);
    view.state = liveCallStateOf(view.status);
    view.endReason = call.value(1).toString();
    view.startedAtMs = call.value(2).toLongLong();
    view.endedAtMs = call.value(3).toLongLong();
    call.finish();
    const auto rows = rowsOf(sql, callId);
    view.eventCount = int(rows.size());
    QList<StoredRow> interruptions;
    for (const auto &row : rows) {
        if (row.kind == CallTurnKind::Interruption)
            interruptions.append(row);
        if (isTurn(row.kind)) {
            CallTurn turn;
            turn.id = row.id;
            turn.role = row.kind;
            turn.text = row.text;
            turn.atMs = row.atMs;
            turn.interrupted = row.interrupted;
            turn.messageId = row.messageId;
            if (!view.turns.isEmpty()) {
                const auto gap = (row.atMs - view.turns.constLast().atMs) / 1000;
                if (gap > silenceGapSeconds)
                    turn.silenceBeforeSeconds = int(gap);
            }
            view.turns.append(turn);
        } else if (row.kind == CallTurnKind::Event) {
            view.events.append(CallEventEntry {row.eventType, row.kind, row.atMs});
        }
    }
    // An interruption cuts the agent turn before it (by event id when both have one, else by time).
    for (const auto &interruption : interruptions) {
        CallTurn *cut = nullptr;
        for (auto &turn : view.turns) {
            if (turn.role != CallTurnKind::Agent)
                continue;
            const auto stored = std::find_if(
                rows.begin(), rows.end(), [&turn](const StoredRow &row) { return row.id == turn.id; });
            const bool before = stored->position && interruption.position
                ? *stored->position < *interruption.position
                : turn.atMs <= interruption.atMs;
            if (before)
                cut = &turn;
        }
        if (cut)
            cut->interrupted = true;
    }
    return view;
}

QHash<qint64, LiveCallView> LiveCalls::forConversation(SqlContext &sql, qint64 conversationId)
{
    QList<qint64> ids;
    auto &calls = sql.run(QStringLiteral("SELECT id FROM calls WHERE conversation_id = ?"), {conversationId});
    while (calls.next())
        ids.append(calls.value(0).toLongLong());
    calls.finish();
    QHash<qint64, LiveCallView> views;
    for (const auto id : ids) {
        if (auto view = read(sql, id))
            views.insert(id, *view);
    }
    return views;
}

QJsonObject LiveCalls::toJson(const LiveCallView &view)
{
    QJsonArray turns;
    for (const auto &turn : view.turns) {
        QJsonObject json {{QStringLiteral("role"), callTurnKindName(turn.role)},
            {QStringLiteral("text"), turn.text}, {QStringLiteral("at"), isoTime(turn.atMs)},
            {QStringLiteral("interrupted"), turn.interrupted}};
        if (turn.silenceBeforeSeconds > 0)
            json.insert(QStringLiteral("silenceBeforeSeconds"), turn.silenceBeforeSeconds);
        turns.append(json);
    }
    QJsonArray unknown;
    for (const auto &event : view.events)
        unknown.append(
            QJsonObject {{QStringLiteral("type"), event.type}, {QStringLiteral("at"), isoTime(event.atMs)}});
    return QJsonObject {{QStringLiteral("state"), liveCallStateName(view.state)},
        {QStringLiteral("endReason"), view.endReason.isEmpty() ? QJsonValue() : QJsonValue(view.endReason)},
        {QStringLiteral("turns"), turns}, {QStringLiteral("events"), view.eventCount},
        {QStringLiteral("unknownEvents"), unknown}};
}

} // namespace sb
