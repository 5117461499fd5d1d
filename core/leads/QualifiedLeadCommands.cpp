// Seed 002 "Lead Webhook APIs": what only leads do. Create, update, discard, status, contacts and
// memos are shared with pre-leads (LeadRecordCommands).
#include "LeadCommandSet.h"
#include "LeadRecordCommands.h"
#include "storage/SqlWorker.h"

namespace sb::leads {

namespace {
using T = Field::Type;
}

ApiResult leadActivityAdd(SqlContext &context, const LeadCall &call)
{
    static const Fields fields {{QStringLiteral("activity_type"), T::Enum, &activityTypes(), true},
        {QStringLiteral("title")}, {QStringLiteral("description")},
        {QStringLiteral("scheduled_at"), T::DateTime}, {QStringLiteral("completed_at"), T::DateTime},
        {QStringLiteral("outcome")}};
    if (auto error = validate(call.data, fields))
        return *error;
    if (auto error = requireRecord(context, leadKind(), call.id))
        return *error;
    QVariantList values {call.id};
    for (const auto &field : fields)
        values.append(bindValue(call.data, field));
    values.append(context.nowMs());
    auto &insert = context.run(
        QStringLiteral("INSERT INTO activities(lead_id, activity_type, title, description, "
                       "scheduled_at, completed_at, outcome, created_at) VALUES(?,?,?,?,?,?,?,?)"),
        values);
    const qint64 activityId = insert.lastInsertId().toLongLong();
    raise(context, call, QStringLiteral("activity.added"),
        {{QStringLiteral("activity_id"), activityId}, {QStringLiteral("lead_id"), call.id}},
        [&] { return rowJson(context, QStringLiteral("activities"), activityId); });
    return crmOk(QStringLiteral("Activity added successfully"),
        {{QStringLiteral("activity_id"), activityId}, {QStringLiteral("lead_id"), call.id}});
}

// One profile per lead, created by the first call and merged by later ones (fields not given keep
// their value). The whole profile lives in `attributes`; the seed's fields are type-checked.
ApiResult leadQualifiedProfileUpdate(SqlContext &context, const LeadCall &call)
{
    static const Fields fields {{QStringLiteral("profile_type")}, {QStringLiteral("company")},
        {QStringLiteral("industry")}, {QStringLiteral("best_time_call")}, {QStringLiteral("timezone")},
        {QStringLiteral("mode")}, {QStringLiteral("contact_name")}, {QStringLiteral("designation")},
        {QStringLiteral("phone")}, {QStringLiteral("email")}, {QStringLiteral("need_type")},
        {QStringLiteral("current_solution")}, {QStringLiteral("pain_point")},
        {QStringLiteral("budget"), T::Money}, {QStringLiteral("decision_timeline")},
        {QStringLiteral("decision_maker")}, {QStringLiteral("competitor_info")}, {QStringLiteral("notes")}};
    if (auto error = validate(call.data, fields))
        return *error;
    QJsonObject given;
    for (auto it = call.data.begin(); it != call.data.end(); ++it) {
        if (!subjectKeys().contains(it.key()) && isGiven(it.value()))
            given.insert(it.key(), it.value());
    }
    if (given.isEmpty())
        return badRequest(QStringLiteral("data has no profile fields"));
    if (auto error = requireRecord(context, leadKind(), call.id))
        return *error;

    const auto now = context.nowMs();
    auto &existing = context.run(
        QStringLiteral("SELECT id, attributes FROM qualified_profiles WHERE lead_id = ?"), {call.id});
    qint64 profileId = 0;
    QJsonObject profile;
    if (existing.next()) {
        profileId = existing.value(0).toLongLong();
        profile = jsonObject(existing.value(1).toString());
    }
    existing.finish();
    for (auto it = given.begin(); it != given.end(); ++it)
        profile.insert(it.key(), it.value());
    if (profileId == 0) {
        auto &insert
            = context.run(QStringLiteral("INSERT INTO qualified_profiles(lead_id, attributes, created_at, "
                                         "updated_at) VALUES(?,?,?,?)"),
                {call.id, jsonText(profile), now, now});
        profileId = insert.lastInsertId().toLongLong();
    } else {
        context.run(
            QStringLiteral("UPDATE qualified_profiles SET attributes = ?, updated_at = ? WHERE id = ?"),
            {jsonText(profile), now, profileId});
    }
    context.run(QStringLiteral("UPDATE leads SET updated_at = ? WHERE id = ?"), {now, call.id});

    // The catalog has no profile event: the profile is part of the lead, so the lead is updated.
    raise(context, call, QStringLiteral("lead.updated"),
        {{QStringLiteral("lead_id"), call.id}, {QStringLiteral("profile_id"), profileId},
            {QStringLiteral("qualified_profile"), profile}},
        [&] { return recordPayload(context, leadKind(), call.id); });
    return crmOk(QStringLiteral("Qualified profile updated successfully"),
        {{QStringLiteral("lead_id"), call.id}, {QStringLiteral("profile_id"), profileId}});
}

// The seed converts "a won lead", but a CRM may convert at any stage: the lead is not required to be
// won, and keeps its lead_status; its lifecycle becomes converted and it points at its customer.
ApiResult leadConvert(SqlContext &context, const LeadCall &call)
{
    static const Fields fields {{QStringLiteral("customer_code"), T::Text, nullptr, true},
        {QStringLiteral("credit_limit"), T::Money}, {QStringLiteral("payment_terms")},
        {QStringLiteral("notes")}};
    if (auto error = validate(call.data, fields))
        return *error;
    const auto &kind = leadKind();
    auto found = activeRecord(context, kind, call.id, QStringLiteral("converted"));
    if (const auto *error = std::get_if<ApiError>(&found))
        return *error;
    const auto &lead = std::get<StoredRecord>(found);
    const auto code = call.data.value(QStringLiteral("customer_code")).toString();
    // Checked here rather than left to the UNIQUE constraint: a constraint failure would abort the
    // whole group commit and answer 500 instead of 409.
    auto &taken = context.run(QStringLiteral("SELECT id FROM customers WHERE customer_code = ?"), {code});
    const qint64 holder = taken.next() ? taken.value(0).toLongLong() : 0;
    taken.finish();
    if (holder != 0)
        return conflict(
            QStringLiteral("customer_code '%1' is already used by customer %2").arg(code).arg(holder));

    const auto now = context.nowMs();
    auto &insert = context.run(
        QStringLiteral("INSERT INTO customers(lead_id, customer_code, credit_limit, payment_terms, "
                       "notes, created_at, updated_at) VALUES(?,?,?,?,?,?,?)"),
        {call.id, code, bindValue(call.data, fields[1]), bindValue(call.data, fields[2]),
            bindValue(call.data, fields[3]), now, now});
    const qint64 customerId = insert.lastInsertId().toLongLong();
    context.run(
        QStringLiteral("UPDATE leads SET lifecycle = ?, customer_id = ?, updated_at = ? WHERE id = ?"),
        {leadLifecycleName(LeadLifecycle::Converted), customerId, now, call.id});
    recordStatusChange(context, kind, call.id, lead.leadStatus, leadLifecycleName(LeadLifecycle::Converted),
        QStringLiteral("converted to customer %1").arg(code), call.source);

    raise(context, call, QStringLiteral("customer.created"),
        {{QStringLiteral("customer_id"), customerId}, {QStringLiteral("lead_id"), call.id}},
        [&] { return rowJson(context, QStringLiteral("customers"), customerId); });
    raise(context, call, QStringLiteral("lead.converted"),
        {{QStringLiteral("lead_id"), call.id}, {QStringLiteral("customer_id"), customerId},
            {QStringLiteral("customer_code"), code}},
        [&] { return recordPayload(context, kind, call.id); });
    return crmOk(QStringLiteral("Lead converted to customer successfully"),
        {{QStringLiteral("lead_id"), call.id}, {QStringLiteral("customer_id"), customerId},
            {QStringLiteral("customer_code"), code}});
}

} // namespace sb::leads
