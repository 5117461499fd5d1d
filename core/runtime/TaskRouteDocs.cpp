#include "TaskRouteDocs.h"

#include "domain/FollowUpTask.h"
#include "server/OpenApi.h"
#include "storage/LeadTimeline.h"
#include "storage/ListQuery.h"

#include <QJsonArray>

namespace sb {

namespace {

using namespace schema;

QJsonObject taskJson()
{
    return object(
        {{QStringLiteral("id"), integer()}, {QStringLiteral("leadId"), nullable(integer())},
            {QStringLiteral("leadName"), nullable(string())},
            {QStringLiteral("conversationId"), nullable(integer())}, {QStringLiteral("title"), string()},
            {QStringLiteral("notes"), nullable(string())}, {QStringLiteral("dueAt"), dateTime()},
            {QStringLiteral("owner"), nullable(string())},
            {QStringLiteral("state"), oneOfValues(taskStateNames())},
            {QStringLiteral("source"), oneOfValues(taskSourceNames())},
            {QStringLiteral("remindedAt"),
                nullable(dateTime(QStringLiteral("When the reminder fired for the current dueAt")))},
            {QStringLiteral("createdAt"), dateTime()}, {QStringLiteral("updatedAt"), dateTime()},
            {QStringLiteral("completedAt"), nullable(dateTime())}},
        {QStringLiteral("id"), QStringLiteral("leadId"), QStringLiteral("title"), QStringLiteral("dueAt"),
            QStringLiteral("owner"), QStringLiteral("state"), QStringLiteral("source")});
}

QJsonObject taskInput(bool creating)
{
    auto input = object({{QStringLiteral("title"), string(QStringLiteral("1 to 500 characters"))},
        {QStringLiteral("dueAt"), dateTime(QStringLiteral("ISO 8601; without an offset, UTC"))},
        {QStringLiteral("leadId"), nullable(integer(QStringLiteral("An existing lead (422 otherwise)")))},
        {QStringLiteral("owner"), nullable(string())}, {QStringLiteral("notes"), nullable(string())},
        {QStringLiteral("state"), oneOfValues(taskStateNames())}});
    if (creating) {
        input = extend(input,
            {{QStringLiteral("conversationId"),
                 nullable(
                     integer(QStringLiteral("The thread it came from; sets leadId when that is absent")))},
                {QStringLiteral("source"),
                    oneOfValues({QStringLiteral("api"), QStringLiteral("manual"), QStringLiteral("ai")},
                        QStringLiteral("Default api"))}},
            {QStringLiteral("title"), QStringLiteral("dueAt")});
    }
    return input;
}

QJsonObject rulesJson()
{
    return object({{QStringLiteral("unansweredCallRetry"),
        object({{QStringLiteral("enabled"), boolean()},
            {QStringLiteral("delayMinutes"),
                integerRange(0, 10080, QStringLiteral("Due this long after the call ended"))}})}});
}

} // namespace

void documentTaskRoutes(Router &router)
{
    const auto idParam = ParamDoc {QStringLiteral("id"), QStringLiteral("The task id"), integer(), true};
    const QString events = QStringLiteral(
        "Changes raise task.created and task.completed (outbound webhooks, the leads live topic); a reminder "
        "raises task.due once per due time.");

    RouteDoc list;
    list.summary = QStringLiteral("Tasks: list");
    list.description = QStringLiteral("Follow-up tasks, soonest due first by default. Pass next_cursor as "
                                      "cursor for the next page.");
    auto limit = integerRange(1, listparam::maxLimit);
    limit.insert(QStringLiteral("default"), listparam::defaultLimit);
    list.query = {
        queryParam(QStringLiteral("state"), string(), QStringLiteral("open, done, snoozed; comma-separated")),
        queryParam(QStringLiteral("lead_id"), integer(), QStringLiteral("One lead's tasks")),
        queryParam(QStringLiteral("owner"), string(), QStringLiteral("One owner's tasks")),
        queryParam(QStringLiteral("due"),
            oneOfValues({QStringLiteral("overdue"), QStringLiteral("today"), QStringLiteral("upcoming")}),
            QStringLiteral("Not done and due by now, by the end of today (overdue included), or later")),
        queryParam(QStringLiteral("tz"), string(),
            QStringLiteral("IANA zone that says when today ends; default UTC")),
        queryParam(QStringLiteral("sort"),
            oneOfValues({QStringLiteral("due_at"), QStringLiteral("-due_at"), QStringLiteral("created_at"),
                QStringLiteral("-created_at")}),
            QStringLiteral("Default due_at")),
        queryParam(QStringLiteral("limit"), limit, QStringLiteral("Tasks per page")),
        queryParam(QStringLiteral("cursor"), string(), QStringLiteral("next_cursor of the previous page"))};
    list.responses
        = {jsonResponse(200, QStringLiteral("One page of tasks"),
               object({{QStringLiteral("data"), array(taskJson())},
                   {QStringLiteral("next_cursor"), nullable(string())},
                   {QStringLiteral("has_more"), boolean()}, {QStringLiteral("limit"), integer()}})),
            errorResponse(400, QStringLiteral("A bad filter, limit or cursor; named"))};
    router.document("GET", QStringLiteral("/api/tasks"), list);

    RouteDoc get;
    get.summary = QStringLiteral("Tasks: one");
    get.pathParams = {idParam};
    get.responses = {jsonResponse(200, QStringLiteral("The task"), taskJson()),
        errorResponse(404, QStringLiteral("No such task"))};
    router.document("GET", QStringLiteral("/api/tasks/{id}"), get);

    RouteDoc create;
    create.summary = QStringLiteral("Tasks: create");
    create.description = events;
    create.bodies = {BodyDoc {"application/json", taskInput(true), {}}};
    create.responses = {jsonResponse(201, QStringLiteral("Created"), taskJson()),
        errorResponse(400, QStringLiteral("A missing or bad field; named")),
        errorResponse(422, QStringLiteral("leadId or conversationId names nothing"))};
    router.document("POST", QStringLiteral("/api/tasks"), create);

    RouteDoc update;
    update.summary = QStringLiteral("Tasks: change");
    update.description
        = QStringLiteral("Only the fields given change. state done completes it; snoozed without "
                         "dueAt moves it an hour on. A new dueAt re-arms the reminder. ")
        + events;
    update.pathParams = {idParam};
    update.bodies = {BodyDoc {"application/json", taskInput(false), {}}};
    update.responses = {jsonResponse(200, QStringLiteral("The task as stored"), taskJson()),
        errorResponse(400, QStringLiteral("A bad field; named")),
        errorResponse(404, QStringLiteral("No such task")),
        errorResponse(422, QStringLiteral("leadId names nothing"))};
    router.document("PUT", QStringLiteral("/api/tasks/{id}"), update);

    RouteDoc rules;
    rules.summary = QStringLiteral("Tasks: rules");
    rules.description = QStringLiteral("unansweredCallRetry: a call that ends with no answer, busy or failed "
                                       "(either direction) creates one task for its lead.");
    rules.responses = {jsonResponse(200, QStringLiteral("The rules"), rulesJson())};
    router.document("GET", QStringLiteral("/api/tasks/rules"), rules);

    RouteDoc putRules;
    putRules.summary = QStringLiteral("Tasks: change the rules");
    putRules.bodies = {BodyDoc {"application/json", rulesJson(), {}}};
    putRules.responses = {jsonResponse(200, QStringLiteral("The rules as stored"), rulesJson()),
        errorResponse(400, QStringLiteral("A bad or unknown field; named"))};
    router.document("PUT", QStringLiteral("/api/tasks/rules"), putRules);

    RouteDoc timeline;
    timeline.summary = QStringLiteral("Leads: timeline");
    timeline.description = QStringLiteral(
        "The lead's history across channels, newest first: messages, calls, memos, activities, status "
        "changes "
        "and tasks. The history an ElevenLabs agent is given at call start is this timeline's conversation "
        "kinds. Pass next_cursor as cursor for older entries.");
    timeline.pathParams = {ParamDoc {QStringLiteral("id"), QStringLiteral("The lead id"), integer(), true}};
    timeline.query = {queryParam(QStringLiteral("kinds"), string(),
                          QStringLiteral("Comma-separated, default all: ")
                              + LeadTimeline::kinds().join(QStringLiteral(", "))),
        queryParam(QStringLiteral("limit"), limit, QStringLiteral("Entries per page")),
        queryParam(QStringLiteral("cursor"), string(), QStringLiteral("next_cursor of the previous page"))};
    timeline.responses
        = {jsonResponse(200, QStringLiteral("One page of the timeline"),
               object({{QStringLiteral("data"),
                           array(object({{QStringLiteral("kind"), oneOfValues(LeadTimeline::kinds())},
                               {QStringLiteral("id"), integer(QStringLiteral("The row in its own table"))},
                               {QStringLiteral("at"), dateTime()},
                               {QStringLiteral("direction"), nullable(string())},
                               {QStringLiteral("title"), string()}, {QStringLiteral("text"), string()},
                               {QStringLiteral("state"), nullable(string())},
                               {QStringLiteral("conversationId"), nullable(integer())},
                               {QStringLiteral("dueAt"),
                                   nullable(dateTime(QStringLiteral("A task's due time")))}}))},
                   {QStringLiteral("next_cursor"), nullable(string())},
                   {QStringLiteral("has_more"), boolean()}, {QStringLiteral("limit"), integer()}})),
            errorResponse(400, QStringLiteral("A bad kind, limit or cursor; named")),
            errorResponse(404, QStringLiteral("No such lead"))};
    router.document("GET", QStringLiteral("/api/leads/{id}/timeline"), timeline);
}

} // namespace sb
