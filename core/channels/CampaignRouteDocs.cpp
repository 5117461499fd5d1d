#include "CampaignRouteDocs.h"

#include "CampaignApiRoutes.h"
#include "domain/Campaign.h"
#include "domain/Lead.h"
#include "domain/Messaging.h"
#include "server/RouteTable.h"
#include "storage/ListQuery.h"

#include <QJsonArray>
#include <limits>

namespace sb {

namespace {

using namespace schema;

const ParamDoc campaignIdParam {QStringLiteral("id"), QStringLiteral("The campaign id"),
    integerRange(1, std::numeric_limits<qint64>::max()), true};

QJsonObject progressSchema()
{
    return object({{QStringLiteral("total"), integer()}, {QStringLiteral("queued"), integer()},
                      {QStringLiteral("sent"), integer()}, {QStringLiteral("delivered"), integer()},
                      {QStringLiteral("opened"), integer()}, {QStringLiteral("clicked"), integer()},
                      {QStringLiteral("replied"), integer()}, {QStringLiteral("bounced"), integer()},
                      {QStringLiteral("failed"), integer()}, {QStringLiteral("unsubscribed"), integer()},
                      {QStringLiteral("skippedDoNotContact"), integer()}},
        {QStringLiteral("total"), QStringLiteral("queued"), QStringLiteral("sent"),
            QStringLiteral("delivered"), QStringLiteral("opened"), QStringLiteral("clicked"),
            QStringLiteral("replied"), QStringLiteral("bounced"), QStringLiteral("failed"),
            QStringLiteral("unsubscribed"), QStringLiteral("skippedDoNotContact")});
}

QJsonObject audienceSchema()
{
    return object(
        {{QStringLiteral("status"), array(string(), QStringLiteral("Lead statuses"))},
            {QStringLiteral("source"), array(string(), QStringLiteral("Lead sources"))},
            {QStringLiteral("priority"), array(string(), QStringLiteral("Lead priorities"))},
            {QStringLiteral("createdAfter"), dateTime()}, {QStringLiteral("createdBefore"), dateTime()},
            {QStringLiteral("hasPhone"), boolean()}, {QStringLiteral("hasEmail"), boolean()}},
        {}, QStringLiteral("Which leads receive it; do-not-contact and archived leads never do"), true);
}

QJsonObject inputSchema(bool create)
{
    return object(
        {{QStringLiteral("name"), string()},
            {QStringLiteral("channel"),
                oneOfValues({channelName(Channel::Sms), channelName(Channel::Email)})},
            {QStringLiteral("serviceId"),
                nullable(integer(QStringLiteral("External service; default: the channel's default")))},
            {QStringLiteral("subject"), nullable(string(QStringLiteral("Required for email; template")))},
            {QStringLiteral("body"),
                string(
                    QStringLiteral("Template: {first_name}, {last_name}, {company_name}, {owner}, {email}, "
                                   "{phone}, each with an optional fallback {first_name|there}"))},
            {QStringLiteral("audience"), audienceSchema()},
            {QStringLiteral("throttlePerMinute"),
                integerRange(0, campaignMaxThrottle, QStringLiteral("0: no limit"))},
            {QStringLiteral("scheduledAt"),
                nullable(dateTime(QStringLiteral("Without an offset: in timeZone")))},
            {QStringLiteral("timeZone"), nullable(string(QStringLiteral("IANA time zone")))}},
        create ? QStringList {QStringLiteral("name"), QStringLiteral("channel"), QStringLiteral("body")}
               : QStringList {});
}

QJsonObject campaignSchema()
{
    return object(
        {{QStringLiteral("id"), integer()}, {QStringLiteral("name"), string()},
            {QStringLiteral("channel"),
                oneOfValues({channelName(Channel::Sms), channelName(Channel::Email)})},
            {QStringLiteral("serviceId"), nullable(integer())},
            {QStringLiteral("subject"), nullable(string())}, {QStringLiteral("body"), string()},
            {QStringLiteral("audience"), audienceSchema()}, {QStringLiteral("throttlePerMinute"), integer()},
            {QStringLiteral("scheduledAt"), nullable(dateTime())},
            {QStringLiteral("timeZone"), nullable(string())},
            {QStringLiteral("state"), oneOfValues(campaignStateNames())},
            {QStringLiteral("progress"), progressSchema()},
            {QStringLiteral("audienceCount"),
                integer(QStringLiteral("Single campaign only: leads the audience selects now"))},
            {QStringLiteral("audienceDoNotContact"),
                integer(QStringLiteral("Single campaign only: do-not-contact leads it leaves out"))},
            {QStringLiteral("createdAt"), dateTime()}, {QStringLiteral("updatedAt"), dateTime()},
            {QStringLiteral("startedAt"), nullable(dateTime())},
            {QStringLiteral("completedAt"), nullable(dateTime())}},
        {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("channel"), QStringLiteral("state"),
            QStringLiteral("progress")});
}

QJsonObject pageSchema(const QJsonObject &item)
{
    return object({{QStringLiteral("data"), array(item)}, {QStringLiteral("next_cursor"), nullable(string())},
                      {QStringLiteral("has_more"), boolean()}, {QStringLiteral("limit"), integer()}},
        {QStringLiteral("data"), QStringLiteral("next_cursor"), QStringLiteral("has_more")});
}

QList<ParamDoc> pageParams(const QStringList &states, const QString &what)
{
    return {queryParam(QStringLiteral("state"), oneOfValues(states), what),
        queryParam(
            QStringLiteral("limit"), integerRange(1, listparam::maxLimit), QStringLiteral("Default 50")),
        queryParam(QStringLiteral("cursor"), string(), QStringLiteral("next_cursor of the previous page"))};
}

} // namespace

void documentCampaignRoutes(Router &router)
{
    const auto base = QStringLiteral("/api/campaigns");
    const QString one = base + QStringLiteral("/{id}");
    RouteDoc list;
    list.summary = QStringLiteral("List campaigns");
    list.query = pageParams(campaignStateNames(), QStringLiteral("Only campaigns in this state"));
    list.query.append(queryParam(
        QStringLiteral("sort"), oneOfValues({QStringLiteral("-created_at"), QStringLiteral("created_at")})));
    list.responses = {jsonResponse(200, QStringLiteral("One page of campaigns, newest first"),
                          pageSchema(campaignSchema())),
        errorResponse(400, QStringLiteral("A bad filter, limit or cursor"))};
    router.document("GET", base, list);

    RouteDoc create;
    create.summary = QStringLiteral("Create a campaign (draft)");
    create.bodies = {BodyDoc {"application/json", inputSchema(true), {}}};
    create.responses = {jsonResponse(201, QStringLiteral("The campaign"), campaignSchema()),
        errorResponse(400, QStringLiteral("A missing or invalid field, or an unknown placeholder (named)"))};
    router.document("POST", base, create);

    RouteDoc get;
    get.summary = QStringLiteral("A campaign with its progress and audience count");
    get.pathParams = {campaignIdParam};
    get.responses = {jsonResponse(200, QStringLiteral("The campaign"), campaignSchema()),
        errorResponse(404, QStringLiteral("No such campaign"))};
    router.document("GET", one, get);

    RouteDoc update;
    update.summary
        = QStringLiteral("Change a draft or scheduled campaign (members given replace the stored ones)");
    update.pathParams = {campaignIdParam};
    update.bodies = {BodyDoc {"application/json", inputSchema(false), {}}};
    update.responses = {jsonResponse(200, QStringLiteral("The campaign"), campaignSchema()),
        errorResponse(400, QStringLiteral("An invalid field or unknown placeholder")),
        errorResponse(404, QStringLiteral("No such campaign")),
        errorResponse(409, QStringLiteral("The campaign has started (its state is named)"))};
    router.document("PUT", one, update);

    RouteDoc remove;
    remove.summary = QStringLiteral("Delete a campaign that is not running or paused");
    remove.pathParams = {campaignIdParam};
    remove.bodyRequired = false;
    remove.responses
        = {jsonResponse(200, QStringLiteral("Deleted"),
               object({{QStringLiteral("id"), integer()}, {QStringLiteral("deleted"), boolean()}})),
            errorResponse(404, QStringLiteral("No such campaign")),
            errorResponse(409, QStringLiteral("Running or paused: cancel it first"))};
    router.document("DELETE", one, remove);

    const std::pair<const char *, const char *> actions[] {
        {"execute",
            "Start now (draft/scheduled → running), or schedule a draft whose scheduledAt is ahead: one "
            "recipient per audience lead, sent through the outbox at the throttle"},
        {"pause", "Pause a running campaign (running → paused)"},
        {"resume", "Resume a paused campaign (paused → running)"},
        {"cancel", "Cancel a campaign that has not ended"}};
    for (const auto &[action, summary] : actions) {
        RouteDoc doc;
        doc.summary = QString::fromLatin1(summary);
        doc.pathParams = {campaignIdParam};
        doc.bodyRequired = false;
        const bool execute = qstrcmp(action, "execute") == 0;
        doc.responses = {jsonResponse(execute ? 202 : 200, QStringLiteral("The campaign in its new state"),
                             campaignSchema()),
            errorResponse(404, QStringLiteral("No such campaign")),
            errorResponse(409, QStringLiteral("Not allowed from the current state (named)"))};
        router.document("POST", one + QLatin1Char('/') + QString::fromLatin1(action), doc);
    }

    RouteDoc recipients;
    recipients.summary = QStringLiteral("A campaign's recipients, in the order they are sent");
    recipients.pathParams = {campaignIdParam};
    recipients.query = pageParams(recipientStateNames(), QStringLiteral("Only recipients in this state"));
    recipients.responses
        = {jsonResponse(200, QStringLiteral("One page of recipients"),
               pageSchema(object({{QStringLiteral("id"), integer()}, {QStringLiteral("leadId"), integer()},
                   {QStringLiteral("state"), oneOfValues(recipientStateNames())},
                   {QStringLiteral("messageId"), nullable(integer())},
                   {QStringLiteral("outboxId"), nullable(integer())},
                   {QStringLiteral("error"), nullable(string())}, {QStringLiteral("queuedAt"), dateTime()},
                   {QStringLiteral("sentAt"), nullable(dateTime())},
                   {QStringLiteral("deliveredAt"), nullable(dateTime())},
                   {QStringLiteral("openedAt"), nullable(dateTime())},
                   {QStringLiteral("clickedAt"), nullable(dateTime())},
                   {QStringLiteral("repliedAt"), nullable(dateTime())},
                   {QStringLiteral("endedAt"), nullable(dateTime())}}))),
            errorResponse(400, QStringLiteral("A bad state, limit or cursor")),
            errorResponse(404, QStringLiteral("No such campaign"))};
    router.document("GET", one + QStringLiteral("/recipients"), recipients);

    RouteDoc stats;
    stats.summary = QStringLiteral(
        "Counts and rates per recipient state, an hourly time series and response by hour of day");
    stats.description = QStringLiteral(
        "Hours are those of the campaign's time zone (its timeZone; UTC when it has none), named in the "
        "answer's timeZone: a timeline point's \"at\" is the start of a local hour with that zone's offset, "
        "byHour counts sends by their local hour of day.");
    stats.pathParams = {campaignIdParam};
    const auto point = object({{QStringLiteral("at"), dateTime()}, {QStringLiteral("sent"), integer()},
        {QStringLiteral("delivered"), integer()}, {QStringLiteral("replied"), integer()}});
    const auto hour
        = object({{QStringLiteral("hour"),
                      integerRange(0, 23, QStringLiteral("Hour of day in the campaign's time zone"))},
            {QStringLiteral("sent"), integer()}, {QStringLiteral("replied"), integer()},
            {QStringLiteral("responseRate"), number()}});
    stats.responses = {
        jsonResponse(200, QStringLiteral("The analytics"),
            object({{QStringLiteral("campaignId"), integer()},
                       {QStringLiteral("timeZone"), string(QStringLiteral("IANA name, UTC when none"))},
                       {QStringLiteral("counts"), progressSchema()},
                       {QStringLiteral("funnel"),
                           object({{QStringLiteral("total"), integer()}, {QStringLiteral("sent"), integer()},
                                      {QStringLiteral("delivered"), integer()},
                                      {QStringLiteral("opened"), integer()},
                                      {QStringLiteral("clicked"), integer()},
                                      {QStringLiteral("replied"), integer()}},
                               {}, QStringLiteral("Recipients that reached at least each step"))},
                       {QStringLiteral("rates"), anyObject(QStringLiteral("0..1 per state"))},
                       {QStringLiteral("timeline"), array(point)}, {QStringLiteral("byHour"), array(hour)}},
                {QStringLiteral("timeZone"), QStringLiteral("counts"), QStringLiteral("rates"),
                    QStringLiteral("timeline"), QStringLiteral("byHour")})),
        errorResponse(404, QStringLiteral("No such campaign"))};
    router.document("GET", one + QStringLiteral("/analytics"), stats);
}

} // namespace sb
