#include "LeadLabels.h"

#include <QHash>

namespace sb {

QString LeadLabels::status(const QString &status)
{
    if (status == QLatin1String("new"))
        return tr("New");
    if (status == QLatin1String("contacted"))
        return tr("Contacted");
    if (status == QLatin1String("qualified"))
        return tr("Qualified");
    if (status == QLatin1String("proposal_sent"))
        return tr("Proposal sent");
    if (status == QLatin1String("negotiation"))
        return tr("Negotiation");
    if (status == QLatin1String("won"))
        return tr("Won");
    if (status == QLatin1String("lost"))
        return tr("Lost");
    if (status == QLatin1String("discarded"))
        return tr("Discarded");
    if (status == QLatin1String("converted"))
        return tr("Converted");
    return status;
}

QString LeadLabels::priority(const QString &priority)
{
    if (priority == QLatin1String("low"))
        return tr("Low");
    if (priority == QLatin1String("medium"))
        return tr("Medium");
    if (priority == QLatin1String("high"))
        return tr("High");
    if (priority == QLatin1String("critical"))
        return tr("Critical");
    return priority;
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

QString LeadLabels::lifecycle(const QString &lifecycle)
{
    if (lifecycle == QLatin1String("discarded"))
        return tr("discarded");
    if (lifecycle == QLatin1String("converted"))
        return tr("converted to customer");
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

QColor LeadLabels::statusColor(const QString &status)
{
    // Mid tones that read on light and dark palettes, as the inbound status dots.
    if (status == QLatin1String("won"))
        return QColor(0x2e, 0xa0, 0x43);
    if (status == QLatin1String("lost"))
        return QColor(0xd9, 0x3f, 0x3f);
    if (status == QLatin1String("negotiation") || status == QLatin1String("proposal_sent"))
        return QColor(0xd0, 0x8c, 0x1a);
    if (status == QLatin1String("qualified"))
        return QColor(0x2f, 0x7d, 0xd1);
    return QColor(0x8a, 0x8f, 0x98);
}

} // namespace sb
