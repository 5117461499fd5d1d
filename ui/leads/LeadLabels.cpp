#include "LeadLabels.h"

#include <QHash>

namespace sb {

QString LeadLabels::status(LeadStatus status)
{
    switch (status) {
    case LeadStatus::New:
        return tr("New");
    case LeadStatus::Contacted:
        return tr("Contacted");
    case LeadStatus::Qualified:
        return tr("Qualified");
    case LeadStatus::ProposalSent:
        return tr("Proposal sent");
    case LeadStatus::Negotiation:
        return tr("Negotiation");
    case LeadStatus::Won:
        return tr("Won");
    case LeadStatus::Lost:
        return tr("Lost");
    }
    return {};
}

QString LeadLabels::status(const QString &status)
{
    // Status history also records the lifecycle steps (discarded, converted) as statuses.
    if (const auto known = leadStatusFromName(status))
        return LeadLabels::status(*known);
    if (const auto step = leadLifecycleFromName(status)) {
        if (*step == LeadLifecycle::Discarded)
            return tr("Discarded");
        if (*step == LeadLifecycle::Converted)
            return tr("Converted");
    }
    return status;
}

QString LeadLabels::priority(LeadPriority priority)
{
    switch (priority) {
    case LeadPriority::Low:
        return tr("Low");
    case LeadPriority::Medium:
        return tr("Medium");
    case LeadPriority::High:
        return tr("High");
    case LeadPriority::Critical:
        return tr("Critical");
    }
    return {};
}

QString LeadLabels::priority(const QString &priority)
{
    const auto known = leadPriorityFromName(priority);
    return known ? LeadLabels::priority(*known) : priority;
}

QString LeadLabels::source(const QString &source)
{
    if (source == QLatin1String("website"))
        return tr("Website");
    if (source == QLatin1String("referral"))
        return tr("Referral");
    if (source == QLatin1String("social_media"))
        return tr("Social media");
    if (source == QLatin1String("cold_call"))
        return tr("Cold call");
    if (source == QLatin1String("walk_in"))
        return tr("Walk-in");
    if (source == QLatin1String("whatsapp"))
        return tr("WhatsApp");
    if (source == QLatin1String("email"))
        return tr("Email");
    if (source == QLatin1String("erp"))
        return tr("ERP");
    if (source == QLatin1String("direct"))
        return tr("Direct");
    if (source == QLatin1String("other"))
        return tr("Other");
    // Leads created by a provider callback from an unknown sender: the provider's own name.
    static const QHash<QString, QString> providers {{QStringLiteral("twilio"), QStringLiteral("Twilio")},
        {QStringLiteral("signalwire"), QStringLiteral("SignalWire")},
        {QStringLiteral("mailgun"), QStringLiteral("Mailgun")},
        {QStringLiteral("elevenlabs"), QStringLiteral("ElevenLabs")}};
    return providers.value(source, source);
}

QString LeadLabels::lifecycle(LeadLifecycle lifecycle)
{
    switch (lifecycle) {
    case LeadLifecycle::Discarded:
        return tr("discarded");
    case LeadLifecycle::Converted:
        return tr("converted to customer");
    case LeadLifecycle::Active:
        break;
    }
    return tr("active");
}

QString LeadLabels::memoType(const QString &type)
{
    if (type == QLatin1String("general"))
        return tr("General");
    if (type == QLatin1String("follow_up"))
        return tr("Follow-up");
    if (type == QLatin1String("meeting"))
        return tr("Meeting");
    if (type == QLatin1String("call"))
        return tr("Call");
    if (type == QLatin1String("email"))
        return tr("Email");
    return type;
}

QString LeadLabels::activityType(const QString &type)
{
    if (type == QLatin1String("call"))
        return tr("Call");
    if (type == QLatin1String("email"))
        return tr("Email");
    if (type == QLatin1String("meeting"))
        return tr("Meeting");
    if (type == QLatin1String("task"))
        return tr("Task");
    if (type == QLatin1String("note"))
        return tr("Note");
    return type;
}

QColor LeadLabels::statusColor(LeadStatus status)
{
    // Mid tones that read on light and dark palettes, as the inbound status dots.
    switch (status) {
    case LeadStatus::Won:
        return QColor(0x2e, 0xa0, 0x43);
    case LeadStatus::Lost:
        return QColor(0xd9, 0x3f, 0x3f);
    case LeadStatus::Negotiation:
    case LeadStatus::ProposalSent:
        return QColor(0xd0, 0x8c, 0x1a);
    case LeadStatus::Qualified:
        return QColor(0x2f, 0x7d, 0xd1);
    case LeadStatus::New:
    case LeadStatus::Contacted:
        break;
    }
    return QColor(0x8a, 0x8f, 0x98);
}

} // namespace sb
