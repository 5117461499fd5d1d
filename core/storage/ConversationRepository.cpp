#include "ConversationRepository.h"

#include "SqlWorker.h"

#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace sb {

namespace {

const QString threadColumns = QStringLiteral(
    "SELECT c.id, c.lead_id, c.channel, COALESCE(c.last_message_at, c.created_at), "
    "COALESCE(c.last_message_preview, ''), "
    "COALESCE(c.last_direction, ''), c.unread_count, c.message_count, "
    "trim(COALESCE(l.first_name, '') || ' ' || COALESCE(l.last_name, '')), COALESCE(l.phone, l.email, '') "
    "FROM conversations c LEFT JOIN leads l ON l.id = c.lead_id ");

std::vector<ConversationRow> readThreads(
    SqlContext &sql, const QString &statement, const QVariantList &values)
{
    std::vector<ConversationRow> rows;
    auto &query = sql.run(statement, values);
    while (query.next()) {
        ConversationRow row;
        row.id = query.value(0).toLongLong();
        row.leadId = query.value(1).toLongLong();
        row.channel = query.value(2).toString();
        row.lastMessageAtMs = query.value(3).toLongLong();
        row.preview = query.value(4).toString();
        row.lastDirection = query.value(5).toString();
        row.unread = query.value(6).toInt();
        row.messageCount = query.value(7).toInt();
        row.leadName = query.value(8).toString();
        row.leadAddress = query.value(9).toString();
        rows.push_back(row);
    }
    query.finish();
    return rows;
}

QString text(const QVariant &value)
{
    return value.isNull() ? QString() : value.toString();
}

} // namespace

std::vector<ConversationRow> ConversationRepository::page(
    SqlContext &sql, qint64 afterAt, qint64 afterId, int limit)
{
    // Keyset over (last activity, id), the order of the conversations_last_message_at index.
    const auto order
        = QStringLiteral(" ORDER BY COALESCE(c.last_message_at, c.created_at) DESC, c.id DESC LIMIT ?");
    if (afterId == 0)
        return readThreads(sql, threadColumns + order, {limit});
    return readThreads(sql,
        threadColumns + QStringLiteral("WHERE (COALESCE(c.last_message_at, c.created_at), c.id) < (?, ?)")
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
        threadColumns + QStringLiteral("WHERE c.id IN (") + placeholders.join(QLatin1Char(','))
            + QLatin1Char(')'),
        values);
}

std::vector<ThreadEntry> ConversationRepository::thread(SqlContext &sql, qint64 conversationId, int limit)
{
    std::vector<ThreadEntry> entries;
    auto &messages = sql.run(
        QStringLiteral("SELECT id, created_at, direction, status, from_address, to_address, subject, "
                       "body, COALESCE(error_message, error_code), provider FROM messages "
                       "WHERE conversation_id = ? ORDER BY created_at DESC, id DESC LIMIT ?"),
        {conversationId, limit});
    while (messages.next()) {
        ThreadEntry entry;
        entry.id = messages.value(0).toLongLong();
        entry.atMs = messages.value(1).toLongLong();
        entry.direction = text(messages.value(2));
        entry.status = text(messages.value(3));
        entry.from = text(messages.value(4));
        entry.to = text(messages.value(5));
        entry.subject = text(messages.value(6));
        entry.body = text(messages.value(7));
        entry.error = text(messages.value(8));
        entry.provider = text(messages.value(9));
        entries.push_back(entry);
    }
    messages.finish();
    auto &calls = sql.run(
        QStringLiteral("SELECT id, COALESCE(started_at, created_at), direction, status, from_number, "
                       "to_number, COALESCE(summary, transcript), provider, duration_seconds, "
                       "recording_url FROM calls WHERE conversation_id = ? "
                       "ORDER BY created_at DESC, id DESC LIMIT ?"),
        {conversationId, limit});
    while (calls.next()) {
        ThreadEntry entry;
        entry.kind = ThreadEntry::Kind::Call;
        entry.id = calls.value(0).toLongLong();
        entry.atMs = calls.value(1).toLongLong();
        entry.direction = text(calls.value(2));
        entry.status = text(calls.value(3));
        entry.from = text(calls.value(4));
        entry.to = text(calls.value(5));
        entry.body = text(calls.value(6));
        entry.provider = text(calls.value(7));
        entry.durationSeconds = calls.value(8).isNull() ? -1 : calls.value(8).toInt();
        entry.recordingUrl = text(calls.value(9));
        entries.push_back(entry);
    }
    calls.finish();
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
