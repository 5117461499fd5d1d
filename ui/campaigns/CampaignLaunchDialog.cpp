#include "CampaignLaunchDialog.h"

#include "CampaignListModel.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTimeZone>
#include <QVBoxLayout>

namespace sb {

QString CampaignLaunchDialog::summary(const QJsonObject &campaign)
{
    const auto channel = campaign.value(QStringLiteral("channel")).toString();
    const auto recipients = campaign.value(QStringLiteral("audienceCount")).toInteger();
    const auto throttle = campaign.value(QStringLiteral("throttlePerMinute")).toInteger();
    auto service = campaign.value(QStringLiteral("serviceName")).toString();
    if (service.isEmpty())
        service = channel == QLatin1String("email") ? tr("the default email service")
                                                    : tr("the default SMS service");
    const auto messages = CampaignLabels::messages(recipients, channel);
    const auto duration = CampaignLabels::expectedDuration(recipients, throttle);
    if (throttle <= 0)
        return tr("%1 through %2, no throttle: %3").arg(messages, service, duration);
    return tr("%1 through %2 at %3/min: %4").arg(messages, service, QString::number(throttle), duration);
}

CampaignLaunchDialog::CampaignLaunchDialog(const QJsonObject &campaign, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("campaignLaunchDialog"));
    m_id = campaign.value(QStringLiteral("id")).toInteger();
    setWindowTitle(tr("Launch “%1”").arg(campaign.value(QStringLiteral("name")).toString()));
    const auto recipients = campaign.value(QStringLiteral("audienceCount")).toInteger();
    m_summary = new QLabel(summary(campaign), this);
    m_summary->setObjectName(QStringLiteral("launchSummary"));
    m_summary->setWordWrap(true);
    auto font = m_summary->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.1);
    m_summary->setFont(font);

    QStringList details;
    const auto excluded = campaign.value(QStringLiteral("audienceDoNotContact")).toInteger();
    if (excluded > 0)
        details.append(excluded == 1
                ? tr("1 do-not-contact lead of the audience is excluded.")
                : tr("%1 do-not-contact leads of the audience are excluded.").arg(excluded));
    const auto at
        = QDateTime::fromString(campaign.value(QStringLiteral("scheduledAt")).toString(), Qt::ISODateWithMs);
    if (at.isValid() && at > QDateTime::currentDateTimeUtc())
        details.append(tr("It is scheduled: sending starts at %1 (%2).")
                           .arg(QLocale().toString(at.toLocalTime(), QLocale::LongFormat),
                               QString::fromUtf8(QTimeZone::systemTimeZoneId())));
    else
        details.append(tr("Sending starts now. You can pause or cancel it at any time."));
    if (recipients == 0)
        details.append(tr("No lead matches the audience: there is nobody to send to."));
    m_details = new QLabel(details.join(QLatin1Char('\n')), this);
    m_details->setObjectName(QStringLiteral("launchDetails"));
    m_details->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(this);
    m_launch = buttons->addButton(tr("Launch"), QDialogButtonBox::AcceptRole);
    m_launch->setObjectName(QStringLiteral("launchConfirm"));
    m_launch->setEnabled(recipients > 0);
    m_launch->setDefault(true);
    auto *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("launchCancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addSpacing(6);
    layout->addWidget(m_details);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(480);
}

QString CampaignLaunchDialog::text() const
{
    return m_summary->text() + QLatin1Char('\n') + m_details->text();
}

} // namespace sb
