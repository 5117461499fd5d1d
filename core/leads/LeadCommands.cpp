#include "LeadCommands.h"

#include "LeadCommandSet.h"
#include "domain/Lead.h"

namespace sb {

const QStringList &leadStatuses()
{
    static const QStringList values = [] {
        QStringList names;
        for (const auto status : allLeadStatuses())
            names.append(leadStatusName(status));
        return names;
    }();
    return values;
}

const QStringList &leadPriorities()
{
    static const QStringList values = [] {
        QStringList names;
        for (const auto priority : allLeadPriorities())
            names.append(leadPriorityName(priority));
        return names;
    }();
    return values;
}

const QStringList &leadSources()
{
    static const QStringList values {QStringLiteral("website"), QStringLiteral("referral"),
        QStringLiteral("social_media"), QStringLiteral("cold_call"), QStringLiteral("walk_in"),
        QStringLiteral("whatsapp"), QStringLiteral("email"), QStringLiteral("erp"), QStringLiteral("direct"),
        QStringLiteral("other")};
    return values;
}

const QStringList &memoTypes()
{
    static const QStringList values {QStringLiteral("general"), QStringLiteral("follow_up"),
        QStringLiteral("meeting"), QStringLiteral("call"), QStringLiteral("email")};
    return values;
}

const QStringList &activityTypes()
{
    static const QStringList values {QStringLiteral("call"), QStringLiteral("email"),
        QStringLiteral("meeting"), QStringLiteral("task"), QStringLiteral("note")};
    return values;
}

// The one place that binds seed 002's events to endpoints and commands; CrmRoutes registers a route
// per non-empty path and the generic /incoming router dispatches by event name.
const std::vector<LeadEventSpec> &leadEvents()
{
    using S = LeadEventSpec::Subject;
    using leads::onRecord;
    static const std::vector<LeadEventSpec> events {
        {QStringLiteral("new_inquiry"), QStringLiteral("pre-lead/create"), S::None,
            onRecord<leads::createRecord, leads::preLeadKind>},
        {QStringLiteral("pre_lead_update"), QStringLiteral("pre-lead/{id}/update"), S::PreLead,
            onRecord<leads::updateRecord, leads::preLeadKind>},
        {QStringLiteral("pre_lead_discard"), QStringLiteral("pre-lead/{id}/discard"), S::PreLead,
            onRecord<leads::discardRecord, leads::preLeadKind>},
        {QStringLiteral("pre_lead_contact_add"), QStringLiteral("pre-lead/{id}/contact/add"), S::PreLead,
            onRecord<leads::addContact, leads::preLeadKind>},
        {QStringLiteral("pre_lead_memo_add"), QStringLiteral("pre-lead/{id}/memo/add"), S::PreLead,
            onRecord<leads::addMemo, leads::preLeadKind>},
        {QStringLiteral("pre_lead_status_update"), QStringLiteral("pre-lead/{id}/status/update"), S::PreLead,
            onRecord<leads::updateRecordStatus, leads::preLeadKind>},
        {QStringLiteral("pre_lead_convert"), QStringLiteral("pre-lead/{id}/convert"), S::PreLead,
            leads::preLeadConvert},

        {QStringLiteral("new_lead"), QStringLiteral("lead/create"), S::None,
            onRecord<leads::createRecord, leads::leadKind>},
        {QStringLiteral("lead_update"), QStringLiteral("lead/{id}/update"), S::Lead,
            onRecord<leads::updateRecord, leads::leadKind>},
        {QStringLiteral("lead_discard"), QStringLiteral("lead/{id}/discard"), S::Lead,
            onRecord<leads::discardRecord, leads::leadKind>},
        {QStringLiteral("lead_contact_add"), QStringLiteral("lead/{id}/contact/add"), S::Lead,
            onRecord<leads::addContact, leads::leadKind>},
        {QStringLiteral("lead_activity_add"), QStringLiteral("lead/{id}/activity/add"), S::Lead,
            leads::leadActivityAdd},
        {QStringLiteral("lead_qualified_profile_update"),
            QStringLiteral("lead/{id}/qualified-profile/update"), S::Lead, leads::leadQualifiedProfileUpdate},
        {QStringLiteral("lead_memo_add"), QStringLiteral("lead/{id}/memo/add"), S::Lead,
            onRecord<leads::addMemo, leads::leadKind>},
        {QStringLiteral("lead_status_update"), QStringLiteral("lead/{id}/status/update"), S::Lead,
            onRecord<leads::updateRecordStatus, leads::leadKind>},
        {QStringLiteral("lead_convert"), QStringLiteral("lead/{id}/convert"), S::Lead, leads::leadConvert},

        // Seed 002 gives these no endpoint of their own: only the generic /incoming router.
        {QStringLiteral("order_created"), QString(), S::Customer, leads::orderCreated},
        {QStringLiteral("payment_received"), QString(), S::Customer, leads::paymentReceived},
    };
    return events;
}

} // namespace sb
