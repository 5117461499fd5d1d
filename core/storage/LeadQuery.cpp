#include "LeadQuery.h"

#include "domain/Lead.h"
#include "storage/RowJson.h"
#include "storage/SqlPattern.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>

namespace sb {

namespace {

template <typename Enum>
QString rankExpression(const QString &column, const QList<Enum> &values, QString (*name)(Enum))
{
    QString expression = QStringLiteral("CASE ") + column;
    for (qsizetype i = 0; i < values.size(); ++i)
        expression += QStringLiteral(" WHEN '%1' THEN %2").arg(name(values[i])).arg(i);
    return expression + QStringLiteral(" ELSE -1 END");
}

QList<qint64> ids(SqlContext &context, const QString &sql, const QVariantList &values)
{
    auto &query = context.run(sql, values);
    QList<qint64> found;
    while (query.next())
        found.append(query.value(0).toLongLong());
    query.finish();
    return found;
}

QJsonArray rows(SqlContext &context, const QString &table, const QString &sql, const QVariantList &values,
    RowTimes times = RowTimes::Iso)
{
    QJsonArray array;
    for (const auto id : ids(context, sql, values))
        array.append(rowJson(context, table, id, times));
    return array;
}

int removeRows(SqlContext &context, const QString &sql, const QVariantList &values)
{
    auto &query = context.run(sql, values);
    const int count = query.numRowsAffected();
    query.finish();
    return std::max(count, 0);
}

} // namespace

const std::vector<SortOrder> &LeadQuery::sorts()
{
    static const std::vector<SortOrder> orders {
        {QStringLiteral("updated_at"), QStringLiteral("updated_at")},
        {QStringLiteral("created_at"), QStringLiteral("created_at")},
        {QStringLiteral("priority"),
            rankExpression(QStringLiteral("priority"), allLeadPriorities(), leadPriorityName)},
        {QStringLiteral("lead_status"),
            rankExpression(QStringLiteral("lead_status"), allLeadStatuses(), leadStatusName)},
        {QStringLiteral("id"), QStringLiteral("id")},
    };
    return orders;
}

IdPage LeadQuery::page(SqlContext &context, const LeadListFilter &filter, const SortOrder &order, int limit,
    const std::optional<PageKey> &after)
{
    QStringList where;
    QVariantList values;
    if (!filter.includeArchived)
        where << QStringLiteral("archived_at IS NULL");
    if (filter.status) {
        where << QStringLiteral("lead_status = ?");
        values << *filter.status;
    }
    if (filter.priority) {
        where << QStringLiteral("priority = ?");
        values << *filter.priority;
    }
    if (filter.source) {
        where << QStringLiteral("source = ?");
        values << *filter.source;
    }
    if (filter.updatedSince) {
        where << QStringLiteral("updated_at >= ?");
        values << *filter.updatedSince;
    }
    if (!filter.search.trimmed().isEmpty()) {
        const auto pattern = containsPattern(filter.search.trimmed());
        where << QStringLiteral(
            "(trim(COALESCE(first_name, '') || ' ' || COALESCE(last_name, '')) LIKE ? ESCAPE '\\' "
            "OR company_name LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\' OR phone LIKE ? ESCAPE '\\' "
            "OR phone_e164 LIKE ? ESCAPE '\\')");
        values << pattern << pattern << pattern << pattern << pattern;
    }
    if (after)
        where << keysetClause(order, QStringLiteral("id"), *after, values);
    QString sql = QStringLiteral("SELECT id, ") + order.expression + QStringLiteral(" FROM leads");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY ") + orderClause(order, QStringLiteral("id"))
        + QStringLiteral(" LIMIT ?");
    return keysetPage(context, sql, values, limit, order.name);
}

bool LeadQuery::exists(SqlContext &context, qint64 id)
{
    return !ids(context, QStringLiteral("SELECT id FROM leads WHERE id = ?"), {id}).isEmpty();
}

bool LeadQuery::isArchived(SqlContext &context, qint64 id)
{
    return !ids(
        context, QStringLiteral("SELECT id FROM leads WHERE id = ? AND archived_at IS NOT NULL"), {id})
                .isEmpty();
}

QJsonObject LeadQuery::lead(SqlContext &context, qint64 id)
{
    auto json = rowJson(context, QStringLiteral("leads"), id);
    if (!json.isEmpty()) {
        json.insert(QStringLiteral("archived"), !json.value(QStringLiteral("archived_at")).isNull());
        json.insert(
            QStringLiteral("do_not_contact"), json.value(QStringLiteral("do_not_contact")).toInteger() != 0);
    }
    return json;
}

QJsonObject LeadQuery::detail(SqlContext &context, qint64 id)
{
    auto json = lead(context, id);
    if (json.isEmpty())
        return json;
    const QString owner = QStringLiteral("lead");
    json.insert(QStringLiteral("contacts"),
        rows(context, QStringLiteral("contacts"),
            QStringLiteral("SELECT id FROM contacts WHERE owner_kind = ? AND owner_id = ? ORDER BY id"),
            {owner, id}));
    json.insert(QStringLiteral("memos"),
        rows(context, QStringLiteral("memos"),
            QStringLiteral("SELECT id FROM memos WHERE owner_kind = ? AND owner_id = ? ORDER BY id"),
            {owner, id}));
    json.insert(QStringLiteral("activities"),
        rows(context, QStringLiteral("activities"),
            QStringLiteral("SELECT id FROM activities WHERE lead_id = ? ORDER BY id"), {id}));
    json.insert(QStringLiteral("status_history"),
        rows(context, QStringLiteral("status_history"),
            QStringLiteral("SELECT id FROM status_history WHERE owner_kind = ? AND owner_id = ? ORDER BY id"),
            {owner, id}));
    json.insert(QStringLiteral("conversations"),
        rows(context, QStringLiteral("conversations"),
            QStringLiteral("SELECT id FROM conversations WHERE lead_id = ? ORDER BY id"), {id}));
    return json;
}

bool LeadQuery::archive(SqlContext &context, qint64 id)
{
    const auto now = context.nowMs();
    return removeRows(context,
               QStringLiteral(
                   "UPDATE leads SET archived_at = ?, updated_at = ? WHERE id = ? AND archived_at IS NULL"),
               {now, now, id})
        > 0;
}

} // namespace sb
