// Seed 002 "Pre-Lead Webhook APIs": what only pre-leads do. Create, update, discard, status,
// contacts and memos are shared with leads (LeadRecordCommands).
#include "LeadCommandSet.h"
#include "LeadRecordCommands.h"
#include "storage/SqlWorker.h"

namespace sb::leads {

// The new lead copies the pre-lead (its columns, status and attributes); the convert call's
// priority, assignee, expected value and notes are added on top. The pre-lead stays, marked
// converted and pointing at its lead.
ApiResult preLeadConvert(SqlContext &context, const LeadCall &call)
{
    using T = Field::Type;
    static const Fields fields {{QStringLiteral("priority"), T::Enum, &leadPriorities()},
        {QStringLiteral("assigned_to"), T::Integer}, {QStringLiteral("expected_value"), T::Money},
        {QStringLiteral("notes")}};
    if (auto error = validate(call.data, fields))
        return *error;
    const auto &kind = preLeadKind();
    auto found = activeRecord(context, kind, call.id, QStringLiteral("converted"));
    if (const auto *error = std::get_if<ApiError>(&found))
        return *error;
    const auto &preLead = std::get<StoredRecord>(found);

    QJsonObject leadData = preLead.attributes;
    for (auto it = preLead.columns.begin(); it != preLead.columns.end(); ++it)
        leadData.insert(it.key(), it.value());
    for (const auto &field : fields) {
        if (isGiven(call.data.value(field.key)))
            leadData.insert(field.key, call.data.value(field.key));
    }
    const auto source = preLead.columns.value(QStringLiteral("source")).toString(QStringLiteral("other"));
    const qint64 leadId = insertRecord(context, leadKind(), leadData, source,
        QStringLiteral("converted from pre-lead %1").arg(call.id), call.phoneRegion);
    const auto now = context.nowMs();
    context.run(QStringLiteral("UPDATE leads SET pre_lead_id = ? WHERE id = ?"), {call.id, leadId});
    context.run(QStringLiteral(
                    "UPDATE pre_leads SET lifecycle = ?, converted_lead_id = ?, updated_at = ? WHERE id = ?"),
        {leadLifecycleName(LeadLifecycle::Converted), leadId, now, call.id});
    recordStatusChange(context, kind, call.id, preLead.leadStatus,
        leadLifecycleName(LeadLifecycle::Converted), QStringLiteral("converted to lead %1").arg(leadId),
        call.source);

    raise(context, call, QStringLiteral("lead.created"),
        {{QStringLiteral("lead_id"), leadId}, {QStringLiteral("pre_lead_id"), call.id}},
        [&] { return recordPayload(context, leadKind(), leadId); });
    raise(context, call, QStringLiteral("pre_lead.converted"),
        {{QStringLiteral("pre_lead_id"), call.id}, {QStringLiteral("lead_id"), leadId}},
        [&] { return recordPayload(context, kind, call.id); });
    return crmOk(QStringLiteral("Pre-lead converted to lead successfully"),
        {{QStringLiteral("pre_lead_id"), call.id}, {QStringLiteral("lead_id"), leadId}});
}

} // namespace sb::leads
