#pragma once

#include "storage/IntelligenceQueries.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTimer;
class QTreeWidget;

namespace sb {

class Runtime;
class CallsChart;
class SendHoursChart;

// The Dashboard's intelligence page (issue 14): the lead pipeline, response rates by channel, best
// send hours, the campaign leaderboard, the hottest leads, the handovers waiting and the calls per day
// with their outcomes and sentiment — the figures of
// GET /api/intelligence/dashboard, read with the same storage function on the reader thread. Refreshed
// on the dashboard's live events, at most every few seconds, and only while it is on screen.
class IntelligencePanels : public QWidget
{
    Q_OBJECT
public:
    explicit IntelligencePanels(Runtime &runtime, QWidget *parent = nullptr);

    static QString title();
    // A campaign state as the console shows it.
    static QString stateLabel(const QString &state);
    // sms, email, voice as the console names them.
    static QString channelLabel(const QString &channel);

    void refresh();
    void scheduleRefresh();

    const IntelligenceSnapshot &snapshot() const { return m_snapshot; }
    int generation() const { return m_generation; }
    int days() const;
    void setDays(int days);

    QTreeWidget *pipeline() const { return m_pipeline; }
    QTreeWidget *responseRates() const { return m_rates; }
    QTreeWidget *leaderboard() const { return m_leaderboard; }
    QTreeWidget *hottestLeads() const { return m_hottest; }
    QTreeWidget *handovers() const { return m_handovers; }
    QLabel *handoverCount() const { return m_handoverCount; }
    QLabel *bestHours() const { return m_bestHours; }
    SendHoursChart *hoursChart() const { return m_chart; }
    CallsChart *callsChart() const { return m_callsChart; }
    QLabel *callsSummary() const { return m_callsSummary; }
    QTreeWidget *callOutcomes() const { return m_callOutcomes; }
    // "8 calls · 4 answered · avg 2:40" (also the lead view's line; empty figures: "No calls").
    static QString callsLine(const CallAnalytics::Figures &figures);

Q_SIGNALS:
    void openLead(qint64 id);
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void present(IntelligenceSnapshot snapshot);
    void showPipeline();
    void showRates();
    void showLeaderboard();
    void showHottest();
    void showHandovers();
    void showCalls();

    Runtime &m_runtime;
    IntelligenceSnapshot m_snapshot;
    QComboBox *m_window;
    QLabel *m_updated;
    QTreeWidget *m_pipeline;
    QTreeWidget *m_rates;
    QTreeWidget *m_leaderboard;
    QTreeWidget *m_hottest;
    QTreeWidget *m_handovers;
    QLabel *m_handoverCount;
    QLabel *m_bestHours;
    SendHoursChart *m_chart;
    CallsChart *m_callsChart;
    QLabel *m_callsSummary;
    QTreeWidget *m_callOutcomes;
    QTimer *m_throttle;
    bool m_inFlight = false;
    bool m_dirty = false;
    int m_generation = 0;
};

} // namespace sb
