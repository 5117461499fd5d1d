#include "LeadTimeline.h"

#include "SqlWorker.h"
#include "domain/IsoTime.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace sb {

namespace LeadTimeline {

namespace {

constexpr qint64 rankFactor = 10'000'000'000'000; // key = rank * rankFactor + id

// Each kind's rows as (kind, id, at, direction, title, text, state, conversation). `?` is the lead.
struct Source
{
    const char *kind;
    const char *select;
};

const Source sources[] = {
    {"sms",
        "SELECT 'sms', id, created_at, direction, direction || ' SMS', COALESCE(body, ''), status, "
        "conversation_id, 0 "
        "FROM messages WHERE lead_id = ? AND channel = 'sms'"},
    {"email",
        "SELECT 'email', id, created_at, direction, direction || ' email' || COALESCE(': ' || subject, ''), "
        "COALESCE(body, ''), status, conversation_id, 0 FROM messages WHERE lead_id = ? AND channel = "
        "'email'"},
    {"chat",
        "SELECT 'chat', id, created_at, direction, direction || ' chat', COALESCE(body, ''), status, "
        "conversation_id, 0 "
        "FROM messages WHERE lead_id = ? AND channel = 'chat'"},
    {"voice",
        "SELECT 'voice', id, created_at, direction, CASE direction WHEN 'inbound' THEN 'caller said' ELSE "
        "'agent said' END, COALESCE(body, ''), status, conversation_id, 0 FROM messages WHERE lead_id = ? "
        "AND "
        "channel = 'voice'"},
    {"push",
        "SELECT 'push', id, created_at, direction, 'push notification' || COALESCE(': ' || subject, ''), "
        "COALESCE(body, ''), status, conversation_id, 0 FROM messages WHERE lead_id = ? AND channel = "
        "'push'"},
    {"call",
        "SELECT 'call', id, COALESCE(started_at, created_at), CASE WHEN direction LIKE 'outbound%' THEN "
        "'outbound' "
        "WHEN direction IS NULL THEN '' ELSE 'inbound' END, provider || ' call' || COALESCE(', ' || "
        "duration_seconds || ' s', ''), COALESCE(summary, ''), status, conversation_id, 0 FROM calls "
        "WHERE lead_id = ?"},
    {"memo",
        "SELECT 'memo', id, created_at, '', 'memo' || COALESCE(': ' || title, ''), content, memo_type, 0, 0 "
        "FROM memos WHERE owner_kind = 'lead' AND owner_id = ?"},
    {"activity",
        "SELECT 'activity', id, created_at, '', activity_type || COALESCE(': ' || title, ''), "
        "COALESCE(description, ''), COALESCE(outcome, ''), 0, 0 FROM activities WHERE lead_id = ?"},
    {"status",
        "SELECT 'status', id, changed_at, '', 'status ' || COALESCE(old_status || ' -> ', '') || new_status, "
        "COALESCE(remarks, ''), new_status, 0, 0 FROM status_history WHERE owner_kind = 'lead' AND owner_id "
        "= ?"},
    {"task",
        "SELECT 'task', id, CASE WHEN state = 'done' THEN completed_at ELSE created_at END, '', "
        "CASE WHEN state = 'done' THEN 'task done' ELSE 'task due ' || strftime('%Y-%m-%d %H:%M', due_at / "
        "1000, "
        "'unixepoch') || ' UTC' END, title, state, COALESCE(conversation_id, 0), due_at FROM tasks WHERE "
        "lead_id = ?"},
};

int rankOf(const QString &kind)
{
    return int(kinds().indexOf(kind));
}

} // namespace

const QStringList &kinds()
{
    static const QStringList names = [] {
        QStringList list;
        for (const auto &source : sources)
            list.append(QString::fromLatin1(source.kind));
        return list;
    }();
    return names;
}

QJsonObject Entry::toJson() const
{
    return {{QStringLiteral("kind"), kind}, {QStringLiteral("id"), id}, {QStringLiteral("at"), isoTime(at)},
        {QStringLiteral("direction"), direction.isEmpty() ? QJsonValue() : QJsonValue(direction)},
        {QStringLiteral("title"), title}, {QStringLiteral("text"), text},
        {QStringLiteral("state"), state.isEmpty() ? QJsonValue() : QJsonValue(state)},
        {QStringLiteral("conversationId"), conversationId > 0 ? QJsonValue(conversationId) : QJsonValue()},
        {QStringLiteral("dueAt"), dueAt > 0 ? QJsonValue(isoTime(dueAt)) : QJsonValue()}};
}

QString Entry::historyLine() const
{
    if (kind == QLatin1String("call"))
        return QStringLiteral("call ") + state + (text.isEmpty() ? QString() : QStringLiteral(": ") + text);
    return direction + QLatin1Char(' ') + kind + QStringLiteral(": ") + text;
}

QString encodeCursor(const Cursor &cursor)
{
    return QString::fromLatin1(QStringLiteral("%1.%2")
                                   .arg(cursor.at)
                                   .arg(cursor.key)
                                   .toLatin1()
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<Cursor> decodeCursor(const QString &text)
{
    const auto decoded = QString::fromLatin1(QByteArray::fromBase64(
        text.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors));
    const auto parts = decoded.split(QLatin1Char('.'));
    if (parts.size() != 2)
        return std::nullopt;
    bool atOk = false, keyOk = false;
    Cursor cursor {parts.at(0).toLongLong(&atOk), parts.at(1).toLongLong(&keyOk)};
    if (!atOk || !keyOk || cursor.key < 0)
        return std::nullopt;
    return cursor;
}

Page read(
    SqlContext &context, qint64 leadId, const QStringList &wanted, std::optional<Cursor> after, int limit)
{
    QStringList parts;
    QVariantList values;
    for (const auto &source : sources) {
        const auto kind = QString::fromLatin1(source.kind);
        if (!wanted.isEmpty() && !wanted.contains(kind))
            continue;
        parts.append(QString::fromLatin1(source.select));
        values.append(leadId);
    }
    Page page;
    if (parts.isEmpty())
        return page;
    QString sql
        = QStringLiteral("WITH t(kind, id, at, direction, title, text, state, conversation_id, due_at) AS (")
        + parts.join(QStringLiteral(" UNION ALL "))
        + QStringLiteral(") SELECT kind, id, at, direction, title, text, state, conversation_id, due_at FROM "
                         "(SELECT "
                         "*, (CASE kind ");
    for (const auto &source : sources)
        sql += QStringLiteral("WHEN '%1' THEN %2 ")
                   .arg(QLatin1String(source.kind))
                   .arg(rankOf(QLatin1String(source.kind)));
    sql += QStringLiteral("END) * %1 + id AS sort_key FROM t)").arg(rankFactor);
    if (after) {
        sql += QStringLiteral(" WHERE at < ? OR (at = ? AND sort_key < ?)");
        values << after->at << after->at << after->key;
    }
    sql += QStringLiteral(" ORDER BY at DESC, sort_key DESC LIMIT ?");
    values << limit + 1;
    auto &query = context.run(sql, values);
    while (query.next()) {
        if (page.entries.size() == limit) {
            const auto &last = page.entries.last();
            page.next = Cursor {last.at, qint64(rankOf(last.kind)) * rankFactor + last.id};
            break;
        }
        Entry entry;
        entry.kind = query.value(0).toString();
        entry.id = query.value(1).toLongLong();
        entry.at = query.value(2).toLongLong();
        entry.direction = query.value(3).toString();
        entry.title = query.value(4).toString();
        entry.text = query.value(5).toString();
        entry.state = query.value(6).toString();
        entry.conversationId = query.value(7).toLongLong();
        entry.dueAt = query.value(8).toLongLong();
        page.entries.append(entry);
    }
    query.finish();
    return page;
}

} // namespace LeadTimeline

} // namespace sb
