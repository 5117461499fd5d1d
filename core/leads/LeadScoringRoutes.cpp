#include "LeadScoringRoutes.h"

#include "LeadCommands.h"
#include "LeadScores.h"
#include "domain/IsoTime.h"
#include "http/JsonBody.h"
#include "storage/ListQuery.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>
#include <QSet>

namespace sb {

namespace {

const std::vector<SortOrder> &scoreSorts()
{
    static const std::vector<SortOrder> sorts {{QStringLiteral("score"), QStringLiteral("s.score")}};
    return sorts;
}

ApiError bad(const QString &message)
{
    return ApiError {ErrorKind::BadRequest, message};
}

QJsonObject scoredLead(SqlContext &context, qint64 id)
{
    auto &query
        = context.run(QStringLiteral("SELECT l.first_name, l.last_name, l.company_name, l.lead_status, "
                                     "s.score, s.reasons, s.computed_at FROM lead_scores s "
                                     "JOIN leads l ON l.id = s.lead_id WHERE s.lead_id = ?"),
            {id});
    QJsonObject lead;
    if (query.next()) {
        auto name = QStringList {query.value(0).toString(), query.value(1).toString()}
                        .join(QLatin1Char(' '))
                        .trimmed();
        if (name.isEmpty())
            name = query.value(2).toString();
        QJsonArray reasons;
        for (const auto &reason :
            scoring::reasonsFromJson(QJsonDocument::fromJson(query.value(5).toString().toUtf8()).array()))
            reasons.append(QJsonObject {
                {QStringLiteral("points"), reason.points}, {QStringLiteral("reason"), reason.text}});
        lead = QJsonObject {{QStringLiteral("leadId"), id}, {QStringLiteral("name"), name},
            {QStringLiteral("status"), query.value(3).toString()},
            {QStringLiteral("score"), query.value(4).toInt()}, {QStringLiteral("reasons"), reasons},
            {QStringLiteral("computedAt"), isoTime(query.value(6).toLongLong())}};
    }
    query.finish();
    return lead;
}

// Read: GET /api/leads/scoring
ApiResult listScores(SqlContext &context, const ApiRequest &request)
{
    namespace p = listparam;
    const auto requested = p::page(request, scoreSorts(), QStringLiteral("-score"));
    if (auto *error = std::get_if<ApiError>(&requested))
        return *error;
    const auto &[limit, sort, after] = std::get<p::PageRequest>(requested);
    const auto status = p::oneOf(request, QStringLiteral("status"), leadStatuses());
    if (auto *error = std::get_if<ApiError>(&status))
        return *error;
    std::optional<int> minScore;
    const auto minText = p::value(request, QStringLiteral("min_score"));
    if (!minText.isNull()) {
        bool ok = false;
        const int value = minText.toInt(&ok);
        if (!ok || value < 0 || value > 100)
            return bad(QStringLiteral("min_score must be an integer from 0 to 100"));
        minScore = value;
    }
    QString sql = QStringLiteral("SELECT l.id, s.score FROM lead_scores s JOIN leads l ON l.id = s.lead_id "
                                 "WHERE l.archived_at IS NULL");
    QVariantList values;
    if (minScore) {
        sql += QStringLiteral(" AND s.score >= ?");
        values.append(*minScore);
    }
    if (const auto &wanted = std::get<std::optional<QString>>(status)) {
        sql += QStringLiteral(" AND l.lead_status = ?");
        values.append(*wanted);
    }
    if (after)
        sql += QStringLiteral(" AND (") + keysetClause(sort, QStringLiteral("l.id"), *after, values)
            + QLatin1Char(')');
    sql += QStringLiteral(" ORDER BY ") + orderClause(sort, QStringLiteral("l.id"))
        + QStringLiteral(" LIMIT ?");
    const auto page = keysetPage(context, sql, values, limit, sort.name);
    QJsonArray data;
    for (const auto id : page.ids)
        data.append(scoredLead(context, id));
    return ApiResponse::json(200,
        QJsonObject {{QStringLiteral("data"), data},
            {QStringLiteral("next_cursor"), page.next ? QJsonValue(encodeCursor(*page.next)) : QJsonValue()},
            {QStringLiteral("has_more"), page.next.has_value()}, {QStringLiteral("limit"), limit},
            {QStringLiteral("sort"), sort.name}});
}

QJsonObject rulesJson(SqlContext &context)
{
    QJsonArray rules;
    for (const auto &rule : LeadScores::rules(context))
        rules.append(rule.toJson());
    return QJsonObject {{QStringLiteral("rules"), rules}};
}

// Read: GET /api/leads/status-rules
ApiResult getRules(SqlContext &context, const ApiRequest &)
{
    return ApiResponse::json(200, rulesJson(context));
}

// Write: PUT /api/leads/status-rules. Every change is checked before any is stored.
ApiResult putRules(SqlContext &context, const ApiRequest &request)
{
    auto parsed = JsonBody::object(request.body);
    if (auto *error = std::get_if<ApiError>(&parsed))
        return *error;
    const auto &body = std::get<QJsonObject>(parsed);
    const auto given = body.value(QStringLiteral("rules"));
    if (!given.isArray() || given.toArray().isEmpty())
        return bad(QStringLiteral("rules must be a non-empty array"));
    auto stored = LeadScores::rules(context);
    QSet<QString> seen;
    for (const auto &item : given.toArray()) {
        if (!item.isObject())
            return bad(QStringLiteral("each of rules must be an object"));
        const auto change = item.toObject();
        const auto id = change.value(QStringLiteral("id")).toString();
        const auto rule
            = std::find_if(stored.begin(), stored.end(), [&id](const auto &r) { return r.id == id; });
        if (id.isEmpty() || rule == stored.end())
            return bad(QStringLiteral("rules[].id must name a rule (unknown: \"%1\")").arg(id));
        if (seen.contains(id))
            return bad(QStringLiteral("rule %1 is given twice").arg(id));
        seen.insert(id);
        for (auto it = change.begin(); it != change.end(); ++it) {
            if (!QStringList {QStringLiteral("id"), QStringLiteral("enabled"), QStringLiteral("fromStatuses"),
                    QStringLiteral("toStatus")}
                     .contains(it.key()))
                return bad(QStringLiteral("%1 cannot be set (rule %2)").arg(it.key(), id));
        }
        if (change.contains(QStringLiteral("enabled"))) {
            if (!change.value(QStringLiteral("enabled")).isBool())
                return bad(QStringLiteral("enabled must be true or false (rule %1)").arg(id));
            rule->enabled = change.value(QStringLiteral("enabled")).toBool();
        }
        if (change.contains(QStringLiteral("fromStatuses"))) {
            const auto from = change.value(QStringLiteral("fromStatuses"));
            if (!from.isArray() || from.toArray().isEmpty())
                return bad(QStringLiteral("fromStatuses must be a non-empty array (rule %1)").arg(id));
            QStringList statuses;
            for (const auto &status : from.toArray()) {
                if (!leadStatuses().contains(status.toString()))
                    return bad(QStringLiteral("fromStatuses must hold lead statuses: %1 (rule %2)")
                                   .arg(leadStatuses().join(QStringLiteral(", ")), id));
                if (!statuses.contains(status.toString()))
                    statuses.append(status.toString());
            }
            rule->fromStatuses = statuses;
        }
        if (change.contains(QStringLiteral("toStatus"))) {
            const auto to = change.value(QStringLiteral("toStatus")).toString();
            if (!leadStatuses().contains(to))
                return bad(QStringLiteral("toStatus must be one of: %1 (rule %2)")
                               .arg(leadStatuses().join(QStringLiteral(", ")), id));
            rule->toStatus = to;
        }
        if (rule->fromStatuses.contains(rule->toStatus))
            return bad(QStringLiteral("toStatus must not be one of fromStatuses (rule %1)").arg(id));
    }
    for (const auto &rule : stored) {
        if (seen.contains(rule.id))
            LeadScores::saveRule(context, rule);
    }
    return ApiResponse::json(200, rulesJson(context));
}

} // namespace

std::vector<LeadApiRoute> leadScoringRoutes()
{
    return {
        {"GET", QStringLiteral("/api/leads/scoring"), QStringLiteral("leads.scoring"), true, listScores},
        {"GET", QStringLiteral("/api/leads/status-rules"), QStringLiteral("leads.status_rules.get"), true,
            getRules},
        {"PUT", QStringLiteral("/api/leads/status-rules"), QStringLiteral("leads.status_rules.update"), false,
            putRules},
    };
}

} // namespace sb
