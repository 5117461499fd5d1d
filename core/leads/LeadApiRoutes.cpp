#include "LeadApiRoutes.h"

#include "LeadRecordCommands.h"
#include "LeadScores.h"
#include "LeadScoringRoutes.h"
#include "LeadTimelineRoutes.h"
#include "TaskRoutes.h"
#include "domain/PhoneNumber.h"
#include "http/JsonBody.h"
#include "storage/LeadDirectory.h"
#include "storage/LeadQuery.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace sb {

namespace {

using leads::Field;

// Who changed the lead, as status_history.source and the events' crmEvent say it.
const QString apiSource = QStringLiteral("api");

// Fields a client cannot set: the server keeps them.
const QStringList &readOnlyFields()
{
    static const QStringList names {QStringLiteral("id"), QStringLiteral("lead_id"),
        QStringLiteral("pre_lead_id"), QStringLiteral("phone_e164"), QStringLiteral("lifecycle"),
        QStringLiteral("discard_reason"), QStringLiteral("loss_reason"), QStringLiteral("customer_id"),
        QStringLiteral("do_not_contact"), QStringLiteral("do_not_contact_reason"),
        QStringLiteral("do_not_contact_at"), QStringLiteral("archived"), QStringLiteral("archived_at"),
        QStringLiteral("created_at"), QStringLiteral("updated_at"), QStringLiteral("contacts"),
        QStringLiteral("memos"), QStringLiteral("activities"), QStringLiteral("status_history"),
        QStringLiteral("conversations")};
    return names;
}

// What PUT takes besides the lead's fields: the status change's remarks and date.
const leads::Fields &statusFields()
{
    static const leads::Fields fields {
        {QStringLiteral("remarks")}, {QStringLiteral("status_date"), Field::Type::DateTime}};
    return fields;
}

ApiError notFound(qint64 id)
{
    return ApiError {ErrorKind::NotFound, QStringLiteral("Lead %1 not found").arg(id)};
}

std::optional<ApiError> refuseReadOnly(const QJsonObject &body)
{
    for (const auto &name : readOnlyFields()) {
        if (body.contains(name))
            return ApiError {ErrorKind::BadRequest, QStringLiteral("%1 cannot be set").arg(name)};
    }
    return std::nullopt;
}

// 409 when another lead (not `self`) already has the email or phone of `data`.
std::optional<ApiError> duplicateOf(
    SqlContext &context, const QJsonObject &data, const QString &phoneRegion, qint64 self = 0)
{
    const auto email = data.value(QStringLiteral("email")).toString().trimmed();
    if (!email.isEmpty()) {
        if (auto found = LeadDirectory::findByEmail(context, email); found && found->id != self)
            return ApiError {ErrorKind::Conflict,
                QStringLiteral("Lead %1 already has the email %2").arg(found->id).arg(email),
                {{"Location", QStringLiteral("/api/leads/%1").arg(found->id).toUtf8()}}};
    }
    const auto phone = data.value(QStringLiteral("phone")).toString().trimmed();
    if (!phone.isEmpty()) {
        const auto e164 = PhoneNumber::toE164(phone, phoneRegion);
        auto found = LeadDirectory::findByPhone(context, e164.isEmpty() ? phone : e164);
        if (found && found->id != self)
            return ApiError {ErrorKind::Conflict,
                QStringLiteral("Lead %1 already has the phone number %2").arg(found->id).arg(phone),
                {{"Location", QStringLiteral("/api/leads/%1").arg(found->id).toUtf8()}}};
    }
    return std::nullopt;
}

// Runs one of seed 002's lead commands as the console does (LeadChange), as the API.
ApiResult runCommand(SqlContext &context, const ApiRequest &request, const QString &event, qint64 id,
    const QJsonObject &data, const QString &phoneRegion)
{
    const auto &events = leadEvents();
    const auto spec
        = std::find_if(events.begin(), events.end(), [&event](const auto &e) { return e.event == event; });
    Q_ASSERT(spec != events.end());
    LeadCall call;
    call.event = event;
    call.source = apiSource;
    call.data = data;
    call.id = id;
    call.recordId = request.recordId;
    call.phoneRegion = phoneRegion;
    return spec->command(context, call);
}

// Runs `change` in a savepoint: an error leaves nothing behind, its events included.
ApiResult atomically(SqlContext &context, const std::function<ApiResult()> &change)
{
    context.exec("SAVEPOINT lead_api");
    const auto mark = context.eventMark();
    ApiResult result;
    try {
        result = change();
    } catch (...) {
        context.exec("ROLLBACK TO lead_api");
        context.dropEventsAfter(mark);
        context.exec("RELEASE lead_api");
        throw;
    }
    if (isError(result)) {
        context.exec("ROLLBACK TO lead_api");
        context.dropEventsAfter(mark);
    }
    context.exec("RELEASE lead_api");
    return result;
}

// Read: GET /api/leads
ApiResult listLeads(SqlContext &context, const ApiRequest &request)
{
    namespace p = listparam;
    const auto requested = p::page(request, LeadQuery::sorts(), QStringLiteral("-updated_at"));
    if (auto *error = std::get_if<ApiError>(&requested))
        return *error;
    const auto &[limit, sort, after] = std::get<p::PageRequest>(requested);
    LeadListFilter filter;
    const auto status = p::oneOf(request, QStringLiteral("status"), leadStatuses());
    if (auto *error = std::get_if<ApiError>(&status))
        return *error;
    filter.status = std::get<std::optional<QString>>(status);
    const auto priority = p::oneOf(request, QStringLiteral("priority"), leadPriorities());
    if (auto *error = std::get_if<ApiError>(&priority))
        return *error;
    filter.priority = std::get<std::optional<QString>>(priority);
    const auto source = p::value(request, QStringLiteral("source"));
    if (!source.isNull()) {
        if (source.trimmed().isEmpty())
            return ApiError {ErrorKind::BadRequest, QStringLiteral("source must not be empty")};
        filter.source = source.trimmed();
    }
    filter.search = p::value(request, QStringLiteral("q"));
    if (filter.search.isNull())
        filter.search = p::value(request, QStringLiteral("search"));
    const auto since = p::time(request, QStringLiteral("updated_since"));
    if (auto *error = std::get_if<ApiError>(&since))
        return *error;
    filter.updatedSince = std::get<std::optional<qint64>>(since);
    const auto archived = p::flag(request, QStringLiteral("include_archived"), false);
    if (auto *error = std::get_if<ApiError>(&archived))
        return *error;
    filter.includeArchived = std::get<bool>(archived);

    const auto page = LeadQuery::page(context, filter, sort, limit, after);
    QJsonArray data;
    for (const auto id : page.ids)
        data.append(LeadQuery::lead(context, id));
    return ApiResponse::json(200,
        QJsonObject {{QStringLiteral("data"), data},
            {QStringLiteral("next_cursor"), page.next ? QJsonValue(encodeCursor(*page.next)) : QJsonValue()},
            {QStringLiteral("has_more"), page.next.has_value()}, {QStringLiteral("limit"), limit},
            {QStringLiteral("sort"), sort.name}});
}

// Read: GET /api/leads/{id}
ApiResult getLead(SqlContext &context, const ApiRequest &request)
{
    const auto id = pathId(request);
    if (!id)
        return ApiError {ErrorKind::NotFound, QStringLiteral("Lead not found")};
    auto lead = LeadQuery::detail(context, *id);
    if (lead.isEmpty())
        return notFound(*id);
    LeadScores::addTo(context, *id, lead);
    return ApiResponse::json(200, lead);
}

// Write: POST /api/leads
ApiResult createLead(SqlContext &context, const ApiRequest &request, const LeadApiDependencies &deps)
{
    auto parsed = JsonBody::object(request.body);
    if (auto *error = std::get_if<ApiError>(&parsed))
        return *error;
    const auto &data = std::get<QJsonObject>(parsed);
    if (auto error = refuseReadOnly(data))
        return *error;
    if (auto error = leads::validate(data, leads::leadKind().fields()))
        return *error;
    if (auto error = duplicateOf(context, data, deps.phoneRegion))
        return *error;
    qint64 id = 0;
    auto result = atomically(context, [&]() -> ApiResult {
        auto created = runCommand(context, request, QStringLiteral("new_lead"), 0, data, deps.phoneRegion);
        if (const auto *response = std::get_if<ApiResponse>(&created)) {
            id = QJsonDocument::fromJson(response->body)
                     .object()
                     .value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("lead_id"))
                     .toInteger();
        }
        return created;
    });
    if (isError(result))
        return result;
    auto response = ApiResponse::json(201, LeadQuery::detail(context, id));
    response.headers.append({"Location", QStringLiteral("/api/leads/%1").arg(id).toUtf8()});
    return response;
}

// Write: PUT /api/leads/{id}
ApiResult updateLead(SqlContext &context, const ApiRequest &request, const LeadApiDependencies &deps)
{
    const auto id = pathId(request);
    if (!id)
        return ApiError {ErrorKind::NotFound, QStringLiteral("Lead not found")};
    auto parsed = JsonBody::object(request.body);
    if (auto *error = std::get_if<ApiError>(&parsed))
        return *error;
    auto fields = std::get<QJsonObject>(parsed);
    if (auto error = refuseReadOnly(fields))
        return *error;
    if (auto error = leads::validate(fields, leads::leadKind().fields()))
        return *error;
    if (auto error = leads::validate(fields, statusFields()))
        return *error;
    const auto current = LeadDirectory::lead(context, *id);
    if (!current)
        return notFound(*id);
    if (LeadQuery::isArchived(context, *id))
        return ApiError {
            ErrorKind::Conflict, QStringLiteral("Lead %1 is archived and cannot be updated").arg(*id)};
    // Only a changed email or phone can collide with another lead.
    auto changed = fields;
    if (changed.value(QStringLiteral("email"))
            .toString()
            .trimmed()
            .compare(current->email, Qt::CaseInsensitive)
        == 0)
        changed.remove(QStringLiteral("email"));
    if (changed.value(QStringLiteral("phone")).toString().trimmed() == current->phone)
        changed.remove(QStringLiteral("phone"));
    if (auto error = duplicateOf(context, changed, deps.phoneRegion, *id))
        return *error;

    // The status goes through the status command (history row with remarks, lead.status_changed);
    // the other fields through the update command, as the console saves an edit.
    QJsonObject status;
    for (const auto &key :
        {QStringLiteral("lead_status"), QStringLiteral("remarks"), QStringLiteral("status_date")}) {
        if (leads::isGiven(fields.value(key)))
            status.insert(key, fields.value(key));
        fields.remove(key);
    }
    bool anyField = false;
    for (auto it = fields.begin(); it != fields.end() && !anyField; ++it)
        anyField = leads::isGiven(it.value());
    if (!status.contains(QStringLiteral("lead_status")) && !status.isEmpty())
        return ApiError {ErrorKind::BadRequest, QStringLiteral("remarks and status_date need lead_status")};
    if (!anyField && status.isEmpty())
        return ApiError {ErrorKind::BadRequest, QStringLiteral("the body has no fields to update")};
    const bool statusChanges = status.contains(QStringLiteral("lead_status"))
        && (status.value(QStringLiteral("lead_status")).toString() != leadStatusName(current->status)
            || status.size() > 1);

    auto result = atomically(context, [&]() -> ApiResult {
        if (anyField) {
            auto updated
                = runCommand(context, request, QStringLiteral("lead_update"), *id, fields, deps.phoneRegion);
            if (isError(updated))
                return updated;
        }
        if (statusChanges)
            return runCommand(
                context, request, QStringLiteral("lead_status_update"), *id, status, deps.phoneRegion);
        return ApiResponse {};
    });
    if (isError(result))
        return result;
    return ApiResponse::json(200, LeadQuery::detail(context, *id));
}

// Write: DELETE /api/leads/{id}[?purge=true]
ApiResult deleteLeadRoute(SqlContext &context, const ApiRequest &request)
{
    const auto id = pathId(request);
    if (!id)
        return ApiError {ErrorKind::BadRequest, QStringLiteral("The lead id is not a positive integer")};
    const auto purgeFlag = listparam::flag(request, QStringLiteral("purge"), false);
    if (auto *error = std::get_if<ApiError>(&purgeFlag))
        return *error;
    return deleteLead(context, *id, std::get<bool>(purgeFlag), request.recordId);
}

} // namespace

ApiResult deleteLead(SqlContext &context, qint64 id, bool purge, const QString &recordId)
{
    if (!LeadQuery::exists(context, id))
        return notFound(id);
    const auto type = QStringLiteral("lead.deleted");
    QJsonObject answer {{QStringLiteral("id"), id}};
    if (purge) {
        // The event names the erased lead and nothing else it held.
        const auto purged = LeadQuery::purge(context, id);
        QJsonObject removed;
        for (const auto &[table, count] : purged.removed)
            removed.insert(table, count);
        QJsonArray customers;
        for (const auto customer : purged.sharedCustomers)
            customers.append(customer);
        QJsonArray preLeads;
        for (const auto preLead : purged.sharedPreLeads)
            preLeads.append(preLead);
        context.raise(type, recordId,
            {{QStringLiteral("id"), id}, {QStringLiteral("lead_id"), id}, {QStringLiteral("purged"), true},
                {QStringLiteral("mode"), QStringLiteral("purge")}});
        answer.insert(QStringLiteral("purged"), true);
        answer.insert(QStringLiteral("archived"), false);
        answer.insert(QStringLiteral("removed"), removed);
        answer.insert(QStringLiteral("retained"),
            QJsonObject {{QStringLiteral("shared_inbound_requests"),
                             QJsonArray::fromStringList(purged.sharedInboundRequests)},
                {QStringLiteral("unlinked_inbound_requests"),
                    QJsonArray::fromStringList(purged.unlinkedInboundRequests)},
                {QStringLiteral("shared_customers"), customers},
                {QStringLiteral("shared_pre_leads"), preLeads}});
        return ApiResponse::json(200, answer);
    }
    QJsonObject payload = context.wantsPayload(type) ? LeadQuery::lead(context, id) : QJsonObject();
    payload.insert(QStringLiteral("lead_id"), id);
    if (LeadQuery::archive(context, id)) {
        payload.insert(QStringLiteral("mode"), QStringLiteral("archive"));
        context.raise(type, recordId, payload);
    }
    answer.insert(QStringLiteral("purged"), false);
    answer.insert(QStringLiteral("archived"), true);
    answer.insert(QStringLiteral("lead"), LeadQuery::lead(context, id));
    return ApiResponse::json(200, answer);
}

std::vector<LeadApiRoute> leadApiRoutes(const LeadApiDependencies &dependencies)
{
    const auto deps = std::make_shared<LeadApiDependencies>(dependencies);
    std::vector<LeadApiRoute> routes {
        // Reads (scope: read), on the reader thread.
        {"GET", QStringLiteral("/api/leads"), QStringLiteral("leads.list"), true, listLeads},
        {"GET", QStringLiteral("/api/leads/{id}"), QStringLiteral("leads.get"), true, getLead},
        // Changes (scope: write), on the writer thread.
        {"POST", QStringLiteral("/api/leads"), QStringLiteral("leads.create"), false,
            [deps](SqlContext &c, const ApiRequest &r) { return createLead(c, r, *deps); }},
        {"PUT", QStringLiteral("/api/leads/{id}"), QStringLiteral("leads.update"), false,
            [deps](SqlContext &c, const ApiRequest &r) { return updateLead(c, r, *deps); }},
        {"DELETE", QStringLiteral("/api/leads/{id}"), QStringLiteral("leads.delete"), false, deleteLeadRoute},
    };
    for (auto &route : leadScoringRoutes())
        routes.push_back(std::move(route));
    for (auto &route : taskRoutes())
        routes.push_back(std::move(route));
    for (auto &route : leadTimelineRoutes())
        routes.push_back(std::move(route));
    return routes;
}

} // namespace sb
