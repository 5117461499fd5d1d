#include "ConversationQuery.h"

#include "storage/ConversationRepository.h"
#include "storage/LeadDirectory.h"
#include "storage/RowJson.h"
#include "storage/SqlWorker.h"

namespace sb {

const std::vector<SortOrder> &ConversationQuery::sorts()
{
    static const std::vector<SortOrder> orders {
        {QStringLiteral("updated_at"), QStringLiteral("c.updated_at")},
        {QStringLiteral("created_at"), QStringLiteral("c.created_at")},
        {QStringLiteral("last_message_at"), QStringLiteral("COALESCE(c.last_message_at, c.created_at)")},
        {QStringLiteral("id"), QStringLiteral("c.id")},
    };
    return orders;
}

IdPage ConversationQuery::page(SqlContext &context, const ConversationListFilter &filter,
    const SortOrder &order, int limit, const std::optional<PageKey> &after)
{
    QStringList where;
    QVariantList values;
    if (!filter.includeArchived)
        where << QStringLiteral("c.lead_id NOT IN (SELECT id FROM leads WHERE archived_at IS NOT NULL)");
    if (filter.channel) {
        where << QStringLiteral("c.channel = ?");
        values << *filter.channel;
    }
    if (filter.leadId) {
        where << QStringLiteral("c.lead_id = ?");
        values << *filter.leadId;
    }
    if (filter.unread)
        where << (*filter.unread ? QStringLiteral("c.unread_count > 0")
                                 : QStringLiteral("c.unread_count = 0"));
    if (filter.updatedSince) {
        where << QStringLiteral("c.updated_at >= ?");
        values << *filter.updatedSince;
    }
    if (after)
        where << keysetClause(order, QStringLiteral("c.id"), *after, values);
    QString sql
        = QStringLiteral("SELECT c.id, ") + order.expression + QStringLiteral(" FROM conversations c");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY ") + orderClause(order, QStringLiteral("c.id"))
        + QStringLiteral(" LIMIT ?");
    return keysetPage(context, sql, values, limit, order.name);
}

QJsonObject ConversationQuery::conversation(SqlContext &context, qint64 id)
{
    auto json = rowJson(context, QStringLiteral("conversations"), id);
    if (!json.isEmpty())
        json.insert(QStringLiteral("lead"),
            LeadDirectory::leadJson(context, json.value(QStringLiteral("lead_id")).toInteger()));
    return json;
}

QJsonObject ConversationQuery::message(SqlContext &context, qint64 id)
{
    return rowJson(context, QStringLiteral("messages"), id);
}

QString ConversationQuery::messageSort()
{
    return QStringLiteral("messages");
}

IdPage ConversationQuery::messages(SqlContext &context, qint64 conversationId, MessageDirection direction,
    int limit, const std::optional<PageKey> &from)
{
    const SortOrder order {messageSort(), QStringLiteral("created_at"), direction == MessageDirection::Older};
    QVariantList values {conversationId};
    QString sql = QStringLiteral("SELECT id, created_at FROM messages WHERE conversation_id = ?");
    if (from)
        sql += QStringLiteral(" AND ") + keysetClause(order, QStringLiteral("id"), *from, values);
    sql += QStringLiteral(" ORDER BY ") + orderClause(order, QStringLiteral("id"))
        + QStringLiteral(" LIMIT ?");
    return keysetPage(context, sql, values, limit, order.name);
}

PageKey ConversationQuery::messageKey(SqlContext &context, qint64 messageId)
{
    auto &query = context.run(QStringLiteral("SELECT created_at FROM messages WHERE id = ?"), {messageId});
    PageKey key {messageSort(), 0, messageId};
    if (query.next())
        key.value = query.value(0).toLongLong();
    query.finish();
    return key;
}

std::optional<int> ConversationQuery::markRead(SqlContext &context, qint64 id)
{
    auto &query = context.run(QStringLiteral("SELECT unread_count FROM conversations WHERE id = ?"), {id});
    std::optional<int> unread;
    if (query.next())
        unread = query.value(0).toInt();
    query.finish();
    if (unread && *unread > 0) {
        ConversationRepository::markRead(context, id);
        context.run(
            QStringLiteral("UPDATE conversations SET updated_at = ? WHERE id = ?"), {context.nowMs(), id});
    }
    return unread;
}

} // namespace sb
