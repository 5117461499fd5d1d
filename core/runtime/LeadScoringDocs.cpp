#include "LeadScoringDocs.h"

#include "leads/LeadCommands.h"
#include "leads/LeadScores.h"
#include "server/OpenApi.h"
#include "storage/ListQuery.h"

#include <QJsonArray>

namespace sb {

namespace {

using namespace schema;

QJsonObject reasonJson()
{
    return object(
        {{QStringLiteral("points"), integer(QStringLiteral("Points the rule added (negative: took away)"))},
            {QStringLiteral("reason"), string(QStringLiteral("e.g. replied within 1 h of our message"))}},
        {QStringLiteral("points"), QStringLiteral("reason")});
}

QJsonObject scoredLead()
{
    return object(
        {{QStringLiteral("leadId"), integer()},
            {QStringLiteral("name"), string(QStringLiteral("First and last name, else the company"))},
            {QStringLiteral("status"), oneOfValues(leadStatuses())},
            {QStringLiteral("score"), integerRange(0, 100)},
            {QStringLiteral("reasons"),
                array(reasonJson(), QStringLiteral("Rules that held, in table order"))},
            {QStringLiteral("computedAt"), dateTime()}},
        {QStringLiteral("leadId"), QStringLiteral("name"), QStringLiteral("status"), QStringLiteral("score"),
            QStringLiteral("reasons"), QStringLiteral("computedAt")});
}

QStringList statusNames()
{
    return leadStatuses();
}

QJsonObject ruleJson()
{
    return object(
        {{QStringLiteral("id"), string(QStringLiteral("e.g. reply_contacted"))},
            {QStringLiteral("trigger"),
                oneOfValues({statusTriggerName(StatusTrigger::InboundReply),
                    statusTriggerName(StatusTrigger::PositiveCall)})},
            {QStringLiteral("fromStatuses"), array(oneOfValues(statusNames()))},
            {QStringLiteral("toStatus"), oneOfValues(statusNames())}, {QStringLiteral("enabled"), boolean()},
            {QStringLiteral("reason"), string(QStringLiteral("The remarks written to status_history"))},
            {QStringLiteral("updatedAt"), nullable(dateTime())}},
        {QStringLiteral("id"), QStringLiteral("trigger"), QStringLiteral("fromStatuses"),
            QStringLiteral("toStatus"), QStringLiteral("enabled"), QStringLiteral("reason"),
            QStringLiteral("updatedAt")});
}

QJsonObject rulesJson()
{
    return object({{QStringLiteral("rules"), array(ruleJson())}}, {QStringLiteral("rules")});
}

} // namespace

QJsonObject leadScoreMembers(QJsonObject lead)
{
    return extend(std::move(lead),
        {{QStringLiteral("score"), nullable(integerRange(0, 100, QStringLiteral("null until first scored")))},
            {QStringLiteral("scoreReasons"), array(reasonJson())},
            {QStringLiteral("scoreComputedAt"), nullable(dateTime())}},
        {QStringLiteral("score"), QStringLiteral("scoreReasons")});
}

void documentLeadScoringRoutes(Router &router)
{
    RouteDoc list;
    list.summary = QStringLiteral("Leads: by score (hottest first)");
    list.description = QStringLiteral(
        "Each lead's score 0..100 and the reasons for it (the weights table in README, Lead scoring). Scores "
        "are recomputed in the transaction that changes a lead's activity. Archived leads are left out. Pass "
        "next_cursor as cursor for the next page: no lead is returned twice.");
    auto limit = integerRange(1, listparam::maxLimit);
    limit.insert(QStringLiteral("default"), listparam::defaultLimit);
    list.query = {queryParam(QStringLiteral("min_score"), integerRange(0, 100),
                      QStringLiteral("Only scores at or above")),
        queryParam(QStringLiteral("status"), oneOfValues(leadStatuses()), QStringLiteral("lead_status")),
        queryParam(QStringLiteral("sort"), oneOfValues({QStringLiteral("-score"), QStringLiteral("score")}),
            QStringLiteral("Default -score (ties: higher id first)")),
        queryParam(QStringLiteral("limit"), limit, QStringLiteral("Leads per page")),
        queryParam(QStringLiteral("cursor"), string(), QStringLiteral("next_cursor of the previous page"))};
    list.responses
        = {jsonResponse(200, QStringLiteral("One page of scored leads"),
               object({{QStringLiteral("data"), array(scoredLead())},
                          {QStringLiteral("next_cursor"), nullable(string())},
                          {QStringLiteral("has_more"), boolean()},
                          {QStringLiteral("limit"), integerRange(1, listparam::maxLimit)},
                          {QStringLiteral("sort"), string()}},
                   {QStringLiteral("data"), QStringLiteral("next_cursor"), QStringLiteral("has_more"),
                       QStringLiteral("limit"), QStringLiteral("sort")})),
            errorResponse(400,
                QStringLiteral(
                    "min_score is not 0..100, status unknown, limit out of 1..200, or a bad cursor; named"))};
    router.document("GET", QStringLiteral("/api/leads/scoring"), list);

    RouteDoc get;
    get.summary = QStringLiteral("Leads: automatic status rules");
    get.description = QStringLiteral(
        "When a rule's trigger happens to a lead in one of fromStatuses, its status moves to toStatus "
        "through "
        "the same path as a manual change (status_history with the reason, lead.status_changed).");
    get.responses = {jsonResponse(200, QStringLiteral("The rules"), rulesJson())};
    router.document("GET", QStringLiteral("/api/leads/status-rules"), get);

    RouteDoc put;
    put.summary = QStringLiteral("Leads: change automatic status rules");
    put.description = QStringLiteral("Changes the rules named; all are checked before any is stored.");
    put.bodies = {BodyDoc {"application/json",
        object({{QStringLiteral("rules"),
                   array(object({{QStringLiteral("id"), string()}, {QStringLiteral("enabled"), boolean()},
                                    {QStringLiteral("fromStatuses"), array(oneOfValues(statusNames()))},
                                    {QStringLiteral("toStatus"), oneOfValues(statusNames())}},
                       {QStringLiteral("id")}))}},
            {QStringLiteral("rules")}),
        {}}};
    put.responses = {jsonResponse(200, QStringLiteral("The rules after the change"), rulesJson()),
        errorResponse(400,
            QStringLiteral(
                "Not a JSON object, rules missing or empty, an unknown rule id or member, enabled not a "
                "boolean, an unknown status, or toStatus among fromStatuses; named"))};
    router.document("PUT", QStringLiteral("/api/leads/status-rules"), put);
}

} // namespace sb
