#include "ConversationRepository.h"

#include "MessagingMapper.h"
#include "SqlWorker.h"
#include "domain/ProviderErrors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>
#include <algorithm>

namespace sb {

namespace {

QString threadColumns()
{
    return QStringLiteral("SELECT ") + ConversationMapper::columns(QStringLiteral("c"))
        + QStringLiteral(
            ", trim(COALESCE(l.first_name, '') || ' ' || COALESCE(l.last_name, '')) AS lead_name, "
            "COALESCE(l.phone, l.email, '') AS lead_address "
            "FROM conversations c LEFT JOIN leads l ON l.id = c.lead_id ");
}

std::vector<ConversationRow> readThreads(
    SqlContext &sql, const QString &statement, const QVariantList &values)
{
    std::vector<ConversationRow> rows;
    auto &query = sql.run(statement, values);
    while (query.next()) {
        const auto record = query.record();
        const auto conversation = ConversationMapper::fromRecord(record);
        ConversationRow row;
        row.id = conversation.id;
        row.leadId = conversation.leadId;
        row.channel = conversation.channel;
        row.lastMessageAtMs
            = conversation.lastMessageAt ? conversation.lastMessageAt : conversation.createdAt;
        row.preview = conversation.lastMessagePreview;
        row.lastDirection = conversation.lastDirection;
        row.unread = conversation.unreadCount;
        row.messageCount = conversation.messageCount;
        row.leadName = record.value(QStringLiteral("lead_name")).toString();
        row.leadAddress = record.value(QStringLiteral("lead_address")).toString();
        rows.push_back(row);
    }
    query.finish();
    return rows;
}

} // namespace

std::vector<ConversationRow> ConversationRepository::page(
    SqlContext &sql, qint64 afterAt, qint64 afterId, int limit)
{
    // Keyset over (last activity, id), the order of the conversations_last_message_at index.
    const auto order
        = QStringLiteral(" ORDER BY COALESCE(c.last_message_at, c.created_at) DESC, c.id DESC LIMIT ?");
    if (afterId == 0)
        return readThreads(sql, threadColumns() + order, {limit});
    return readThreads(sql,
        threadColumns() + QStringLiteral("WHERE (COALESCE(c.last_message_at, c.created_at), c.id) < (?, ?)")
            + order,
        {afterAt, afterId, limit});
}

std::vector<ConversationRow> ConversationRepository::byIds(SqlContext &sql, const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return {};
    QStringList placeholders;
    QVariantList values;
    for (const auto id : ids) {
        placeholders.append(QStringLiteral("?"));
        values.append(id);
    }
    return readThreads(sql,
        threadColumns() + QStringLiteral("WHERE c.id IN (") + placeholders.join(QLatin1Char(','))
            + QLatin1Char(')'),
        values);
}

namespace {

// The kept recordings of the thread's calls and their transcriptions.
void addRecordings(SqlContext &sql, qint64 conversationId, std::vector<ThreadEntry> &entries)
{
    auto &query = sql.run(QStringLiteral("SELECT r.call_id, r.id, r.state, COALESCE(r.file_path, ''), "
                                         "COALESCE(r.last_error, ''), t.state, COALESCE(t.last_error, '') "
                                         "FROM recordings r JOIN calls c ON c.id = r.call_id "
                                         "LEFT JOIN transcriptions t ON t.recording_id = r.id "
                                         "WHERE c.conversation_id = ?"),
        {conversationId});
    while (query.next()) {
        const auto callId = query.value(0).toLongLong();
        for (auto &entry : entries) {
            if (entry.kind != ThreadEntry::Kind::Call || entry.id != callId)
                continue;
            entry.recordingId = query.value(1).toLongLong();
            entry.recordingState = recordingStateFromName(query.value(2).toString());
            entry.recordingFile = query.value(3).toString();
            entry.recordingError = query.value(4).toString();
            if (!query.value(5).isNull())
                entry.transcriptionState = transcriptionStateFromName(query.value(5).toString());
            entry.transcriptionError = query.value(6).toString();
        }
    }
    query.finish();
}

} // namespace

std::vector<ThreadEntry> ConversationRepository::thread(SqlContext &sql, qint64 conversationId, int limit)
{
    std::vector<ThreadEntry> entries;
    auto &messages = sql.run(QStringLiteral("SELECT ") + MessageMapper::columns()
            + QStringLiteral(
                " FROM messages WHERE conversation_id = ? ORDER BY created_at DESC, id DESC LIMIT ?"),
        {conversationId, limit});
    while (messages.next()) {
        const auto message = MessageMapper::fromRecord(messages.record());
        ThreadEntry entry;
        entry.id = message.id;
        entry.atMs = message.createdAt;
        entry.direction = message.direction;
        entry.messageStatus = message.status;
        entry.from = message.from;
        entry.to = message.to;
        entry.subject = message.subject;
        entry.body = message.body;
        entry.error = providerErrorText(message.provider, message.errorCode, message.errorMessage);
        entry.provider = message.provider;
        entries.push_back(entry);
    }
    messages.finish();
    auto &calls = sql.run(QStringLiteral("SELECT ") + CallMapper::columns()
            + QStringLiteral(
                " FROM calls WHERE conversation_id = ? ORDER BY created_at DESC, id DESC LIMIT ?"),
        {conversationId, limit});
    while (calls.next()) {
        const auto call = CallMapper::fromRecord(calls.record());
        ThreadEntry entry;
        entry.kind = ThreadEntry::Kind::Call;
        entry.id = call.id;
        entry.atMs = call.startedAt ? call.startedAt : call.createdAt;
        entry.direction = call.direction();
        entry.callStatus = call.status;
        entry.from = call.from;
        entry.to = call.to;
        entry.body = call.summary.isEmpty() ? call.transcript : call.summary;
        entry.provider = call.provider;
        entry.durationSeconds = call.durationSeconds ? int(*call.durationSeconds) : -1;
        entry.recordingUrl = call.recordingUrl;
        entry.transcript = call.transcript;
        entries.push_back(entry);
    }
    calls.finish();
    addRecordings(sql, conversationId, entries);
    // The AI analyses of the entries (few: calls and long emails only).
    auto &analyses = sql.run(
        QStringLiteral("SELECT subject_kind, subject_id, sentiment, action_items, id FROM ai_analyses "
                       "WHERE conversation_id = ? AND status = ?"),
        {conversationId, analysisStatusName(AnalysisStatus::Ok)});
    while (analyses.next()) {
        const bool call = analyses.value(0).toString() == analysisSubjectName(AnalysisSubject::Call);
        const auto subjectId = analyses.value(1).toLongLong();
        for (auto &entry : entries) {
            if (entry.id != subjectId || (entry.kind == ThreadEntry::Kind::Call) != call)
                continue;
            entry.sentiment = sentimentFromName(analyses.value(2).toString());
            entry.analysisId = analyses.value(4).toLongLong();
            for (const auto &item : QJsonDocument::fromJson(analyses.value(3).toString().toUtf8()).array())
                entry.actionItems.append(item.toString());
        }
    }
    analyses.finish();
    std::sort(entries.begin(), entries.end(), [](const ThreadEntry &a, const ThreadEntry &b) {
        return a.atMs != b.atMs ? a.atMs < b.atMs : a.id < b.id;
    });
    if (entries.size() > size_t(limit))
        entries.erase(entries.begin(), entries.end() - limit);
    return entries;
}

void ConversationRepository::markRead(SqlContext &sql, qint64 conversationId)
{
    sql.run(QStringLiteral("UPDATE conversations SET unread_count = 0 WHERE id = ?"), {conversationId});
}

} // namespace sb
