#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QWidget>

class QLabel;
class QStackedWidget;
class QTimer;
class QTreeWidget;

namespace sb {

class Runtime;
class EmptyState;
class FunnelBar;

// Sends by hour of day (bars) and the share of them that got a reply (a line over 0–100 %), painted
// like the dashboard's delivery chart. Hours are the campaign's time zone's.
class CampaignHourChart : public QWidget
{
    Q_OBJECT
public:
    struct Hour
    {
        int hour = 0;
        qint64 sent = 0;
        qint64 replied = 0;
    };

    explicit CampaignHourChart(QWidget *parent = nullptr);
    void setHours(const QList<Hour> &hours);
    const QList<Hour> &hours() const { return m_hours; }

    QSize sizeHint() const override { return {440, 200}; }
    QSize minimumSizeHint() const override { return {260, 140}; }

    static QColor sentColor();
    static QColor responseColor();

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRectF plotArea() const;
    int hourAt(const QPointF &position) const;

    QList<Hour> m_hours; // by hour of day, only hours with sends
    qint64 m_sent[24] = {};
    qint64 m_replied[24] = {};
};

// A campaign's analytics as GET /api/campaigns/{id}/analytics answers them (CampaignRepository::
// analytics, read on the runtime's reader): the funnel total → sent → delivered → opened → clicked →
// replied with counts and % of total, bounced / failed / unsubscribed / do-not-contact beside it, the
// rates, sends and response rate by hour of day and the hourly timeline. While the campaign runs it
// refreshes every few seconds and on new events (at most once a second). A draft shows an empty state.
class CampaignAnalyticsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit CampaignAnalyticsPanel(Runtime &runtime, QWidget *parent = nullptr);

    void showCampaign(qint64 campaignId);
    qint64 campaignId() const { return m_campaignId; }
    // Re-reads now.
    void reload();

    // What is shown (tests): the analytics answer, the campaign's state name, empty state or not.
    const QJsonObject &analytics() const { return m_analytics; }
    QString state() const { return m_state; }
    bool showsEmptyState() const;
    // The funnel's count label text for a step ("total", "sent", ... "replied").
    QString funnelText(const QString &step) const;

    static constexpr int runningRefreshMs = 3000;
    static constexpr int coalesceMs = 1000;

Q_SIGNALS:
    void loaded();

private:
    struct Data;
    void scheduleReload();
    void apply(const Data &data, const QString &error);

    Runtime &m_runtime;
    qint64 m_campaignId = 0;
    int m_request = 0;
    QJsonObject m_analytics;
    QString m_state;

    QLabel *m_title;
    QLabel *m_note;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
    QHash<QString, QLabel *> m_funnelCounts;
    QHash<QString, FunnelBar *> m_funnelBars;
    QHash<QString, QLabel *> m_sideCounts;
    QHash<QString, QLabel *> m_rates;
    CampaignHourChart *m_hours;
    QTreeWidget *m_timeline;
    QTimer *m_periodic;
    QTimer *m_coalesce;
};

} // namespace sb
