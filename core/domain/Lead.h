#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <optional>

namespace sb {

// Seed 002's lead_status values, in pipeline order.
enum class LeadStatus
{
    New,
    Contacted,
    Qualified,
    ProposalSent,
    Negotiation,
    Won,
    Lost
};
// "new", "contacted", "qualified", "proposal_sent", "negotiation", "won", "lost"
QString leadStatusName(LeadStatus status);
std::optional<LeadStatus> leadStatusFromName(QStringView name);
QList<LeadStatus> allLeadStatuses();

// Where a pre-lead or lead is in its life: worked on, discarded, or converted (to a lead or a
// customer). Status history records the last two as steps too.
enum class LeadLifecycle
{
    Active,
    Discarded,
    Converted
};
// "active", "discarded", "converted"
QString leadLifecycleName(LeadLifecycle lifecycle);
std::optional<LeadLifecycle> leadLifecycleFromName(QStringView name);

enum class LeadPriority
{
    Low,
    Medium,
    High,
    Critical
};
// "low", "medium", "high", "critical"
QString leadPriorityName(LeadPriority priority);
std::optional<LeadPriority> leadPriorityFromName(QStringView name);
QList<LeadPriority> allLeadPriorities();

// One lead (table `leads`). Text fields that the seed leaves open (source) stay text.
struct Lead
{
    qint64 id = 0;
    std::optional<qint64> preLeadId;
    QString firstName;
    QString lastName;
    QString email;
    QString phone;
    QString phoneE164;
    QString companyName;
    QString source;
    LeadPriority priority = LeadPriority::Medium;
    LeadStatus status = LeadStatus::New;
    std::optional<double> expectedValue;
    std::optional<qint64> assignedTo;
    LeadLifecycle lifecycle = LeadLifecycle::Active;
    QString discardReason;
    QString lossReason;
    std::optional<qint64> customerId;
    bool doNotContact = false;
    QString doNotContactReason;
    QJsonObject attributes;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;

    // "First Last", or empty.
    QString name() const;
};

} // namespace sb
