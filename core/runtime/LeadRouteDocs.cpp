#include "LeadRouteDocs.h"

#include "LeadScoringDocs.h"
#include "TaskRouteDocs.h"
#include "channels/ChannelRouteDocs.h"
#include "domain/Lead.h"
#include "leads/LeadCommands.h"
#include "leads/LeadRecordCommands.h"
#include "server/OpenApi.h"
#include "storage/LeadQuery.h"

#include <QJsonArray>
#include <limits>

namespace sb {

namespace {

using namespace schema;

const auto leadId = ParamDoc {QStringLiteral("id"), QStringLiteral("The lead id"),
    integerRange(1, std::numeric_limits<qint64>::max()), true};

QJsonObject insert(QJsonObject s, const QString &key, const QJsonValue &value)
{
    s.insert(key, value);
    return s;
}

QStringList lifecycleNames()
{
    return {leadLifecycleName(LeadLifecycle::Active), leadLifecycleName(LeadLifecycle::Discarded),
        leadLifecycleName(LeadLifecycle::Converted)};
}

// The JSON Schema of one field the lead commands check (leads::validate).
QJsonObject fieldSchema(const leads::Field &field)
{
    using T = leads::Field::Type;
    switch (field.type) {
    case T::Text:
        return string();
    case T::Money:
        return insert(number(), QStringLiteral("minimum"), 0);
    case T::Integer:
        return integer();
    case T::Bool:
        return boolean();
    case T::DateTime:
        return dateTime(QStringLiteral("ISO 8601, stored as given"));
    case T::Enum:
        return field.allowed ? oneOfValues(*field.allowed) : string();
    case T::Reference:
        return QJsonObject {
            {QStringLiteral("type"), QJsonArray {QStringLiteral("string"), QStringLiteral("integer")}}};
    }
    return string();
}

// What POST and PUT take: seed 002's lead fields (columns and the ones kept in attributes). Other
// members are stored in the lead's attributes too; the server's own fields are refused.
QJsonObject leadInput(bool create)
{
    QJsonObject properties;
    for (const auto &field : leads::leadKind().fields()) {
        auto s = fieldSchema(field);
        if (field.key == QLatin1String("lead_status"))
            s.insert(QStringLiteral("description"),
                create ? QStringLiteral("Default new") : QStringLiteral("A change writes status_history"));
        else if (field.key == QLatin1String("priority") && create)
            s.insert(QStringLiteral("description"), QStringLiteral("Default medium"));
        else if (field.key == QLatin1String("phone"))
            s.insert(QStringLiteral("description"),
                QStringLiteral("E.164, or national in the server's --phone-region; unique among leads"));
        else if (field.key == QLatin1String("email"))
            s.insert(QStringLiteral("description"), QStringLiteral("Unique among leads (case-insensitive)"));
        properties.insert(field.key, s);
    }
    QJsonObject input {
        {QStringLiteral("type"), QStringLiteral("object")}, {QStringLiteral("properties"), properties}};
    if (create) {
        QJsonArray anyOf;
        for (const auto &name : {QStringLiteral("first_name"), QStringLiteral("last_name"),
                 QStringLiteral("company_name"), QStringLiteral("email"), QStringLiteral("phone")})
            anyOf.append(QJsonObject {{QStringLiteral("required"), QJsonArray {name}}});
        input.insert(QStringLiteral("anyOf"), anyOf);
        input.insert(QStringLiteral("description"),
            QStringLiteral("At least one of first_name, last_name, company_name, email, phone. Members not "
                           "listed are kept in the lead's attributes; the server's own fields (id, "
                           "phone_e164, lifecycle, do_not_contact, archived, created_at, ...) are refused."));
    } else {
        properties.insert(QStringLiteral("remarks"),
            string(QStringLiteral("Remarks of the status change (needs lead_status)")));
        properties.insert(QStringLiteral("status_date"),
            dateTime(QStringLiteral("Date of the status change (needs lead_status)")));
        input.insert(QStringLiteral("properties"), properties);
        input.insert(QStringLiteral("minProperties"), 1);
        input.insert(QStringLiteral("description"),
            QStringLiteral("Partial: only the fields given change (null counts as not given). Members not "
                           "listed are kept in the lead's attributes; the server's own fields are refused."));
    }
    return input;
}

// A lead as the API shows it: the stored row (seed 002's names, ISO 8601 times), its attributes merged
// in, and `archived`.
QJsonObject leadOutput()
{
    auto properties = leadInput(false).value(QStringLiteral("properties")).toObject();
    properties.remove(QStringLiteral("remarks"));
    properties.remove(QStringLiteral("status_date"));
    // Columns: exact types, null when not set.
    for (const auto &name : {QStringLiteral("first_name"), QStringLiteral("last_name"),
             QStringLiteral("email"), QStringLiteral("phone"), QStringLiteral("company_name"),
             QStringLiteral("source"), QStringLiteral("phone_e164"), QStringLiteral("discard_reason"),
             QStringLiteral("loss_reason"), QStringLiteral("do_not_contact_reason")})
        properties.insert(name, nullable(string()));
    for (const auto &name :
        {QStringLiteral("pre_lead_id"), QStringLiteral("assigned_to"), QStringLiteral("customer_id")})
        properties.insert(name, nullable(integer()));
    properties.insert(QStringLiteral("id"), integer());
    properties.insert(QStringLiteral("priority"), oneOfValues(leadPriorities()));
    properties.insert(QStringLiteral("lead_status"), oneOfValues(leadStatuses()));
    properties.insert(QStringLiteral("expected_value"), nullable(number()));
    properties.insert(QStringLiteral("lifecycle"), oneOfValues(lifecycleNames()));
    properties.insert(QStringLiteral("do_not_contact"), boolean());
    properties.insert(QStringLiteral("do_not_contact_at"), nullable(dateTime()));
    properties.insert(QStringLiteral("archived"),
        boolean(QStringLiteral("Archived by DELETE: left out of lists by default")));
    properties.insert(QStringLiteral("archived_at"), nullable(dateTime()));
    properties.insert(QStringLiteral("created_at"), dateTime());
    properties.insert(QStringLiteral("updated_at"), dateTime());
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("properties"), properties},
        {QStringLiteral("required"),
            QJsonArray {QStringLiteral("id"), QStringLiteral("priority"), QStringLiteral("lead_status"),
                QStringLiteral("lifecycle"), QStringLiteral("do_not_contact"), QStringLiteral("archived"),
                QStringLiteral("archived_at"), QStringLiteral("created_at"), QStringLiteral("updated_at")}}};
}

QJsonObject contactJson()
{
    return object(
        {{QStringLiteral("id"), integer()}, {QStringLiteral("owner_kind"), constant(QStringLiteral("lead"))},
            {QStringLiteral("owner_id"), integer()}, {QStringLiteral("first_name"), nullable(string())},
            {QStringLiteral("last_name"), nullable(string())}, {QStringLiteral("email"), nullable(string())},
            {QStringLiteral("phone"), nullable(string())},
            {QStringLiteral("designation"), nullable(string())},
            {QStringLiteral("department"), nullable(string())},
            {QStringLiteral("is_primary"), integerRange(0, 1)}, {QStringLiteral("created_at"), dateTime()}},
        {QStringLiteral("id"), QStringLiteral("created_at")});
}

QJsonObject memoJson()
{
    return object(
        {{QStringLiteral("id"), integer()}, {QStringLiteral("owner_kind"), constant(QStringLiteral("lead"))},
            {QStringLiteral("owner_id"), integer()}, {QStringLiteral("title"), nullable(string())},
            {QStringLiteral("content"), string()}, {QStringLiteral("memo_type"), oneOfValues(memoTypes())},
            {QStringLiteral("created_at"), dateTime()}},
        {QStringLiteral("id"), QStringLiteral("content"), QStringLiteral("memo_type"),
            QStringLiteral("created_at")});
}

QJsonObject activityJson()
{
    return object(
        {{QStringLiteral("id"), integer()}, {QStringLiteral("lead_id"), integer()},
            {QStringLiteral("activity_type"), oneOfValues(activityTypes())},
            {QStringLiteral("title"), nullable(string())},
            {QStringLiteral("description"), nullable(string())},
            {QStringLiteral("scheduled_at"), nullable(string(QStringLiteral("As the sender gave it")))},
            {QStringLiteral("completed_at"), nullable(string(QStringLiteral("As the sender gave it")))},
            {QStringLiteral("outcome"), nullable(string())}, {QStringLiteral("created_at"), dateTime()}},
        {QStringLiteral("id"), QStringLiteral("activity_type"), QStringLiteral("created_at")});
}

QJsonObject statusChangeJson()
{
    return object(
        {{QStringLiteral("id"), integer()}, {QStringLiteral("owner_kind"), constant(QStringLiteral("lead"))},
            {QStringLiteral("owner_id"), integer()},
            {QStringLiteral("old_status"),
                nullable(string(QStringLiteral("null when the lead was created")))},
            {QStringLiteral("new_status"),
                string(QStringLiteral("A lead_status, or discarded / converted for lifecycle steps"))},
            {QStringLiteral("remarks"), nullable(string())},
            {QStringLiteral("status_date"), nullable(string())},
            {QStringLiteral("source"), nullable(string(QStringLiteral("Who changed it, e.g. api")))},
            {QStringLiteral("changed_at"), dateTime()}},
        {QStringLiteral("id"), QStringLiteral("new_status"), QStringLiteral("changed_at")});
}

QJsonObject leadDetail()
{
    return extend(leadOutput(),
        {{QStringLiteral("contacts"), array(contactJson())}, {QStringLiteral("memos"), array(memoJson())},
            {QStringLiteral("activities"), array(activityJson())},
            {QStringLiteral("status_history"), array(statusChangeJson(), QStringLiteral("Oldest first"))},
            {QStringLiteral("conversations"), array(conversationSchema())}},
        {QStringLiteral("contacts"), QStringLiteral("memos"), QStringLiteral("activities"),
            QStringLiteral("status_history"), QStringLiteral("conversations")});
}

QJsonObject leadPage()
{
    auto limit = integerRange(1, listparam::maxLimit);
    return object(
        {{QStringLiteral("data"), array(leadOutput())},
            {QStringLiteral("next_cursor"),
                nullable(string(QStringLiteral("Pass as cursor for the next page; null on the last page")))},
            {QStringLiteral("has_more"), boolean()}, {QStringLiteral("limit"), limit},
            {QStringLiteral("sort"), string(QStringLiteral("The sort applied, e.g. -updated_at"))}},
        {QStringLiteral("data"), QStringLiteral("next_cursor"), QStringLiteral("has_more"),
            QStringLiteral("limit"), QStringLiteral("sort")});
}

QStringList sortNames()
{
    QStringList names;
    for (const auto &order : LeadQuery::sorts())
        names << order.name << QStringLiteral("-") + order.name;
    return names;
}

ParamDoc flagParam(const QString &name, const QString &description)
{
    return queryParam(name, boolean(), description + QStringLiteral(" (true/false, also 1/0)"));
}

} // namespace

void documentLeadRoutes(Router &router)
{
    const QString base = QStringLiteral("/api/leads");
    const QString item = base + QStringLiteral("/{id}");

    RouteDoc list;
    list.summary = QStringLiteral("Leads: list (filters, keyset pages)");
    list.description = QStringLiteral(
        "Pass next_cursor as cursor (with the same sort) for the next page: a lead added between two pages "
        "is never returned twice and none is skipped. Archived leads are left out unless "
        "include_archived=true.");
    auto limit = integerRange(1, listparam::maxLimit);
    limit.insert(QStringLiteral("default"), listparam::defaultLimit);
    list.query = {
        queryParam(QStringLiteral("status"), oneOfValues(leadStatuses()), QStringLiteral("lead_status")),
        queryParam(QStringLiteral("priority"), oneOfValues(leadPriorities())),
        queryParam(QStringLiteral("source"), string(), QStringLiteral("Exact source, e.g. website")),
        queryParam(QStringLiteral("q"), string(),
            QStringLiteral("Name, company, email or phone contains this text (case-insensitive)")),
        queryParam(QStringLiteral("search"), string(), QStringLiteral("The same as q (q wins)")),
        queryParam(QStringLiteral("updated_since"), string(),
            QStringLiteral("Only leads updated at or after this time: ISO 8601 (2024-01-25T09:00:00Z) or "
                           "milliseconds since the epoch")),
        flagParam(QStringLiteral("include_archived"), QStringLiteral("Also archived leads")),
        queryParam(QStringLiteral("sort"), oneOfValues(sortNames()),
            QStringLiteral("A leading - sorts descending (default -updated_at); priority and lead_status "
                           "sort in their pipeline order")),
        queryParam(QStringLiteral("limit"), limit, QStringLiteral("Leads per page")),
        queryParam(QStringLiteral("cursor"), string(), QStringLiteral("next_cursor of the previous page"))};
    list.responses = {jsonResponse(200, QStringLiteral("One page of leads"), leadPage()),
        errorResponse(400,
            QStringLiteral(
                "A query parameter is invalid (unknown status or priority, limit out of 1..200, "
                "unknown sort, a cursor this API did not make or made for another sort, ...); it is "
                "named"))};
    router.document("GET", base, list);

    RouteDoc get;
    get.summary
        = QStringLiteral("Leads: get one with its contacts, memos, activities, history, conversations");
    get.pathParams = {leadId};
    get.responses
        = {jsonResponse(200, QStringLiteral("The lead (archived ones too)"), leadScoreMembers(leadDetail())),
            errorResponse(404, QStringLiteral("Lead not found"))};
    router.document("GET", item, get);

    RouteDoc create;
    create.summary = QStringLiteral("Leads: create");
    create.description = QStringLiteral(
        "Validated and stored as seed 002's new_lead webhook stores it (status history row, lead.created "
        "event for outbound webhooks). The answer's Location header names the new lead.");
    create.bodies = {BodyDoc {"application/json", leadInput(true), {}}};
    create.responses = {jsonResponse(201, QStringLiteral("Created; Location: /api/leads/{id}"), leadDetail()),
        errorResponse(400,
            QStringLiteral("The body is not a JSON object, a field is invalid (e.g. lead_status must be one "
                           "of ...), a server field is given, or none of name, company, email, phone; it is "
                           "named")),
        errorResponse(
            409, QStringLiteral("Another lead has this email or phone; the detail and Location name it"))};
    router.document("POST", base, create);

    RouteDoc update;
    update.summary = QStringLiteral("Leads: update (partial)");
    update.description = QStringLiteral(
        "The fields given change (lead.updated); a lead_status change writes a status_history row with "
        "remarks and status_date and raises lead.status_changed. All or nothing: an error changes nothing.");
    update.pathParams = {leadId};
    update.bodies = {BodyDoc {"application/json", leadInput(false), {}}};
    update.responses = {jsonResponse(200, QStringLiteral("The updated lead"), leadDetail()),
        errorResponse(400,
            QStringLiteral("The body is not a JSON object or has no fields to update, a field is invalid, a "
                           "server field is given, or remarks/status_date without lead_status; it is named")),
        errorResponse(404, QStringLiteral("Lead not found")),
        errorResponse(409,
            QStringLiteral("The lead is archived, or another lead has this email or phone (named, with its "
                           "Location)"))};
    router.document("PUT", item, update);

    RouteDoc remove;
    remove.summary = QStringLiteral("Leads: archive, or purge with ?purge=true");
    remove.description = QStringLiteral(
        "By default the lead is archived (archived_at set; it leaves the lists and its threads leave "
        "GET /api/conversations unless include_archived=true). purge=true is a GDPR erasure, in one "
        "transaction: it deletes the lead and every row linked to it by id — contacts, memos, activities and "
        "status history, its qualified profile, conversations, messages and their events, calls, outbox "
        "entries and attempts, the pre-lead it came from and the customer made from it (with their "
        "contacts, memos, history, orders and payments) unless another lead refers to them too — and every "
        "row linked through the events raised about it (payload lead_id/leadId, lead.id, its conversation, "
        "pre-lead or customer id): their event_log entries, their deliveries with their attempts and "
        "POST /api/events records; then the inbound requests that raised its rows or events (and their "
        "replays), with everything those requests raised or relayed (relay deliveries) and their "
        "inbound.recorded/delivery.updated log entries. An inbound request that also concerns another lead "
        "or a campaign run is kept and named in retained.sharedInboundRequests; requests whose raw bytes "
        "name the lead's email or phone but that nothing links to it are kept and named in "
        "retained.unlinkedInboundRequests, for review. mailgun_tokens hold no personal data (a token and a "
        "body hash) and stay, so a replay is still refused. Archiving raises lead.deleted with the lead "
        "record and mode archive (archiving an archived lead raises nothing); a purge raises lead.deleted "
        "with only id, lead_id, purged true and mode purge.");
    remove.pathParams = {leadId};
    remove.query = {flagParam(QStringLiteral("purge"), QStringLiteral("Erase instead of archiving"))};
    const auto archived = object(
        {{QStringLiteral("id"), integer()}, {QStringLiteral("purged"), constant(false)},
            {QStringLiteral("archived"), constant(true)}, {QStringLiteral("lead"), leadOutput()}},
        {QStringLiteral("id"), QStringLiteral("purged"), QStringLiteral("archived"), QStringLiteral("lead")},
        QStringLiteral("Archived"));
    auto removed = anyObject(QStringLiteral(
        "Rows deleted per table: leads, contacts, memos, activities, status_history, qualified_profiles, "
        "conversations, messages, message_events, calls, outbox, outbox_attempts, inboundRequests, "
        "deliveries, deliveryAttempts, eventLog, apiEvents, preLeads, customers, customerOrders, "
        "customer_payments"));
    removed.insert(QStringLiteral("additionalProperties"), integer());
    const auto retained = object(
        {{QStringLiteral("shared_inbound_requests"),
             array(string(),
                 QStringLiteral("Inbound requests of the lead that also concern another lead or a "
                                "campaign run: kept"))},
            {QStringLiteral("unlinked_inbound_requests"),
                array(string(),
                    QStringLiteral("Inbound requests naming the lead's email or phone that no stored "
                                   "row links to it: kept, for review"))},
            {QStringLiteral("shared_customers"),
                array(integer(),
                    QStringLiteral("Its customer, kept (unlinked) because another lead refers to it"))},
            {QStringLiteral("shared_pre_leads"),
                array(integer(), QStringLiteral("Its pre-lead, kept because another lead refers to it"))}},
        {QStringLiteral("shared_inbound_requests"), QStringLiteral("unlinked_inbound_requests"),
            QStringLiteral("shared_customers"), QStringLiteral("shared_pre_leads")},
        QStringLiteral("What the erasure kept because it is not this lead's alone or cannot be linked"),
        true);
    const auto purged
        = object({{QStringLiteral("id"), integer()}, {QStringLiteral("purged"), constant(true)},
                     {QStringLiteral("archived"), constant(false)}, {QStringLiteral("removed"), removed},
                     {QStringLiteral("retained"), retained}},
            {QStringLiteral("id"), QStringLiteral("purged"), QStringLiteral("archived"),
                QStringLiteral("removed"), QStringLiteral("retained")},
            QStringLiteral("Purged"));
    remove.responses = {jsonResponse(200, QStringLiteral("Archived, or purged"),
                            QJsonObject {{QStringLiteral("oneOf"), QJsonArray {archived, purged}}}),
        errorResponse(400, QStringLiteral("The id is not a positive integer, or purge is not true or false")),
        errorResponse(404, QStringLiteral("Lead not found"))};
    router.document("DELETE", item, remove);
    documentLeadScoringRoutes(router);
    documentTaskRoutes(router);
}

} // namespace sb
