#include "HandoverRoutes.h"

#include "AiAnalysis.h"
#include "Handovers.h"
#include "domain/Recording.h"
#include "http/JsonBody.h"
#include "server/RouteDoc.h"
#include "server/RouteTable.h"
#include "storage/ListQuery.h"
#include "storage/LiveCalls.h"
#include "storage/RowJson.h"
#include "storage/SqlWorker.h"
#include "storage/TranscriptionRepository.h"

#include <QJsonArray>
#include <QSet>

namespace sb {

namespace {

ApiError bad(const QString &message)
{
    return ApiError {ErrorKind::BadRequest, message};
}

const std::vector<SortOrder> &handoverSorts()
{
    static const std::vector<SortOrder> sorts {{QStringLiteral("created_at"), QStringLiteral("created_at")},
        {QStringLiteral("updated_at"), QStringLiteral("updated_at")}};
    return sorts;
}

QJsonObject rulesJson(SqlContext &context)
{
    QJsonArray rules;
    for (const auto &rule : Handovers::rules(context))
        rules.append(rule.toJson());
    return QJsonObject {{QStringLiteral("rules"), rules},
        {QStringLiteral("settings"), HandoverSettings::load(context).toJson()}};
}

// Write: POST /api/conversations/{id}/evaluate-handover
ApiResult evaluateHandover(SqlContext &context, const ApiRequest &request, const SendSettings &settings)
{
    const auto id = pathId(request);
    auto &exists = context.run(QStringLiteral("SELECT 1 FROM conversations WHERE id = ?"), {id.value_or(0)});
    const bool found = id && exists.next();
    exists.finish();
    if (!found)
        return ApiError {ErrorKind::NotFound,
            id ? QStringLiteral("Conversation %1 not found").arg(*id)
               : QStringLiteral("Conversation not found")};
    const auto latest = Handovers::latestInbound(context, *id);
    const auto verdicts = Handovers::evaluate(context, *id);
    std::optional<Handover> opened;
    for (const auto &verdict : verdicts) {
        if (!verdict.matched)
            continue;
        opened = Handovers::open(context, *id, verdict,
            latest ? std::optional<qint64>(latest->first) : std::nullopt, request.recordId, settings);
        break;
    }
    QJsonArray evaluated;
    for (const auto &verdict : verdicts)
        evaluated.append(verdict.toJson());
    const auto active = Handovers::active(context, *id);
    return ApiResponse::json(200,
        QJsonObject {{QStringLiteral("handover"), active ? QJsonValue(active->toJson()) : QJsonValue()},
            {QStringLiteral("opened"), opened.has_value()}, {QStringLiteral("evaluated"), evaluated}});
}

// Read: GET /api/handovers
ApiResult listHandovers(SqlContext &context, const ApiRequest &request)
{
    namespace p = listparam;
    const auto requested = p::page(request, handoverSorts(), QStringLiteral("-created_at"));
    if (auto *error = std::get_if<ApiError>(&requested))
        return *error;
    const auto &[limit, sort, after] = std::get<p::PageRequest>(requested);
    const auto state = p::oneOf(request, QStringLiteral("state"), handoverStateNames());
    if (auto *error = std::get_if<ApiError>(&state))
        return *error;
    const auto conversation = p::id(request, QStringLiteral("conversation_id"));
    if (auto *error = std::get_if<ApiError>(&conversation))
        return *error;
    const auto lead = p::id(request, QStringLiteral("lead_id"));
    if (auto *error = std::get_if<ApiError>(&lead))
        return *error;
    QString sql
        = QStringLiteral("SELECT id, ") + sort.expression + QStringLiteral(" FROM handovers WHERE 1 = 1");
    QVariantList values;
    if (const auto &wanted = std::get<std::optional<QString>>(state)) {
        sql += QStringLiteral(" AND state = ?");
        values.append(*wanted);
    }
    if (const auto &wanted = std::get<std::optional<qint64>>(conversation)) {
        sql += QStringLiteral(" AND conversation_id = ?");
        values.append(*wanted);
    }
    if (const auto &wanted = std::get<std::optional<qint64>>(lead)) {
        sql += QStringLiteral(" AND lead_id = ?");
        values.append(*wanted);
    }
    if (after)
        sql += QStringLiteral(" AND (") + keysetClause(sort, QStringLiteral("id"), *after, values)
            + QLatin1Char(')');
    sql += QStringLiteral(" ORDER BY ") + orderClause(sort, QStringLiteral("id"))
        + QStringLiteral(" LIMIT ?");
    const auto page = keysetPage(context, sql, values, limit, sort.name);
    QJsonArray data;
    for (const auto id : page.ids) {
        if (const auto handover = Handovers::find(context, id))
            data.append(handover->toJson());
    }
    return ApiResponse::json(200,
        QJsonObject {{QStringLiteral("data"), data},
            {QStringLiteral("next_cursor"), page.next ? QJsonValue(encodeCursor(*page.next)) : QJsonValue()},
            {QStringLiteral("has_more"), page.next.has_value()}, {QStringLiteral("limit"), limit},
            {QStringLiteral("sort"), sort.name}});
}

// Read: GET /api/handovers/{id}
ApiResult getHandover(SqlContext &context, const ApiRequest &request)
{
    const auto id = pathId(request);
    const auto found = id ? Handovers::find(context, *id) : std::nullopt;
    if (!found)
        return ApiError {ErrorKind::NotFound,
            id ? QStringLiteral("Handover %1 not found").arg(*id) : QStringLiteral("Handover not found")};
    return ApiResponse::json(200, found->toJson());
}

// Write: PUT /api/handovers/{id}
ApiResult putHandover(SqlContext &context, const ApiRequest &request)
{
    const auto id = pathId(request);
    if (!id)
        return ApiError {ErrorKind::NotFound, QStringLiteral("Handover not found")};
    auto parsed = JsonBody::object(request.body);
    if (auto *error = std::get_if<ApiError>(&parsed))
        return *error;
    const auto &body = std::get<QJsonObject>(parsed);
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != QLatin1String("state") && it.key() != QLatin1String("assignedTo"))
            return bad(
                QStringLiteral("%1 is not a member of a handover change (state, assignedTo)").arg(it.key()));
    }
    if (body.isEmpty())
        return bad(QStringLiteral("give state or assignedTo"));
    std::optional<HandoverState> state;
    if (body.contains(QStringLiteral("state"))) {
        const auto value = body.value(QStringLiteral("state"));
        state = value.isString() ? handoverStateFromName(value.toString()) : std::nullopt;
        if (!state || *state == HandoverState::Open)
            return bad(QStringLiteral("state must be accepted or closed"));
    }
    std::optional<QString> assignedTo;
    if (body.contains(QStringLiteral("assignedTo"))) {
        const auto value = body.value(QStringLiteral("assignedTo"));
        if (!value.isNull() && !value.isString())
            return bad(QStringLiteral("assignedTo must be a string or null"));
        assignedTo = value.toString().trimmed();
        if (assignedTo->size() > 200)
            return bad(QStringLiteral("assignedTo is longer than 200 characters"));
    }
    const auto result = Handovers::update(context, *id, state, assignedTo, request.recordId);
    if (const auto *error = std::get_if<ApiError>(&result))
        return *error;
    return ApiResponse::json(200, std::get<Handover>(result).toJson());
}

// Read: GET /api/calls/{id}: the call with its AI analysis.
ApiResult getCall(SqlContext &context, const ApiRequest &request)
{
    const auto id = pathId(request);
    auto call = id ? rowJson(context, QStringLiteral("calls"), *id) : QJsonObject();
    if (call.isEmpty())
        return ApiError {ErrorKind::NotFound,
            id ? QStringLiteral("Call %1 not found").arg(*id) : QStringLiteral("Call not found")};
    const auto analysis = AiAnalysis::stored(context, AnalysisSubject::Call, *id);
    call.insert(QStringLiteral("analysis"), analysis.isEmpty() ? QJsonValue() : QJsonValue(analysis));
    call.insert(QStringLiteral("recording"), TranscriptionRepository::recordingOfCall(context, *id));
    const auto source = TranscriptionRepository::sourceOfCall(context, *id);
    call.insert(QStringLiteral("transcriptSource"),
        source ? QJsonValue(transcriptSourceName(*source)) : QJsonValue());
    if (const auto live = LiveCalls::read(context, *id)) {
        const auto fields = LiveCalls::toJson(*live);
        for (auto it = fields.begin(); it != fields.end(); ++it)
            call.insert(it.key(), it.value());
    }
    return ApiResponse::json(200, call);
}

// Read: GET /api/handovers/rules
ApiResult getRules(SqlContext &context, const ApiRequest &)
{
    return ApiResponse::json(200, rulesJson(context));
}

// Write: PUT /api/handovers/rules. Everything is checked before anything is stored.
ApiResult putRules(SqlContext &context, const ApiRequest &request)
{
    auto parsed = JsonBody::object(request.body);
    if (auto *error = std::get_if<ApiError>(&parsed))
        return *error;
    const auto &body = std::get<QJsonObject>(parsed);
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != QLatin1String("rules") && it.key() != QLatin1String("settings"))
            return bad(QStringLiteral("%1 is not a member (rules, settings)").arg(it.key()));
    }
    if (!body.contains(QStringLiteral("rules")) && !body.contains(QStringLiteral("settings")))
        return bad(QStringLiteral("give rules or settings"));
    const auto existing = Handovers::rules(context);
    QList<HandoverRule> changed;
    if (body.contains(QStringLiteral("rules"))) {
        const auto rules = body.value(QStringLiteral("rules"));
        if (!rules.isArray() || rules.toArray().isEmpty())
            return bad(QStringLiteral("rules must be a non-empty array"));
        QSet<QString> seen;
        int index = 0;
        for (const auto &value : rules.toArray()) {
            const auto at = QStringLiteral("rules[%1]").arg(index++);
            if (!value.isObject())
                return bad(at + QStringLiteral(" must be an object"));
            const auto change = value.toObject();
            for (auto it = change.begin(); it != change.end(); ++it) {
                if (it.key() != QLatin1String("id") && it.key() != QLatin1String("enabled")
                    && it.key() != QLatin1String("params"))
                    return bad(
                        QStringLiteral("%1.%2 is not a member (id, enabled, params)").arg(at, it.key()));
            }
            const auto id = change.value(QStringLiteral("id")).toString();
            const auto rule = std::find_if(
                existing.begin(), existing.end(), [&id](const HandoverRule &r) { return r.id == id; });
            if (rule == existing.end())
                return bad(QStringLiteral("%1.id: no handover rule %2")
                               .arg(at, id.isEmpty() ? QStringLiteral("given") : id));
            if (seen.contains(id))
                return bad(QStringLiteral("%1.id: rule %2 is named twice").arg(at, id));
            seen.insert(id);
            auto next = *rule;
            if (change.contains(QStringLiteral("enabled"))) {
                if (!change.value(QStringLiteral("enabled")).isBool())
                    return bad(at + QStringLiteral(".enabled must be true or false"));
                next.enabled = change.value(QStringLiteral("enabled")).toBool();
            }
            if (change.contains(QStringLiteral("params"))) {
                if (!change.value(QStringLiteral("params")).isObject())
                    return bad(at + QStringLiteral(".params must be an object"));
                next.params = change.value(QStringLiteral("params")).toObject();
                if (const auto problem = HandoverRule::paramsProblem(next.kind, next.params))
                    return bad(at + QLatin1Char('.') + *problem);
            }
            changed.append(next);
        }
    }
    if (body.contains(QStringLiteral("settings"))) {
        if (!body.value(QStringLiteral("settings")).isObject())
            return bad(QStringLiteral("settings must be an object"));
        // Checked (and written) before the rules: an error leaves the rules as they were.
        if (const auto problem
            = HandoverSettings::save(context, body.value(QStringLiteral("settings")).toObject()))
            return bad(*problem);
    }
    for (const auto &rule : changed)
        Handovers::saveRule(context, rule);
    return ApiResponse::json(200, rulesJson(context));
}

using namespace schema;

QJsonObject handoverSchema()
{
    return object({{QStringLiteral("id"), integer()}, {QStringLiteral("conversationId"), integer()},
                      {QStringLiteral("leadId"), nullable(integer())},
                      {QStringLiteral("rule"), string(QStringLiteral("The rule's id, e.g. asks_for_person"))},
                      {QStringLiteral("reason"),
                          string(QStringLiteral("e.g. asked for a person: \"talk to a person\""))},
                      {QStringLiteral("assignedTo"),
                          nullable(string(QStringLiteral("The lead's assigned_to, else the default rep")))},
                      {QStringLiteral("state"), oneOfValues(handoverStateNames())},
                      {QStringLiteral("messageId"), nullable(integer(QStringLiteral("The inbound message")))},
                      {QStringLiteral("notifiedVia"),
                          nullable(oneOfValues({channelName(Channel::Sms), channelName(Channel::Email)}))},
                      {QStringLiteral("createdAt"), dateTime()}, {QStringLiteral("updatedAt"), dateTime()},
                      {QStringLiteral("acceptedAt"), nullable(dateTime())},
                      {QStringLiteral("closedAt"), nullable(dateTime())}},
        {QStringLiteral("id"), QStringLiteral("conversationId"), QStringLiteral("rule"),
            QStringLiteral("reason"), QStringLiteral("state"), QStringLiteral("createdAt")});
}

QStringList ruleKinds()
{
    QStringList kinds;
    for (const auto kind : {HandoverRuleKind::Keywords, HandoverRuleKind::NegativeSentiment,
             HandoverRuleKind::HighScore, HandoverRuleKind::UnansweredInbound, HandoverRuleKind::AiIntent})
        kinds.append(handoverRuleKindName(kind));
    return kinds;
}

QJsonObject settingsSchema()
{
    return object(
        {{QStringLiteral("defaultRep"), nullable(string(QStringLiteral("Assignee when the lead has none")))},
            {QStringLiteral("notify"),
                oneOfValues({QStringLiteral("off"), channelName(Channel::Sms), channelName(Channel::Email)})},
            {QStringLiteral("repPhone"), nullable(string(QStringLiteral("E.164")))},
            {QStringLiteral("repEmail"), nullable(formatted(QStringLiteral("email")))},
            {QStringLiteral("serviceId"),
                nullable(integer(QStringLiteral("External service; null: the channel's default")))}});
}

QJsonObject rulesSchema()
{
    return object({{QStringLiteral("rules"),
                       array(object({{QStringLiteral("id"), string()},
                                        {QStringLiteral("kind"), oneOfValues(ruleKinds())},
                                        {QStringLiteral("params"),
                                            anyObject(QStringLiteral(
                                                "keywords: {keywords: [..]}; high_score: {minScore: 0..100}; "
                                                "unanswered_inbound: {count: 1..100}; others: {}"))},
                                        {QStringLiteral("enabled"), boolean()},
                                        {QStringLiteral("updatedAt"), nullable(dateTime())}},
                           {QStringLiteral("id"), QStringLiteral("kind"), QStringLiteral("params"),
                               QStringLiteral("enabled")}))},
                      {QStringLiteral("settings"), settingsSchema()}},
        {QStringLiteral("rules"), QStringLiteral("settings")});
}

void document(Router &router)
{
    RouteDoc evaluate;
    evaluate.summary = QStringLiteral("Conversations: evaluate the handover rules now");
    evaluate.description = QStringLiteral(
        "Evaluates the enabled rules (keywords on the latest inbound message, negative sentiment, high "
        "score, "
        "unanswered inbound messages) and opens a handover for the first that matches unless the "
        "conversation "
        "has one open or accepted already (one per conversation). handover is the conversation's open or "
        "accepted handover after the evaluation, opened says whether this call opened it.");
    evaluate.bodyRequired = false;
    evaluate.responses = {
        jsonResponse(200, QStringLiteral("The verdicts"),
            object(
                {{QStringLiteral("handover"), nullable(handoverSchema())},
                    {QStringLiteral("opened"), boolean()},
                    {QStringLiteral("evaluated"),
                        array(object({{QStringLiteral("rule"), string()},
                            {QStringLiteral("kind"), oneOfValues(ruleKinds())},
                            {QStringLiteral("matched"), boolean()}, {QStringLiteral("reason"), string()}}))}},
                {QStringLiteral("handover"), QStringLiteral("opened"), QStringLiteral("evaluated")})),
        errorResponse(404, QStringLiteral("No such conversation"))};
    router.document("POST", QStringLiteral("/api/conversations/{id}/evaluate-handover"), evaluate);

    RouteDoc list;
    list.summary = QStringLiteral("Handovers: list");
    list.description
        = QStringLiteral("Newest first by default. Pass next_cursor as cursor for the next page.");
    auto limit = integerRange(1, listparam::maxLimit);
    limit.insert(QStringLiteral("default"), listparam::defaultLimit);
    list.query = {queryParam(QStringLiteral("state"), oneOfValues(handoverStateNames())),
        queryParam(QStringLiteral("conversation_id"), integer()),
        queryParam(QStringLiteral("lead_id"), integer()),
        queryParam(QStringLiteral("sort"),
            oneOfValues({QStringLiteral("-created_at"), QStringLiteral("created_at"),
                QStringLiteral("-updated_at"), QStringLiteral("updated_at")})),
        queryParam(QStringLiteral("limit"), limit), queryParam(QStringLiteral("cursor"), string())};
    list.responses
        = {jsonResponse(200, QStringLiteral("One page"),
               object({{QStringLiteral("data"), array(handoverSchema())},
                          {QStringLiteral("next_cursor"), nullable(string())},
                          {QStringLiteral("has_more"), boolean()}, {QStringLiteral("limit"), integer()},
                          {QStringLiteral("sort"), string()}},
                   {QStringLiteral("data"), QStringLiteral("next_cursor"), QStringLiteral("has_more")})),
            errorResponse(400, QStringLiteral("An unknown state or sort, a bad id, limit or cursor; named"))};
    router.document("GET", QStringLiteral("/api/handovers"), list);

    RouteDoc get;
    get.summary = QStringLiteral("Handovers: one");
    get.responses = {jsonResponse(200, QStringLiteral("The handover"), handoverSchema()),
        errorResponse(404, QStringLiteral("No such handover"))};
    router.document("GET", QStringLiteral("/api/handovers/{id}"), get);

    RouteDoc put;
    put.summary = QStringLiteral("Handovers: accept, close or reassign");
    put.description
        = QStringLiteral("open -> accepted -> closed, or open -> closed; another move is a 409 naming "
                         "the current state.");
    put.bodies = {BodyDoc {"application/json",
        object({{QStringLiteral("state"),
                    oneOfValues({handoverStateName(HandoverState::Accepted),
                        handoverStateName(HandoverState::Closed)})},
                   {QStringLiteral("assignedTo"), nullable(string())}},
            {}, {}, true),
        {}}};
    put.responses = {jsonResponse(200, QStringLiteral("The handover after the change"), handoverSchema()),
        errorResponse(
            400, QStringLiteral("Not a JSON object, an unknown member, a bad state or assignedTo; named")),
        errorResponse(404, QStringLiteral("No such handover")),
        errorResponse(409, QStringLiteral("The move is not allowed from the current state (named)"))};
    router.document("PUT", QStringLiteral("/api/handovers/{id}"), put);

    RouteDoc getRules;
    getRules.summary = QStringLiteral("Handovers: rules and notification settings");
    getRules.responses = {jsonResponse(200, QStringLiteral("The rules and settings"), rulesSchema())};
    router.document("GET", QStringLiteral("/api/handovers/rules"), getRules);

    RouteDoc putRules;
    putRules.summary = QStringLiteral("Handovers: change rules and notification settings");
    putRules.description
        = QStringLiteral("Enables, disables or re-parameterises the rules named, and changes the "
                         "settings; everything is checked before anything is stored.");
    putRules.bodies = {BodyDoc {"application/json",
        object({{QStringLiteral("rules"),
                    array(object({{QStringLiteral("id"), string()}, {QStringLiteral("enabled"), boolean()},
                                     {QStringLiteral("params"), anyObject()}},
                        {QStringLiteral("id")}))},
            {QStringLiteral("settings"), settingsSchema()}}),
        {}}};
    putRules.responses
        = {jsonResponse(200, QStringLiteral("The rules and settings after the change"), rulesSchema()),
            errorResponse(400,
                QStringLiteral("An unknown rule or member, enabled not a boolean, bad params or settings; "
                               "the field is named"))};
    router.document("PUT", QStringLiteral("/api/handovers/rules"), putRules);

    RouteDoc call;
    call.summary = QStringLiteral("Calls: one, with its AI analysis");
    call.description = QStringLiteral(
        "The stored call (as in the call events) and analysis: the post-call analysis of its transcript when "
        "AI is configured (status ok, or error with the reason after one retry), null before it is made; "
        "its recording (null without one) with the transcription of it; transcriptSource: provider (the "
        "provider's post-call transcript) or transcription (our transcription of the recording), null "
        "without a transcript. state is the live state (initiated, ringing, in_progress, ended) with "
        "endReason once ended; turns are the agent and caller turns in the order they were said "
        "(interrupted: cut off by the caller; silenceBeforeSeconds: a gap before it); events counts the "
        "live events stored for the call, unknownEvents lists the event types Switchboard keeps without "
        "interpreting.");
    call.responses = {
        jsonResponse(200, QStringLiteral("The call"),
            extend(anyObject(QStringLiteral("The calls row")),
                {{QStringLiteral("analysis"),
                     nullable(object({{QStringLiteral("status"),
                                          oneOfValues({analysisStatusName(AnalysisStatus::Ok),
                                              analysisStatusName(AnalysisStatus::Error)})},
                         {QStringLiteral("sentiment"), nullable(oneOfValues(sentimentNames()))},
                         {QStringLiteral("sentimentScore"), nullable(number(QStringLiteral("-1..1")))},
                         {QStringLiteral("keyPhrases"), array(string())},
                         {QStringLiteral("actionItems"), array(string())},
                         {QStringLiteral("followUp"), nullable(string())},
                         {QStringLiteral("model"), nullable(string())},
                         {QStringLiteral("error"), nullable(string())},
                         {QStringLiteral("createdAt"), dateTime()}}))},
                    {QStringLiteral("recording"),
                        nullable(object(
                            {{QStringLiteral("id"), integer()},
                                {QStringLiteral("state"), oneOfValues(recordingStateNames())},
                                {QStringLiteral("bytes"), nullable(integer(QStringLiteral("when stored")))},
                                {QStringLiteral("durationSeconds"), nullable(integer())},
                                {QStringLiteral("audioUrl"),
                                    nullable(
                                        string(QStringLiteral("/api/recordings/{id}/audio when stored")))},
                                {QStringLiteral("error"),
                                    nullable(string(QStringLiteral("why it failed or was refused")))},
                                {QStringLiteral("transcription"),
                                    nullable(object(
                                        {{QStringLiteral("state"), oneOfValues(transcriptionStateNames())},
                                            {QStringLiteral("attempts"), integer()},
                                            {QStringLiteral("model"), nullable(string())},
                                            {QStringLiteral("error"), nullable(string())},
                                            {QStringLiteral("updatedAt"), dateTime()},
                                            {QStringLiteral("completedAt"), nullable(dateTime())}}))}},
                            {QStringLiteral("id"), QStringLiteral("state")}))},
                    {QStringLiteral("transcriptSource"), nullable(oneOfValues(transcriptSourceNames()))},
                    {QStringLiteral("state"), oneOfValues(liveCallStateNames())},
                    {QStringLiteral("endReason"), nullable(string())},
                    {QStringLiteral("turns"),
                        array(object({{QStringLiteral("role"),
                                          oneOfValues({callTurnKindName(CallTurnKind::Agent),
                                              callTurnKindName(CallTurnKind::User)})},
                            {QStringLiteral("text"), string()}, {QStringLiteral("at"), dateTime()},
                            {QStringLiteral("interrupted"), boolean()},
                            {QStringLiteral("silenceBeforeSeconds"), integer()}}))},
                    {QStringLiteral("events"), integer()},
                    {QStringLiteral("unknownEvents"),
                        array(object(
                            {{QStringLiteral("type"), string()}, {QStringLiteral("at"), dateTime()}}))}},
                {QStringLiteral("analysis"), QStringLiteral("recording"), QStringLiteral("transcriptSource"),
                    QStringLiteral("state"), QStringLiteral("turns"), QStringLiteral("events")})),
        errorResponse(404, QStringLiteral("No such call"))};
    router.document("GET", QStringLiteral("/api/calls/{id}"), call);
}

} // namespace

void registerHandoverRoutes(Router &router, const SendSettings &settings)
{
    const auto family = ApiFamily::Communications;
    routes::addCommand(router, "POST", QStringLiteral("/api/conversations/{id}/evaluate-handover"), family,
        QStringLiteral("handovers.evaluate"), [settings](SqlContext &context, const ApiRequest &request) {
            return evaluateHandover(context, request, settings);
        });
    routes::addQuery(router, "GET", QStringLiteral("/api/handovers"), family,
        QStringLiteral("handovers.list"), listHandovers);
    routes::addQuery(router, "GET", QStringLiteral("/api/handovers/rules"), family,
        QStringLiteral("handovers.rules"), getRules);
    routes::addCommand(router, "PUT", QStringLiteral("/api/handovers/rules"), family,
        QStringLiteral("handovers.rules.update"), putRules);
    routes::addQuery(router, "GET", QStringLiteral("/api/handovers/{id}"), family,
        QStringLiteral("handovers.get"), getHandover);
    routes::addCommand(router, "PUT", QStringLiteral("/api/handovers/{id}"), family,
        QStringLiteral("handovers.update"), putHandover);
    routes::addQuery(
        router, "GET", QStringLiteral("/api/calls/{id}"), family, QStringLiteral("calls.get"), getCall);
    document(router);
}

} // namespace sb
