#pragma once

#include "DashboardQueries.h"
#include "common/ConsoleView.h"

class QLabel;
class QTabWidget;
class QTimer;
class QTreeWidget;

namespace sb {

class DeliveryRateChart;
class DueTasksPanel;
class IntelligencePanels;
class Runtime;

// Today at a glance: inbound requests by provider, deliveries delivered/failed, new leads, the
// latest failures with a jump to their record, deliveries per minute over the last hour and the
// follow-up tasks due today or overdue (DueTasksPanel). Read
// on the reader thread; refreshed on a timer and, coalesced, whenever the event bus reports work.
class DashboardView : public ConsoleView
{
    Q_OBJECT
public:
    explicit DashboardView(Runtime &runtime, QWidget *parent = nullptr);

    void refresh() override;

    const DashboardSnapshot &snapshot() const { return m_snapshot; }
    // Number of completed reads (for tests: wait until it grows).
    int generation() const { return m_generation; }
    QTreeWidget *failuresList() const { return m_failures; }
    DeliveryRateChart *chart() const { return m_chart; }
    QTabWidget *tabs() const { return m_tabs; }
    IntelligencePanels *intelligence() const { return m_intelligence; }
    DueTasksPanel *tasks() const { return m_tasks; }

Q_SIGNALS:
    void openInboundRequest(const QString &id);
    void openDelivery(const QString &id);
    // Double-click on a hot lead or a waiting handover.
    void openLead(qint64 id);
    // A read finished and the view shows it.
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildCards();
    QWidget *buildProviders();
    QWidget *buildFailures();
    void scheduleRefresh();
    void present(DashboardSnapshot snapshot);
    void showFailures();
    void openFailure(int row);

    Runtime &m_runtime;
    DashboardSnapshot m_snapshot;
    QLabel *m_inbound;
    QLabel *m_inboundDetail;
    QLabel *m_delivered;
    QLabel *m_deliveredDetail;
    QLabel *m_failed;
    QLabel *m_failedDetail;
    QLabel *m_leads;
    QLabel *m_leadsDetail;
    QLabel *m_updated;
    QTreeWidget *m_providers;
    QTreeWidget *m_failures;
    DeliveryRateChart *m_chart;
    QTabWidget *m_tabs;
    IntelligencePanels *m_intelligence;
    DueTasksPanel *m_tasks;
    QTimer *m_coalesce;
    QTimer *m_periodic;
    bool m_inFlight = false;
    bool m_dirty = false;
    int m_generation = 0;
};

} // namespace sb
