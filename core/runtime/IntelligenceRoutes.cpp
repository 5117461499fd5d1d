#include "IntelligenceRoutes.h"

#include "domain/Handover.h"
#include "domain/IsoTime.h"
#include "leads/LeadCommands.h"
#include "server/OpenApi.h"
#include "server/RouteTable.h"
#include "storage/CallAnalytics.h"
#include "storage/IntelligenceQueries.h"
#include "storage/ListQuery.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <cmath>

namespace sb {

namespace {

const QString dashboardPath = QStringLiteral("/api/intelligence/dashboard");
const QString leadCallsPath = QStringLiteral("/api/leads/{id}/calls/analytics");

double rounded(double rate)
{
    return std::round(rate * 10000.0) / 10000.0;
}

QJsonObject rateJson(const IntelligenceSnapshot::Rate &rate)
{
    return {{QStringLiteral("sent"), rate.sent}, {QStringLiteral("replied"), rate.replied},
        {QStringLiteral("rate"), rounded(rate.rate())}};
}

QJsonObject hourJson(const IntelligenceSnapshot &snapshot, int hour)
{
    const auto &rate = snapshot.sendHours[size_t(hour)];
    return {{QStringLiteral("hour"), hour}, {QStringLiteral("sends"), rate.sent},
        {QStringLiteral("replies"), rate.replied}, {QStringLiteral("rate"), rounded(rate.rate())}};
}

QJsonObject dashboardJson(const IntelligenceSnapshot &snapshot)
{
    QJsonArray statuses;
    for (const auto &status : snapshot.pipeline)
        statuses.append(QJsonObject {{QStringLiteral("status"), status.status},
            {QStringLiteral("count"), status.count}, {QStringLiteral("value"), status.value}});
    QJsonArray rates;
    for (const auto &channel : snapshot.responseRates) {
        auto rate = rateJson(channel.figures);
        rate.insert(QStringLiteral("channel"), channel.channel);
        rates.append(rate);
    }
    QJsonArray hours;
    for (int hour = 0; hour < int(snapshot.sendHours.size()); ++hour)
        hours.append(hourJson(snapshot, hour));
    QJsonArray top;
    for (const int hour : snapshot.bestHours)
        top.append(hourJson(snapshot, hour));
    QJsonArray campaigns;
    for (const auto &campaign : snapshot.leaderboard)
        campaigns.append(QJsonObject {{QStringLiteral("id"), campaign.id},
            {QStringLiteral("name"), campaign.name}, {QStringLiteral("channel"), campaign.channel},
            {QStringLiteral("state"), campaign.state}, {QStringLiteral("recipients"), campaign.recipients},
            {QStringLiteral("sent"), campaign.sent}, {QStringLiteral("delivered"), campaign.delivered},
            {QStringLiteral("replied"), campaign.replied},
            {QStringLiteral("replyRate"), rounded(campaign.replyRate())}});
    QJsonArray hottest;
    for (const auto &lead : snapshot.hottest)
        hottest.append(QJsonObject {{QStringLiteral("leadId"), lead.id}, {QStringLiteral("name"), lead.name},
            {QStringLiteral("status"), lead.status}, {QStringLiteral("score"), lead.score},
            {QStringLiteral("topReason"),
                lead.topReason.isNull() ? QJsonValue() : QJsonValue(lead.topReason)}});
    QJsonArray handovers;
    for (const auto &handover : snapshot.oldestHandovers)
        handovers.append(QJsonObject {{QStringLiteral("id"), handover.id},
            {QStringLiteral("conversationId"), handover.conversationId},
            {QStringLiteral("leadId"), handover.leadId > 0 ? QJsonValue(handover.leadId) : QJsonValue()},
            {QStringLiteral("leadName"), handover.leadId > 0 ? QJsonValue(handover.leadName) : QJsonValue()},
            {QStringLiteral("reason"), handover.reason},
            {QStringLiteral("createdAt"), isoTime(handover.createdAtMs)}});
    return {{QStringLiteral("generatedAt"), isoTime(snapshot.generatedAtMs)},
        {QStringLiteral("days"), snapshot.days}, {QStringLiteral("since"), isoTime(snapshot.sinceMs)},
        {QStringLiteral("timeZone"), snapshot.timeZone},
        {QStringLiteral("pipeline"),
            QJsonObject {{QStringLiteral("statuses"), statuses},
                {QStringLiteral("totalCount"), snapshot.pipelineCount},
                {QStringLiteral("totalValue"), snapshot.pipelineValue}}},
        {QStringLiteral("responseRates"), rates},
        {QStringLiteral("bestSendHours"),
            QJsonObject {{QStringLiteral("hours"), hours}, {QStringLiteral("top"), top}}},
        {QStringLiteral("campaignLeaderboard"), campaigns}, {QStringLiteral("hottestLeads"), hottest},
        {QStringLiteral("handoversWaiting"),
            QJsonObject {
                {QStringLiteral("count"), snapshot.handoversWaiting}, {QStringLiteral("oldest"), handovers}}},
        {QStringLiteral("calls"), snapshot.calls.toJson()}};
}

// The window of both routes: ?days= (1..365, default 30) and ?tz= (IANA zone, default the server's).
struct Window
{
    int days = IntelligenceQueries::defaultDays;
    QTimeZone zone = QTimeZone::systemTimeZone();
};

std::variant<Window, ApiError> windowOf(const ApiRequest &request)
{
    Window window;
    const QString daysText = listparam::value(request, QStringLiteral("days"));
    if (!daysText.isNull()) {
        bool ok = false;
        window.days = daysText.toInt(&ok);
        if (!ok || window.days < 1 || window.days > IntelligenceQueries::maxDays)
            return ApiError {ErrorKind::BadRequest,
                QStringLiteral("days must be an integer from 1 to %1 (got \"%2\")")
                    .arg(IntelligenceQueries::maxDays)
                    .arg(daysText.left(40))};
    }
    const QString zoneText = listparam::value(request, QStringLiteral("tz"));
    if (!zoneText.isNull()) {
        const QByteArray id = zoneText.toUtf8();
        if (id.isEmpty() || !QTimeZone::isTimeZoneIdAvailable(id))
            return ApiError {ErrorKind::BadRequest,
                QStringLiteral("tz must be an IANA time zone such as Europe/Berlin (unknown: \"%1\")")
                    .arg(zoneText.left(60))};
        window.zone = QTimeZone(id);
    }
    return window;
}

// Read: GET /api/intelligence/dashboard
ApiResult dashboard(SqlContext &context, const ApiRequest &request)
{
    const auto window = windowOf(request);
    if (const auto *error = std::get_if<ApiError>(&window))
        return *error;
    const auto &[days, zone] = std::get<Window>(window);
    return ApiResponse::json(
        200, dashboardJson(IntelligenceQueries::load(context, context.nowMs(), days, zone)));
}

// Read: GET /api/leads/{id}/calls/analytics
ApiResult leadCallAnalytics(SqlContext &context, const ApiRequest &request)
{
    const auto id = pathId(request);
    bool found = false;
    if (id) {
        auto &lead = context.run(QStringLiteral("SELECT 1 FROM leads WHERE id = ?"), {*id});
        found = lead.next();
        lead.finish();
    }
    if (!found)
        return ApiError {
            ErrorKind::NotFound, QStringLiteral("Lead %1 not found").arg(request.pathArgs.value(0).left(40))};
    const auto window = windowOf(request);
    if (const auto *error = std::get_if<ApiError>(&window))
        return *error;
    const auto &[days, zone] = std::get<Window>(window);
    const auto report = CallAnalytics::load(context, context.nowMs(), days, zone, *id);
    auto body = report.toJson();
    body.insert(QStringLiteral("leadId"), *id);
    body.insert(QStringLiteral("generatedAt"), isoTime(report.untilMs));
    body.insert(QStringLiteral("days"), report.days);
    body.insert(QStringLiteral("since"), isoTime(report.sinceMs));
    body.insert(QStringLiteral("timeZone"), report.timeZone);
    return ApiResponse::json(200, body);
}

const QString answeredText = QStringLiteral(
    "answered: the provider said answered or in-progress, or the call completed with a duration over 0 s");

// An object schema whose properties are only known at run time.
QJsonObject objectOf(const QJsonObject &properties, const QStringList &required, const QString &description)
{
    auto s = schema::object({}, required, description);
    s.insert(QStringLiteral("properties"), properties);
    return s;
}

// The figures of one day or of the whole window (CallAnalytics::Figures).
QJsonObject figuresSchema(bool withDay)
{
    using namespace schema;
    QJsonObject outcomes;
    QStringList outcomeNames;
    for (const auto status : CallAnalytics::outcomeStatuses()) {
        outcomes.insert(callStatusName(status), integer());
        outcomeNames << callStatusName(status);
    }
    QJsonObject sentiments;
    for (const auto &name : sentimentNames())
        sentiments.insert(name, integer());
    QJsonObject members {{QStringLiteral("calls"), integer()},
        {QStringLiteral("answered"), integer(answeredText)},
        {QStringLiteral("avgDurationSeconds"),
            number(QStringLiteral("Average duration of the answered calls with a duration, one decimal; 0 "
                                  "when none"))},
        {QStringLiteral("outcomes"),
            objectOf(outcomes, outcomeNames,
                QStringLiteral("Calls by final status; calls still under way count in no outcome"))},
        {QStringLiteral("sentiment"),
            objectOf(sentiments, sentimentNames(), QStringLiteral("Sentiment of the calls' AI analyses"))}};
    QStringList required {QStringLiteral("calls"), QStringLiteral("answered"),
        QStringLiteral("avgDurationSeconds"), QStringLiteral("outcomes"), QStringLiteral("sentiment")};
    if (withDay) {
        members.insert(
            QStringLiteral("day"), formatted(QStringLiteral("date"), QStringLiteral("Local day in tz")));
        required.prepend(QStringLiteral("day"));
    }
    return objectOf(members, required, {});
}

QJsonObject callsSchema()
{
    using namespace schema;
    return object(
        {{QStringLiteral("byDay"),
             array(figuresSchema(true),
                 QStringLiteral("Local days (tz) with calls, oldest first; a call's time is when it "
                                "started, else when it was created"))},
            {QStringLiteral("totals"), figuresSchema(false)}},
        {QStringLiteral("byDay"), QStringLiteral("totals")});
}

void document(Router &router)
{
    using namespace schema;
    const auto rate = [](const QString &count) {
        return object({{count, integer()}, {QStringLiteral("replied"), integer()},
                          {QStringLiteral("rate"), number(QStringLiteral("replied / sent, 0..1"))}},
            {count, QStringLiteral("replied"), QStringLiteral("rate")});
    };
    const auto hour = object(
        {{QStringLiteral("hour"), integerRange(0, 23, QStringLiteral("Local hour in tz"))},
            {QStringLiteral("sends"), integer()}, {QStringLiteral("replies"), integer()},
            {QStringLiteral("rate"), number(QStringLiteral("replies / sends"))}},
        {QStringLiteral("hour"), QStringLiteral("sends"), QStringLiteral("replies"), QStringLiteral("rate")});
    auto channelRate = extend(rate(QStringLiteral("sent")),
        {{QStringLiteral("channel"),
            oneOfValues({QStringLiteral("sms"), QStringLiteral("email"), QStringLiteral("voice")})}},
        {QStringLiteral("channel")});
    const auto body = object(
        {{QStringLiteral("generatedAt"), dateTime()},
            {QStringLiteral("days"), integerRange(1, IntelligenceQueries::maxDays)},
            {QStringLiteral("since"), dateTime(QStringLiteral("Start of the window (generatedAt - days)"))},
            {QStringLiteral("timeZone"), string(QStringLiteral("IANA zone of bestSendHours"))},
            {QStringLiteral("pipeline"),
                object(
                    {{QStringLiteral("statuses"),
                         array(object({{QStringLiteral("status"), string(QStringLiteral("lead_status"))},
                                          {QStringLiteral("count"), integer()},
                                          {QStringLiteral("value"),
                                              number(QStringLiteral("Sum of expected_value"))}},
                                   {QStringLiteral("status"), QStringLiteral("count"),
                                       QStringLiteral("value")}),
                             QStringLiteral("Every lead status in pipeline order; archived leads left out"))},
                        {QStringLiteral("totalCount"), integer()}, {QStringLiteral("totalValue"), number()}},
                    {QStringLiteral("statuses"), QStringLiteral("totalCount"),
                        QStringLiteral("totalValue")})},
            {QStringLiteral("responseRates"),
                array(channelRate,
                    QStringLiteral(
                        "Outbound SMS/email (sent, delivered or read) and outbound calls in the window; "
                        "replied: an inbound message from the same lead within 72 h. voice only when "
                        "calls were placed"))},
            {QStringLiteral("bestSendHours"),
                object({{QStringLiteral("hours"), array(hour, QStringLiteral("24 buckets, hour 0..23"))},
                           {QStringLiteral("top"),
                               array(hour,
                                   QStringLiteral("Up to 3 hours with sends: best rate, then most replies, "
                                                  "then most sends"))}},
                    {QStringLiteral("hours"), QStringLiteral("top")})},
            {QStringLiteral("campaignLeaderboard"),
                array(
                    object(
                        {{QStringLiteral("id"), integer()}, {QStringLiteral("name"), string()},
                            {QStringLiteral("channel"), string()}, {QStringLiteral("state"), string()},
                            {QStringLiteral("recipients"), integer()}, {QStringLiteral("sent"), integer()},
                            {QStringLiteral("delivered"), integer()}, {QStringLiteral("replied"), integer()},
                            {QStringLiteral("replyRate"), number(QStringLiteral("replied / sent"))}},
                        {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("recipients"),
                            QStringLiteral("sent"), QStringLiteral("delivered"), QStringLiteral("replied"),
                            QStringLiteral("replyRate")}),
                    QStringLiteral("Campaigns started in the window, by reply rate then replies (top 10)"))},
            {QStringLiteral("hottestLeads"),
                array(object(
                          {{QStringLiteral("leadId"), integer()}, {QStringLiteral("name"), string()},
                              {QStringLiteral("status"), oneOfValues(leadStatuses())},
                              {QStringLiteral("score"), integerRange(0, 100)},
                              {QStringLiteral("topReason"),
                                  nullable(string(QStringLiteral("The reason that added the most points")))}},
                          {QStringLiteral("leadId"), QStringLiteral("name"), QStringLiteral("status"),
                              QStringLiteral("score"), QStringLiteral("topReason")}),
                    QStringLiteral("Top 10 by score, archived leads left out"))},
            {QStringLiteral("handoversWaiting"),
                object({{QStringLiteral("count"), integer(QStringLiteral("Open handovers"))},
                           {QStringLiteral("oldest"),
                               array(object({{QStringLiteral("id"), integer()},
                                                {QStringLiteral("conversationId"), integer()},
                                                {QStringLiteral("leadId"), nullable(integer())},
                                                {QStringLiteral("leadName"), nullable(string())},
                                                {QStringLiteral("reason"), string()},
                                                {QStringLiteral("createdAt"), dateTime()}},
                                         {QStringLiteral("id"), QStringLiteral("conversationId"),
                                             QStringLiteral("leadId"), QStringLiteral("reason"),
                                             QStringLiteral("createdAt")}),
                                   QStringLiteral("The 10 oldest open handovers, oldest first"))}},
                    {QStringLiteral("count"), QStringLiteral("oldest")})},
            {QStringLiteral("calls"), callsSchema()}},
        {QStringLiteral("generatedAt"), QStringLiteral("days"), QStringLiteral("since"),
            QStringLiteral("timeZone"), QStringLiteral("pipeline"), QStringLiteral("responseRates"),
            QStringLiteral("bestSendHours"), QStringLiteral("campaignLeaderboard"),
            QStringLiteral("hottestLeads"), QStringLiteral("handoversWaiting"), QStringLiteral("calls")});

    RouteDoc doc;
    doc.summary = QStringLiteral("Intelligence dashboard");
    doc.description = QStringLiteral(
        "The lead pipeline by status and value, response rates by channel and best send hours over the last "
        "`days`, the campaign leaderboard, the hottest leads by score and the handovers waiting. Computed in "
        "SQL on each request.");
    auto days = integerRange(1, IntelligenceQueries::maxDays);
    days.insert(QStringLiteral("default"), IntelligenceQueries::defaultDays);
    doc.query = {queryParam(QStringLiteral("days"), days, QStringLiteral("Window in days")),
        queryParam(QStringLiteral("tz"), string(),
            QStringLiteral("IANA time zone of bestSendHours (e.g. Europe/Berlin); default the server's"))};
    doc.responses = {jsonResponse(200, QStringLiteral("The dashboard"), body),
        errorResponse(
            400, QStringLiteral("days not an integer in 1..365, or tz not a known IANA zone; named"))};
    router.document("GET", dashboardPath, doc);

    RouteDoc lead;
    lead.summary = QStringLiteral("A lead's call analytics");
    lead.description = QStringLiteral("The lead's calls over the last `days` by local day in `tz`: calls, "
                                      "answered, the average duration "
                                      "of the answered ones, outcomes by final status and the sentiment of "
                                      "their AI analyses (the same "
                                      "figures as the dashboard's `calls` section, for one lead). ")
        + answeredText + QLatin1Char('.');
    lead.pathParams = {ParamDoc {QStringLiteral("id"), QStringLiteral("The lead id"), integer(), true}};
    lead.query = {queryParam(QStringLiteral("days"), days, QStringLiteral("Window in days")),
        queryParam(QStringLiteral("tz"), string(),
            QStringLiteral(
                "IANA time zone of the day boundaries (e.g. Europe/Berlin); default the server's"))};
    const auto leadBody = extend(callsSchema(),
        {{QStringLiteral("leadId"), integer()}, {QStringLiteral("generatedAt"), dateTime()},
            {QStringLiteral("days"), integerRange(1, IntelligenceQueries::maxDays)},
            {QStringLiteral("since"), dateTime(QStringLiteral("Start of the window (generatedAt - days)"))},
            {QStringLiteral("timeZone"), string(QStringLiteral("IANA zone of the days"))}},
        {QStringLiteral("leadId"), QStringLiteral("generatedAt"), QStringLiteral("days"),
            QStringLiteral("since"), QStringLiteral("timeZone")});
    lead.responses = {jsonResponse(200, QStringLiteral("The lead's call figures"), leadBody),
        errorResponse(
            400, QStringLiteral("days not an integer in 1..365, or tz not a known IANA zone; named")),
        errorResponse(404, QStringLiteral("No such lead"))};
    router.document("GET", leadCallsPath, lead);
}

} // namespace

void registerIntelligenceRoutes(Router &router)
{
    routes::addQuery(router, "GET", dashboardPath, ApiFamily::Communications,
        QStringLiteral("intelligence.dashboard"), dashboard);
    routes::addQuery(router, "GET", leadCallsPath, ApiFamily::Communications,
        QStringLiteral("leads.calls.analytics"), leadCallAnalytics);
    document(router);
}

} // namespace sb
