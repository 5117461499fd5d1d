#include "MessagingRepository.h"

#include "storage/LeadDirectory.h"
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

void touchConversation(
    SqlContext &context, qint64 conversationId, const QString &text, const QString &direction)
{
    const auto now = context.nowMs();
    context.run(QStringLiteral("UPDATE conversations SET last_message_at = ?, last_message_preview = ?, "
                               "last_direction = ?, message_count = message_count + 1, "
                               "unread_count = unread_count + ?, updated_at = ? WHERE id = ?"),
        {now, text, direction, direction == QLatin1String("inbound") ? 1 : 0, now, conversationId});
}

QString callEventFor(const QString &status)
{
    if (status == QLatin1String("ringing"))
        return QStringLiteral("call.ringing");
    if (status == QLatin1String("in-progress") || status == QLatin1String("answered"))
        return QStringLiteral("call.answered");
    if (MessagingRepository::callStatusRank(status) >= 4)
        return QStringLiteral("call.completed");
    return {};
}

} // namespace

qint64 MessagingRepository::conversationFor(SqlContext &context, qint64 leadId, const QString &channel)
{
    auto &find = context.run(
        QStringLiteral("SELECT id FROM conversations WHERE lead_id = ? AND channel = ?"), {leadId, channel});
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
        {leadId, channel, now, now});
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
        {conversationId, message.leadId, message.direction, message.channel, message.provider,
            textOrNull(message.providerMessageId), textOrNull(message.from), textOrNull(message.to),
            textOrNull(message.subject), textOrNull(message.body), message.status,
            jsonText(message.attachments), textOrNull(message.recordId), now, now});
    const auto id = insert.lastInsertId().toLongLong();
    touchConversation(context, conversationId, preview(message), message.direction);
    auto json = rowJson(context, QStringLiteral("messages"), id, RowTimes::Milliseconds);
    QJsonObject payload {{QStringLiteral("message"), json}, {QStringLiteral("messageId"), id},
        {QStringLiteral("conversationId"), conversationId}, {QStringLiteral("leadId"), message.leadId},
        {QStringLiteral("provider"), message.provider}, {QStringLiteral("channel"), message.channel}};
    if (!message.metadata.isEmpty())
        payload.insert(QStringLiteral("metadata"), message.metadata);
    if (message.metadata.contains(QStringLiteral("campaignId")))
        payload.insert(QStringLiteral("campaignId"), message.metadata.value(QStringLiteral("campaignId")));
    context.raise(QStringLiteral("message.created"), message.recordId, payload);
    return json;
}

int MessagingRepository::messageStatusRank(const QString &status)
{
    // Twilio's message statuses
    // (https://www.twilio.com/docs/messaging/api/message-resource#message-status-values).
    static const QHash<QString, int> ranks {{QStringLiteral("accepted"), 0}, {QStringLiteral("scheduled"), 0},
        {QStringLiteral("received"), 0}, {QStringLiteral("receiving"), 0}, {QStringLiteral("queued"), 1},
        {QStringLiteral("sending"), 2}, {QStringLiteral("sent"), 3}, {QStringLiteral("delivered"), 4},
        {QStringLiteral("read"), 5}, {QStringLiteral("failed"), 6}, {QStringLiteral("undelivered"), 6},
        {QStringLiteral("canceled"), 6}};
    return ranks.value(status, -1);
}

bool MessagingRepository::updateMessageStatus(SqlContext &context, const MessageStatusUpdate &update)
{
    auto &find = context.run(
        QStringLiteral("SELECT id, status, conversation_id, lead_id FROM messages "
                       "WHERE provider = ? AND provider_message_id = ? "
                       "AND (COALESCE(?, '') = '' OR lower(to_address) = lower(?)) ORDER BY id LIMIT 1"),
        {update.provider, update.providerMessageId, update.recipient, update.recipient});
    qint64 id = 0, conversationId = 0, leadId = 0;
    QString current;
    if (find.next()) {
        id = find.value(0).toLongLong();
        current = find.value(1).toString();
        conversationId = find.value(2).toLongLong();
        leadId = find.value(3).toLongLong();
    }
    find.finish();
    if (id == 0) {
        if (!update.ifUnknown)
            return false;
        auto message = *update.ifUnknown;
        message.status = update.status.isEmpty() ? QStringLiteral("sent") : update.status;
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
    const QString previous = current;
    bool advanced = false;
    if (!update.status.isEmpty() && messageStatusRank(update.status) > messageStatusRank(current)) {
        context.run(QStringLiteral("UPDATE messages SET status = ?, error_code = COALESCE(?, error_code), "
                                   "error_message = COALESCE(?, error_message), updated_at = ? WHERE id = ?"),
            {update.status, textOrNull(update.errorCode), textOrNull(update.errorMessage), now, id});
        current = update.status;
        advanced = true;
    }
    const auto event = update.event.isEmpty() ? update.status : update.event;
    context.run(
        QStringLiteral("INSERT INTO message_events(message_id, provider, provider_message_id, event, detail, "
                       "occurred_at) VALUES(?,?,?,?,?,?)"),
        {id, update.provider, update.providerMessageId, event, jsonText(update.detail), now});
    QJsonObject payload {
        {QStringLiteral("message"), rowJson(context, QStringLiteral("messages"), id, RowTimes::Milliseconds)},
        {QStringLiteral("messageId"), id}, {QStringLiteral("conversationId"), conversationId},
        {QStringLiteral("leadId"), leadId}, {QStringLiteral("provider"), update.provider},
        {QStringLiteral("event"), event}, {QStringLiteral("status"), current},
        {QStringLiteral("previousStatus"), previous}, {QStringLiteral("statusChanged"), advanced}};
    if (!update.detail.isEmpty())
        payload.insert(QStringLiteral("detail"), update.detail);
    context.raise(QStringLiteral("message.updated"), update.recordId, payload);
    return true;
}

int MessagingRepository::callStatusRank(const QString &status)
{
    // Twilio's CallStatus values (https://www.twilio.com/docs/voice/api/call-resource#call-status-values).
    static const QHash<QString, int> ranks {{QStringLiteral("queued"), 0}, {QStringLiteral("created"), 0},
        {QStringLiteral("initiated"), 1}, {QStringLiteral("ringing"), 2}, {QStringLiteral("in-progress"), 3},
        {QStringLiteral("answered"), 3}, {QStringLiteral("completed"), 4}, {QStringLiteral("busy"), 4},
        {QStringLiteral("no-answer"), 4}, {QStringLiteral("failed"), 4}, {QStringLiteral("canceled"), 4}};
    return ranks.value(status, -1);
}

QJsonObject MessagingRepository::upsertCall(SqlContext &context, const CallUpdate &update)
{
    const auto now = context.nowMs();
    auto &find
        = context.run(QStringLiteral("SELECT id, status, lead_id, conversation_id, recording_url FROM calls "
                                     "WHERE provider = ? AND call_ref = ?"),
            {update.provider, update.callRef});
    qint64 id = 0;
    QString current;
    std::optional<qint64> leadId = update.leadId;
    QString previousRecording;
    if (find.next()) {
        id = find.value(0).toLongLong();
        current = find.value(1).toString();
        if (!find.value(2).isNull())
            leadId = find.value(2).toLongLong();
        previousRecording = find.value(4).toString();
    }
    find.finish();
    const bool created = id == 0;
    QVariant conversationId {QMetaType(QMetaType::LongLong)};
    if (leadId)
        conversationId = conversationFor(context, *leadId, QStringLiteral("voice"));
    if (created) {
        auto &insert = context.run(
            QStringLiteral(
                "INSERT INTO calls(conversation_id, lead_id, provider, call_ref, direction, from_number, "
                "to_number, status, started_at, created_at, updated_at) VALUES(?,?,?,?,?,?,?,?,?,?,?)"),
            {conversationId, numberOrNull(leadId), update.provider, update.callRef,
                textOrNull(update.direction), textOrNull(update.from), textOrNull(update.to),
                update.status.isEmpty() ? QStringLiteral("queued") : update.status, now, now, now});
        id = insert.lastInsertId().toLongLong();
        current = update.status.isEmpty() ? QStringLiteral("queued") : update.status;
        if (leadId)
            touchConversation(context, conversationId.toLongLong(),
                update.direction.startsWith(QLatin1String("outbound")) ? QStringLiteral("Outgoing call")
                                                                       : QStringLiteral("Incoming call"),
                update.direction.startsWith(QLatin1String("outbound")) ? QStringLiteral("outbound")
                                                                       : QStringLiteral("inbound"));
    }
    const QString previous = created ? QString() : current;
    bool advanced = created;
    if (!created && !update.status.isEmpty() && callStatusRank(update.status) > callStatusRank(current)) {
        context.run(QStringLiteral("UPDATE calls SET status = ? WHERE id = ?"), {update.status, id});
        current = update.status;
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
            textOrNull(update.transcript), textOrNull(update.summary), callStatusRank(current) >= 4 ? 1 : 0,
            now, now, id});
    auto json = rowJson(context, QStringLiteral("calls"), id, RowTimes::Milliseconds);
    QJsonObject payload {{QStringLiteral("call"), json}, {QStringLiteral("callId"), update.callRef},
        {QStringLiteral("provider"), update.provider}, {QStringLiteral("status"), current}};
    if (!previous.isEmpty())
        payload.insert(QStringLiteral("previousStatus"), previous);
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
    if (!update.recordingUrl.isEmpty() && update.recordingUrl != previousRecording)
        context.raise(QStringLiteral("recording.completed"), update.recordId, payload);
    return json;
}

QString MessagingRepository::recentHistory(SqlContext &context, qint64 leadId, int limit)
{
    auto &query = context.run(
        QStringLiteral("SELECT at, line FROM ("
                       " SELECT created_at AS at, direction || ' ' || channel || ': ' || COALESCE(body, "
                       "subject, '') AS line"
                       " FROM messages WHERE lead_id = ?"
                       " UNION ALL"
                       " SELECT created_at AS at, 'call ' || status || COALESCE(': ' || summary, '') AS line"
                       " FROM calls WHERE lead_id = ?"
                       ") ORDER BY at DESC LIMIT ?"),
        {leadId, leadId, limit});
    QStringList lines;
    while (query.next())
        lines.prepend(query.value(1).toString());
    query.finish();
    return lines.join(QLatin1Char('\n'));
}

} // namespace sb
