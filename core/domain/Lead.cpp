#include "Lead.h"

#include "EnumNames.h"

namespace sb {

namespace {

constexpr EnumNameTable<LeadStatus, 7> statuses {{
    {LeadStatus::New, "new"},
    {LeadStatus::Contacted, "contacted"},
    {LeadStatus::Qualified, "qualified"},
    {LeadStatus::ProposalSent, "proposal_sent"},
    {LeadStatus::Negotiation, "negotiation"},
    {LeadStatus::Won, "won"},
    {LeadStatus::Lost, "lost"},
}};

constexpr EnumNameTable<LeadLifecycle, 3> lifecycles {{
    {LeadLifecycle::Active, "active"},
    {LeadLifecycle::Discarded, "discarded"},
    {LeadLifecycle::Converted, "converted"},
}};

constexpr EnumNameTable<LeadPriority, 4> priorities {{
    {LeadPriority::Low, "low"},
    {LeadPriority::Medium, "medium"},
    {LeadPriority::High, "high"},
    {LeadPriority::Critical, "critical"},
}};

} // namespace

QString leadStatusName(LeadStatus status)
{
    return enumName(statuses, status);
}
std::optional<LeadStatus> leadStatusFromName(QStringView name)
{
    return enumFromName(statuses, name);
}
QList<LeadStatus> allLeadStatuses()
{
    QList<LeadStatus> all;
    for (const auto &entry : statuses)
        all.append(entry.first);
    return all;
}

QString leadLifecycleName(LeadLifecycle lifecycle)
{
    return enumName(lifecycles, lifecycle);
}
std::optional<LeadLifecycle> leadLifecycleFromName(QStringView name)
{
    return enumFromName(lifecycles, name);
}

QString leadPriorityName(LeadPriority priority)
{
    return enumName(priorities, priority);
}
std::optional<LeadPriority> leadPriorityFromName(QStringView name)
{
    return enumFromName(priorities, name);
}
QList<LeadPriority> allLeadPriorities()
{
    QList<LeadPriority> all;
    for (const auto &entry : priorities)
        all.append(entry.first);
    return all;
}

QString Lead::name() const
{
    return QStringList {firstName, lastName}.join(QLatin1Char(' ')).trimmed();
}

} // namespace sb
