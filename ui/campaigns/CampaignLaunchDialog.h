#pragma once

#include <QDialog>
#include <QJsonObject>

class QLabel;
class QPushButton;

namespace sb {

// "Launch this campaign?": how many recipients, on which channel and service, at what throttle and
// for about how long ("312 SMS through Twilio Sales at 60/min: about 5 min 12 s"), the excluded
// do-not-contact leads and when it starts. Launch / Cancel.
class CampaignLaunchDialog : public QDialog
{
    Q_OBJECT
public:
    // `campaign`: GET /api/campaigns/{id}'s JSON (with audienceCount), plus "serviceName".
    explicit CampaignLaunchDialog(const QJsonObject &campaign, QWidget *parent = nullptr);

    qint64 campaignId() const { return m_id; }
    // The one-line summary ("312 SMS through Twilio Sales at 60/min: about 5 min 12 s").
    static QString summary(const QJsonObject &campaign);
    QString text() const;
    QPushButton *launchButton() const { return m_launch; }

private:
    qint64 m_id = 0;
    QLabel *m_summary;
    QLabel *m_details;
    QPushButton *m_launch;
};

} // namespace sb
