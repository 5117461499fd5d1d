#include "MessagingRepository.h"

#include "LeadTimeline.h"
#include "RecordingRepository.h"
#include "storage/LeadDirectory.h"
#include "storage/MessagingMapper.h"
#include "storage/RowJson.h"
#include "storage/SqlWorker.h"

#include <QJsonDocument>
#include <QSqlRecord>
#include <QVariant>

namespace sb {

namespace {

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

QVariant numberOrNull(const std::optional<qint64> &number)
{
    return number ? QVariant(*number) : QVariant(QMetaType(QMetaType::LongLong));
}

QString jsonText(const QJsonValue &value)
{
    return value.isArray()
        ? QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact))
        : QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}

QString preview(const NewMessage &message)
{
    auto text = message.body.isEmpty() ? message.subject : message.body;
    text = text.simplified();
    return text.size() > 140 ? text.left(139) + QChar(0x2026) : text;
}

void touchConversation(SqlContext &context, qint64 conversationId, const QString &text, Direction direction)
{
    const auto now = context.nowMs();
    context.run(QStringLiteral("UPDATE conversations SET last_message_at = ?, last_message_preview = ?, "
                               "last_direction = ?, message_count = message_count + 1, "
                               "unread_count = unread_count + ?, updated_at = ? WHERE id = ?"),
        {now, text, directionName(direction), direction == Direction::Inbound ? 1 : 0, now, conversationId});
}

QString callEventFor(CallStatus status)
{
    if (status == CallStatus::Ringing)
        return QStringLiteral("call.ringing");
    if (callStatusRank(status) == callStatusRank(CallStatus::InProgress))
        return QStringLiteral("call.answered");
    if (isCallEnded(status))
        return QStringLiteral("call.completed");
    return {};
}

} // namespace

qint64 MessagingRepository::conversationFor(SqlContext &context, qint64 leadId, Channel channel)
{
    auto &find = context.run(QStringLiteral("SELECT id FROM conversations WHERE lead_id = ? AND channel = ?"),
        {leadId, channelName(channel)});
    if (find.next()) {
        const auto id = find.value(0).toLongLong();
        find.finish();
        return id;
    }
    find.finish();
    const auto now = context.nowMs();
    auto &insert = context.run(
        QStringLiteral(
            "INSERT INTO conversations(lead_id, channel, created_at, updated_at) VALUES(?, ?, ?, ?)"),
        {leadId, channelName(channel), now, now});
    return insert.lastInsertId().toLongLong();
}

QJsonObject MessagingRepository::addMessage(SqlContext &context, const NewMessage &message)
{
    const auto conversationId = conversationFor(context, message.leadId, message.channel);
    const auto now = context.nowMs();
    auto &insert = context.run(
        QStringLiteral("INSERT INTO messages(conversation_id, lead_id, direction, channel, provider, "
                       "provider_message_id, from_address, to_address, subject, body, status, attachments, "
                       "inbound_request_id, created_at, updated_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
        {conversationId, message.leadId, directionName(message.direction), channelName(message.channel),
            message.provider, textOrNull(message.providerMessageId), textOrNull(message.from),
            textOrNull(message.to), textOrNull(message.subject), textOrNull(message.body),
            messageStatusName(message.status), jsonText(message.attachments), textOrNull(message.recordId),
            now, now});
    const auto id = insert.lastInsertId().toLongLong();
    touchConversation(context, conversationId, preview(message), message.direction);
    auto json = rowJson(context, QStringLiteral("messages"), id, RowTimes::Milliseconds);
    QJsonObject payload {{QStringLiteral("message"), json}, {QStringLiteral("messageId"), id},
        {QStringLiteral("conversationId"), conversationId}, {QStringLiteral("leadId"), message.leadId},
        {QStringLiteral("provider"), message.provider},
        {QStringLiteral("channel"), channelName(message.channel)}};
    if (!message.metadata.isEmpty())
        payload.insert(QStringLiteral("metadata"), message.metadata);
    if (message.metadata.contains(QStringLiteral("campaignId")))
        payload.insert(QStringLiteral("campaignId"), message.metadata.value(QStringLiteral("campaignId")));
    context.raise(QStringLiteral("message.created"), message.recordId, payload);
    return json;
}

std::optional<Message> MessagingRepository::message(SqlContext &context, qint64 id)
{
    auto &query = context.run(
        QStringLiteral("SELECT ") + MessageMapper::columns() + QStringLiteral(" FROM messages WHERE id = ?"),
        {id});
    std::optional<Message> found;
    if (query.next())
        found = MessageMapper::fromRecord(query.record());
    query.finish();
    return found;
}

bool MessagingRepository::updateMessageStatus(SqlContext &context, const MessageStatusUpdate &update)
{
    auto &find = context.run(
        QStringLiteral("SELECT id, status, conversation_id, lead_id FROM messages "
                       "WHERE provider = ? AND provider_message_id = ? "
                       "AND (COALESCE(?, '') = '' OR lower(to_address) = lower(?)) ORDER BY id LIMIT 1"),
        {update.provider, update.providerMessageId, update.recipient, update.recipient});
    qint64 id = 0, conversationId = 0, leadId = 0;
    MessageStatus current = MessageStatus::Received;
    if (find.next()) {
        const auto found = MessageMapper::fromRecord(find.record());
        id = found.id;
        current = found.status;
        conversationId = found.conversationId;
        leadId = found.leadId;
    }
    find.finish();
    if (id == 0) {
        if (!update.ifUnknown)
            return false;
        auto message = *update.ifUnknown;
        message.status = update.status.value_or(MessageStatus::Sent);
        const auto created = addMessage(context, message);
        id = created.value(QStringLiteral("id")).toInteger();
        conversationId = created.value(QStringLiteral("conversation_id")).toInteger();
        leadId = message.leadId;
        current = message.status;
        if (!update.errorCode.isEmpty() || !update.errorMessage.isEmpty())
            context.run(QStringLiteral("UPDATE messages SET error_code = ?, error_message = ? WHERE id = ?"),
                {textOrNull(update.errorCode), textOrNull(update.errorMessage), id});
    }
    const auto now = context.nowMs();
    const MessageStatus previous = current;
    bool advanced = false;
    if (update.status && messageStatusRank(*update.status) > messageStatusRank(current)) {
        context.run(QStringLiteral("UPDATE messages SET status = ?, error_code = COALESCE(?, error_code), "
                                   "error_message = COALESCE(?, error_message), updated_at = ? WHERE id = ?"),
            {messageStatusName(*update.status), textOrNull(update.errorCode), textOrNull(update.errorMessage),
                now, id});
        current = *update.status;
        advanced = true;
    }
    const auto event
        = update.event.isEmpty() && update.status ? messageStatusName(*update.status) : update.event;
    context.run(
        QStringLiteral("INSERT INTO message_events(message_id, provider, provider_message_id, event, detail, "
                       "occurred_at) VALUES(?,?,?,?,?,?)"),
        {id, update.provider, update.providerMessageId, event, jsonText(update.detail), now});
    QJsonObject payload {
        {QStringLiteral("message"), rowJson(context, QStringLiteral("messages"), id, RowTimes::Milliseconds)},
        {QStringLiteral("messageId"), id}, {QStringLiteral("conversationId"), conversationId},
        {QStringLiteral("leadId"), leadId}, {QStringLiteral("provider"), update.provider},
        {QStringLiteral("event"), event}, {QStringLiteral("status"), messageStatusName(current)},
        {QStringLiteral("previousStatus"), messageStatusName(previous)},
        {QStringLiteral("statusChanged"), advanced}};
    if (!update.detail.isEmpty())
        payload.insert(QStringLiteral("detail"), update.detail);
    context.raise(QStringLiteral("message.updated"), update.recordId, payload);
    return true;
}

QJsonObject MessagingRepository::upsertCall(SqlContext &context, const CallUpdate &update)
{
    const auto now = context.nowMs();
    auto &find
        = context.run(QStringLiteral("SELECT id, status, lead_id, conversation_id, recording_url FROM calls "
                                     "WHERE provider = ? AND call_ref = ?"),
            {update.provider, update.callRef});
    qint64 id = 0;
    CallStatus current = CallStatus::Queued;
    std::optional<qint64> leadId = update.leadId;
    QString previousRecording;
    if (find.next()) {
        const auto found = CallMapper::fromRecord(find.record());
        id = found.id;
        current = found.status;
        if (found.leadId)
            leadId = found.leadId;
        previousRecording = found.recordingUrl;
    }
    find.finish();
    const bool created = id == 0;
    QVariant conversationId {QMetaType(QMetaType::LongLong)};
    if (leadId)
        conversationId = conversationFor(context, *leadId, Channel::Voice);
    // A call first seen without its caller (ElevenLabs live events) joins the lead's thread later.
    if (!created && leadId && update.leadId)
        context.run(QStringLiteral(
                        "UPDATE calls SET lead_id = ?, conversation_id = ? WHERE id = ? AND lead_id IS NULL"),
            {*leadId, conversationId, id});
    if (created) {
        auto &insert = context.run(
            QStringLiteral(
                "INSERT INTO calls(conversation_id, lead_id, provider, call_ref, direction, from_number, "
                "to_number, status, started_at, created_at, updated_at) VALUES(?,?,?,?,?,?,?,?,?,?,?)"),
            {conversationId, numberOrNull(leadId), update.provider, update.callRef,
                textOrNull(update.direction), textOrNull(update.from), textOrNull(update.to),
                callStatusName(update.status.value_or(CallStatus::Queued)), now, now, now});
        id = insert.lastInsertId().toLongLong();
        current = update.status.value_or(CallStatus::Queued);
        if (leadId) {
            const auto direction = directionOfCall(update.direction);
            touchConversation(context, conversationId.toLongLong(),
                direction == Direction::Outbound ? QStringLiteral("Outgoing call")
                                                 : QStringLiteral("Incoming call"),
                direction);
        }
    }
    const std::optional<CallStatus> previous = created ? std::nullopt : std::optional<CallStatus>(current);
    bool advanced = created;
    if (!created && update.status && callStatusRank(*update.status) > callStatusRank(current)) {
        context.run(
            QStringLiteral("UPDATE calls SET status = ? WHERE id = ?"), {callStatusName(*update.status), id});
        current = *update.status;
        advanced = true;
    }
    // Details only fill in or grow: a late callback does not blank what an earlier one said.
    context.run(QStringLiteral(
                    "UPDATE calls SET duration_seconds = COALESCE(?, duration_seconds), "
                    "recording_sid = COALESCE(?, recording_sid), recording_url = COALESCE(?, recording_url), "
                    "recording_duration_seconds = COALESCE(?, recording_duration_seconds), "
                    "transcript = COALESCE(?, transcript), summary = COALESCE(?, summary), "
                    "ended_at = CASE WHEN ? THEN COALESCE(ended_at, ?) ELSE ended_at END, "
                    "updated_at = ? WHERE id = ?"),
        {numberOrNull(update.durationSeconds), textOrNull(update.recordingSid),
            textOrNull(update.recordingUrl), numberOrNull(update.recordingDurationSeconds),
            textOrNull(update.transcript), textOrNull(update.summary), isCallEnded(current) ? 1 : 0,
            update.occurredAtMs.value_or(now), now, id});
    if (update.occurredAtMs)
        context.run(
            QStringLiteral("UPDATE calls SET started_at = MIN(COALESCE(started_at, ?), ?), "
                           "ended_at = CASE WHEN ended_at IS NULL THEN NULL ELSE MAX(ended_at, ?) END "
                           "WHERE id = ?"),
            {*update.occurredAtMs, *update.occurredAtMs, *update.occurredAtMs, id});
    if (isCallEnded(current))
        context.run(QStringLiteral("UPDATE calls SET end_reason = COALESCE(?, end_reason, ?) WHERE id = ?"),
            {textOrNull(update.endReason), callStatusName(current), id});
    auto json = rowJson(context, QStringLiteral("calls"), id, RowTimes::Milliseconds);
    QJsonObject payload {{QStringLiteral("call"), json}, {QStringLiteral("callId"), update.callRef},
        {QStringLiteral("provider"), update.provider}, {QStringLiteral("status"), callStatusName(current)}};
    if (previous)
        payload.insert(QStringLiteral("previousStatus"), callStatusName(*previous));
    if (leadId)
        payload.insert(QStringLiteral("leadId"), *leadId);
    if (!update.metadata.isEmpty()) {
        payload.insert(QStringLiteral("metadata"), update.metadata);
        if (update.metadata.contains(QStringLiteral("campaignId")))
            payload.insert(QStringLiteral("campaignId"), update.metadata.value(QStringLiteral("campaignId")));
    }
    if (created)
        context.raise(QStringLiteral("call.created"), update.recordId, payload);
    if (advanced) {
        const auto event = callEventFor(current);
        if (!event.isEmpty())
            context.raise(event, update.recordId, payload);
    }
    if (!update.recordingUrl.isEmpty() && update.recordingUrl != previousRecording) {
        // Queued for download with the URL, in this transaction: acknowledged means kept.
        payload.insert(QStringLiteral("recordingId"),
            RecordingRepository::enqueue(
                context, id, update.provider, update.recordingUrl, update.recordingDurationSeconds));
        context.raise(QStringLiteral("recording.completed"), update.recordId, payload);
    }
    return json;
}

QString MessagingRepository::recentHistory(SqlContext &context, qint64 leadId, int limit)
{
    // The lead's timeline (LeadTimeline), its conversation kinds only: what the Timeline tab shows.
    const auto page = LeadTimeline::read(context, leadId,
        {QStringLiteral("sms"), QStringLiteral("email"), QStringLiteral("chat"), QStringLiteral("voice"),
            QStringLiteral("call")},
        std::nullopt, limit);
    QStringList lines;
    for (const auto &entry : page.entries)
        lines.prepend(entry.historyLine());
    return lines.join(QLatin1Char('\n'));
}

} // namespace sb
