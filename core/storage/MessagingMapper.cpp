#include "MessagingMapper.h"

#include "storage/RecordColumns.h"

#include <QJsonDocument>
#include <QStringList>

namespace sb {

QString aliasedColumns(const QStringList &names, const QString &alias)
{
    if (alias.isEmpty())
        return names.join(QStringLiteral(", "));
    QStringList spelled;
    spelled.reserve(names.size());
    for (const auto &name : names)
        spelled.append(alias + QLatin1Char('.') + name + QStringLiteral(" AS ") + name);
    return spelled.join(QStringLiteral(", "));
}

QString MessageMapper::columns(const QString &alias)
{
    static const QStringList names {QStringLiteral("id"), QStringLiteral("conversation_id"),
        QStringLiteral("lead_id"), QStringLiteral("direction"), QStringLiteral("channel"),
        QStringLiteral("provider"), QStringLiteral("provider_message_id"), QStringLiteral("from_address"),
        QStringLiteral("to_address"), QStringLiteral("subject"), QStringLiteral("body"),
        QStringLiteral("status"), QStringLiteral("error_code"), QStringLiteral("error_message"),
        QStringLiteral("attachments"), QStringLiteral("inbound_request_id"), QStringLiteral("created_at"),
        QStringLiteral("updated_at")};
    return aliasedColumns(names, alias);
}

Message MessageMapper::fromRecord(const QSqlRecord &record)
{
    const RecordColumns row(record, "messages");
    Message m;
    m.id = row.number("id");
    m.conversationId = row.number("conversation_id");
    m.leadId = row.number("lead_id");
    row.readEnum("direction", directionFromName, m.direction);
    row.readEnum("channel", channelFromName, m.channel);
    m.provider = row.text("provider");
    m.providerMessageId = row.text("provider_message_id");
    m.from = row.text("from_address");
    m.to = row.text("to_address");
    m.subject = row.text("subject");
    m.body = row.text("body");
    row.readEnum("status", messageStatusFromName, m.status);
    m.errorCode = row.text("error_code");
    m.errorMessage = row.text("error_message");
    if (row.has("attachments"))
        m.attachments = QJsonDocument::fromJson(row.text("attachments").toUtf8()).array();
    m.inboundRequestId = row.text("inbound_request_id");
    m.createdAt = row.number("created_at");
    m.updatedAt = row.number("updated_at");
    return m;
}

QString ConversationMapper::columns(const QString &alias)
{
    static const QStringList names {QStringLiteral("id"), QStringLiteral("lead_id"),
        QStringLiteral("channel"), QStringLiteral("last_message_at"), QStringLiteral("last_message_preview"),
        QStringLiteral("last_direction"), QStringLiteral("unread_count"), QStringLiteral("message_count"),
        QStringLiteral("created_at"), QStringLiteral("updated_at")};
    return aliasedColumns(names, alias);
}

Conversation ConversationMapper::fromRecord(const QSqlRecord &record)
{
    const RecordColumns row(record, "conversations");
    Conversation c;
    c.id = row.number("id");
    c.leadId = row.number("lead_id");
    row.readEnum("channel", channelFromName, c.channel);
    c.lastMessageAt = row.number("last_message_at");
    c.lastMessagePreview = row.text("last_message_preview");
    Direction last = Direction::Inbound;
    const auto lastDirection = row.value("last_direction");
    if (lastDirection.isValid() && !lastDirection.isNull() && !lastDirection.toString().isEmpty()) {
        row.readEnum("last_direction", directionFromName, last);
        c.lastDirection = last;
    }
    c.unreadCount = int(row.number("unread_count"));
    c.messageCount = int(row.number("message_count"));
    c.createdAt = row.number("created_at");
    c.updatedAt = row.number("updated_at");
    return c;
}

QString CallMapper::columns(const QString &alias)
{
    static const QStringList names {QStringLiteral("id"), QStringLiteral("conversation_id"),
        QStringLiteral("lead_id"), QStringLiteral("provider"), QStringLiteral("call_ref"),
        QStringLiteral("direction"), QStringLiteral("from_number"), QStringLiteral("to_number"),
        QStringLiteral("status"), QStringLiteral("duration_seconds"), QStringLiteral("recording_sid"),
        QStringLiteral("recording_url"), QStringLiteral("recording_duration_seconds"),
        QStringLiteral("transcript"), QStringLiteral("summary"), QStringLiteral("started_at"),
        QStringLiteral("ended_at"), QStringLiteral("created_at"), QStringLiteral("updated_at")};
    return aliasedColumns(names, alias);
}

Call CallMapper::fromRecord(const QSqlRecord &record)
{
    const RecordColumns row(record, "calls");
    Call c;
    c.id = row.number("id");
    c.conversationId = row.number("conversation_id");
    c.leadId = row.optionalNumber("lead_id");
    c.provider = row.text("provider");
    c.callRef = row.text("call_ref");
    c.providerDirection = row.text("direction");
    c.from = row.text("from_number");
    c.to = row.text("to_number");
    row.readEnum("status", callStatusFromName, c.status);
    c.durationSeconds = row.optionalNumber("duration_seconds");
    c.recordingSid = row.text("recording_sid");
    c.recordingUrl = row.text("recording_url");
    c.recordingDurationSeconds = row.optionalNumber("recording_duration_seconds");
    c.transcript = row.text("transcript");
    c.summary = row.text("summary");
    c.startedAt = row.number("started_at");
    c.endedAt = row.number("ended_at");
    c.createdAt = row.number("created_at");
    c.updatedAt = row.number("updated_at");
    return c;
}

} // namespace sb
