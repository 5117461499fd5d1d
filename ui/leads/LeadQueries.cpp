#include "LeadQueries.h"

#include "leads/LeadScoring.h"
#include "storage/LeadMapper.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>

namespace sb {

namespace {

const QString rowColumns = QStringLiteral(
    "id, first_name, last_name, company_name, phone, email, lead_status, lifecycle, priority, source, "
    "expected_value, updated_at, (SELECT score FROM lead_scores WHERE lead_scores.lead_id = leads.id) AS "
    "score");

template <typename Enum> QStringList enumNames(const QList<Enum> &values, QString (*name)(Enum))
{
    QStringList names;
    for (const auto value : values)
        names.append(name(value));
    return names;
}

// "CASE column WHEN 'first' THEN 0 WHEN 'second' THEN 1 ... <otherwise> END": the enum's order.
QString rankExpression(const QString &column, const QStringList &names, const QString &otherwise)
{
    QString expression = QStringLiteral("CASE ") + column;
    for (qsizetype i = 0; i < names.size(); ++i)
        expression += QStringLiteral(" WHEN '%1' THEN %2").arg(names[i]).arg(i);
    return expression + QLatin1Char(' ') + otherwise + QStringLiteral(" END");
}

// The ORDER BY expression per column. NULLs become '' or -1 so that the keyset comparison
// (expr, id) > (?, ?) never meets a NULL.
QString sortExpression(LeadQuery::Column column)
{
    switch (column) {
    case LeadQuery::Name:
        return QStringLiteral("lower(trim(COALESCE(first_name, '') || ' ' || COALESCE(last_name, '')))");
    case LeadQuery::Company:
        return QStringLiteral("lower(COALESCE(company_name, ''))");
    case LeadQuery::Phone:
        return QStringLiteral("COALESCE(phone, '')");
    case LeadQuery::Email:
        return QStringLiteral("lower(COALESCE(email, ''))");
    case LeadQuery::Status:
        // Pipeline order, not alphabetical.
        return rankExpression(QStringLiteral("lead_status"), enumNames(allLeadStatuses(), leadStatusName),
            QStringLiteral("ELSE 7"));
    case LeadQuery::Score:
        return QStringLiteral(
            "COALESCE((SELECT score FROM lead_scores WHERE lead_scores.lead_id = leads.id), -1)");
    case LeadQuery::Priority:
        return rankExpression(QStringLiteral("priority"), enumNames(allLeadPriorities(), leadPriorityName),
            QStringLiteral("ELSE -1"));
    case LeadQuery::Source:
        return QStringLiteral("COALESCE(source, '')");
    case LeadQuery::ExpectedValue:
        return QStringLiteral("COALESCE(expected_value, -1)");
    case LeadQuery::Updated:
    case LeadQuery::ColumnCount:
        break;
    }
    return QStringLiteral("updated_at");
}

// "first_name LIKE ? ..." for the search, with its values; empty when not searching.
QString searchClause(const QString &search, QVariantList &values)
{
    const auto term = search.trimmed();
    if (term.isEmpty())
        return {};
    auto escaped = term;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('%'), QStringLiteral("\\%"))
        .replace(QLatin1Char('_'), QStringLiteral("\\_"));
    const QString pattern = QLatin1Char('%') + escaped + QLatin1Char('%');
    const QStringList columns {QStringLiteral("COALESCE(first_name, '') || ' ' || COALESCE(last_name, '')"),
        QStringLiteral("company_name"), QStringLiteral("email"), QStringLiteral("phone")};
    QStringList parts;
    for (const auto &column : columns) {
        parts.append(column + QStringLiteral(" LIKE ? ESCAPE '\\'"));
        values.append(pattern);
    }
    return QLatin1Char('(') + parts.join(QStringLiteral(" OR ")) + QLatin1Char(')');
}

LeadRow readRow(const QSqlQuery &query)
{
    const auto record = query.record();
    const auto lead = LeadMapper::fromRecord(record);
    LeadRow row;
    row.id = lead.id;
    row.firstName = lead.firstName;
    row.lastName = lead.lastName;
    row.company = lead.companyName;
    row.phone = lead.phone;
    row.email = lead.email;
    row.status = lead.status;
    row.lifecycle = lead.lifecycle;
    row.priority = lead.priority;
    row.source = lead.source;
    row.expectedValue = lead.expectedValue ? QVariant(*lead.expectedValue) : QVariant();
    row.updatedAtMs = lead.updatedAt;
    row.score = record.value(QStringLiteral("score"));
    row.sortKey = record.value(QStringLiteral("sort_key"));
    return row;
}

std::vector<LeadRow> readRows(SqlContext &sql, const QString &statement, const QVariantList &values)
{
    std::vector<LeadRow> rows;
    auto &query = sql.run(statement, values);
    while (query.next())
        rows.push_back(readRow(query));
    query.finish();
    return rows;
}

QString text(const QVariant &value)
{
    return value.isNull() ? QString() : value.toString();
}

} // namespace

QString LeadRow::name() const
{
    return QString(firstName + QLatin1Char(' ') + lastName).trimmed();
}

std::vector<LeadRow> LeadQueries::page(
    SqlContext &sql, const LeadQuery &query, const QVariant &afterKey, qint64 afterId, int limit)
{
    const auto expression = sortExpression(query.sortColumn);
    QVariantList values;
    // Archived leads (DELETE /api/leads/{id}) are history: the console lists the active ones.
    QStringList where {QStringLiteral("archived_at IS NULL")};
    const auto search = searchClause(query.search, values);
    if (!search.isEmpty())
        where.append(search);
    if (afterKey.isValid()) {
        // Keyset, not OFFSET: rows inserted live cannot shift the next page.
        where.append(QStringLiteral("(%1, id) %2 (?, ?)")
                         .arg(expression, query.descending ? QStringLiteral("<") : QStringLiteral(">")));
        values << afterKey << afterId;
    }
    values << limit;
    const auto direction = query.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    return readRows(sql,
        QStringLiteral("SELECT ") + rowColumns + QStringLiteral(", ") + expression
            + QStringLiteral(" AS sort_key FROM leads WHERE ") + where.join(QStringLiteral(" AND "))
            + QStringLiteral(" ORDER BY ") + expression + direction + QStringLiteral(", id") + direction
            + QStringLiteral(" LIMIT ?"),
        values);
}

std::vector<LeadRow> LeadQueries::byIds(SqlContext &sql, const LeadQuery &query, const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return {};
    QVariantList values;
    QStringList placeholders;
    for (const auto id : ids) {
        placeholders.append(QStringLiteral("?"));
        values.append(id);
    }
    const auto search = searchClause(query.search, values);
    return readRows(sql,
        QStringLiteral("SELECT ") + rowColumns + QStringLiteral(", ") + sortExpression(query.sortColumn)
            + QStringLiteral(" AS sort_key FROM leads WHERE archived_at IS NULL AND id IN (")
            + placeholders.join(QLatin1Char(',')) + QLatin1Char(')')
            + (search.isEmpty() ? QString() : QStringLiteral(" AND ") + search),
        values);
}

std::optional<LeadDetail> LeadQueries::detail(SqlContext &sql, qint64 id)
{
    LeadDetail detail;
    {
        auto &query = sql.run(QStringLiteral("SELECT ") + rowColumns
                + QStringLiteral(", 0 AS sort_key, discard_reason, loss_reason, created_at, attributes, "
                                 "do_not_contact, do_not_contact_reason FROM leads WHERE id = ?"),
            {id});
        if (!query.next()) {
            query.finish();
            return std::nullopt;
        }
        detail.lead = readRow(query);
        const auto lead = LeadMapper::fromRecord(query.record());
        detail.discardReason = lead.discardReason;
        detail.lossReason = lead.lossReason;
        detail.createdAtMs = lead.createdAt;
        detail.attributes = lead.attributes;
        detail.doNotContact = lead.doNotContact;
        detail.doNotContactReason = lead.doNotContactReason;
        query.finish();
    }
    const auto entries = [&sql, id](const QString &statement, int columns) {
        std::vector<LeadDetail::Entry> result;
        auto &query = sql.run(statement, {id});
        while (query.next()) {
            LeadDetail::Entry entry;
            entry.atMs = query.value(0).toLongLong();
            for (int i = 1; i <= columns; ++i)
                entry.fields.append(text(query.value(i)));
            result.push_back(entry);
        }
        query.finish();
        return result;
    };
    detail.contacts
        = entries(QStringLiteral("SELECT created_at, trim(COALESCE(first_name, '') || ' ' || "
                                 "COALESCE(last_name, '')), email, phone, designation, department, "
                                 "is_primary FROM contacts WHERE owner_kind = 'lead' AND owner_id = ? "
                                 "ORDER BY is_primary DESC, id"),
            6);
    detail.memos = entries(QStringLiteral("SELECT created_at, memo_type, title, content FROM memos "
                                          "WHERE owner_kind = 'lead' AND owner_id = ? ORDER BY id DESC"),
        3);
    detail.activities
        = entries(QStringLiteral("SELECT created_at, activity_type, title, description, scheduled_at, "
                                 "completed_at, outcome FROM activities WHERE lead_id = ? "
                                 "ORDER BY id DESC"),
            6);
    detail.history
        = entries(QStringLiteral("SELECT changed_at, old_status, new_status, remarks, status_date, source "
                                 "FROM status_history WHERE owner_kind = 'lead' AND owner_id = ? "
                                 "ORDER BY id DESC"),
            5);
    auto &score = sql.run(QStringLiteral("SELECT reasons FROM lead_scores WHERE lead_id = ?"), {id});
    if (score.next()) {
        for (const auto &reason :
            scoring::reasonsFromJson(QJsonDocument::fromJson(score.value(0).toByteArray()).array()))
            detail.scoreReasons.append(scoring::reasonLine(reason));
    }
    score.finish();
    auto &profile
        = sql.run(QStringLiteral("SELECT attributes FROM qualified_profiles WHERE lead_id = ?"), {id});
    if (profile.next())
        detail.qualifiedProfile = QJsonDocument::fromJson(profile.value(0).toByteArray()).object();
    profile.finish();
    return detail;
}

} // namespace sb
