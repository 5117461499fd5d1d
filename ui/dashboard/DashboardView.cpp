#include "DashboardView.h"

#include "DeliveryRateChart.h"
#include "DueTasksPanel.h"
#include "IntelligencePanels.h"
#include "common/WorkerQuery.h"
#include "runtime/Runtime.h"

#include <QDateTime>
#include <QFrame>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sb {

namespace {

constexpr int coalesceMs = 1000;
constexpr int periodicMs = 30000;

// A figure with its caption, framed as a card.
QFrame *card(
    const QString &caption, QLabel **value, QLabel **detail, const QString &objectName, QWidget *parent)
{
    auto *frame = new QFrame(parent);
    frame->setObjectName(objectName);
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setAutoFillBackground(true);
    frame->setBackgroundRole(QPalette::Base);
    auto *layout = new QVBoxLayout(frame);
    layout->setContentsMargins(14, 10, 14, 10);
    auto *title = new QLabel(caption, frame);
    title->setForegroundRole(QPalette::PlaceholderText);
    *value = new QLabel(QStringLiteral("–"), frame);
    (*value)->setObjectName(objectName + QStringLiteral("Value"));
    auto font = (*value)->font();
    font.setPointSizeF(font.pointSizeF() * 2.0);
    font.setBold(true);
    (*value)->setFont(font);
    layout->addWidget(title);
    layout->addWidget(*value);
    *detail = new QLabel(frame);
    (*detail)->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(*detail);
    return frame;
}

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    auto font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

qint64 startOfToday()
{
    return QDateTime(QDate::currentDate(), QTime(0, 0)).toMSecsSinceEpoch();
}

} // namespace

DashboardView::DashboardView(Runtime &runtime, QWidget *parent)
    : ConsoleView(parent)
    , m_runtime(runtime)
{
    // Two pages: today's traffic, and the sales intelligence panels (scrolled when the window is small).
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("dashboardTabs"));
    m_tabs->setDocumentMode(true);
    outer->addWidget(m_tabs);
    auto *today = new QWidget(m_tabs);
    m_intelligence = new IntelligencePanels(runtime, m_tabs);
    auto *scroll = new QScrollArea(m_tabs);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_intelligence);
    m_intelligence->setMinimumHeight(860);
    m_tabs->addTab(today, tr("Today"));
    m_tabs->addTab(scroll, IntelligencePanels::title());
    connect(m_intelligence, &IntelligencePanels::openLead, this, &DashboardView::openLead);

    m_chart = new DeliveryRateChart(today);
    auto *layout = new QVBoxLayout(today);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(10);

    auto *header = new QHBoxLayout;
    auto *title = heading(tr("Today"), this);
    auto font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    title->setFont(font);
    m_updated = new QLabel(this);
    m_updated->setObjectName(QStringLiteral("dashboardUpdated"));
    m_updated->setForegroundRole(QPalette::PlaceholderText);
    header->addWidget(title);
    header->addStretch(1);
    header->addWidget(m_updated);

    layout->addLayout(header);
    layout->addWidget(buildCards());

    auto *middle = new QHBoxLayout;
    middle->setSpacing(12);
    auto *providers = new QVBoxLayout;
    providers->addWidget(heading(tr("Inbound requests by provider"), this));
    providers->addWidget(buildProviders(), 1);
    auto *chart = new QVBoxLayout;
    chart->addWidget(heading(tr("Deliveries per minute, last hour"), this));
    chart->addWidget(m_chart, 1);
    middle->addLayout(providers, 2);
    middle->addLayout(chart, 3);
    layout->addLayout(middle, 2);
    // Bottom: the latest failures, and the follow-up tasks due today or overdue beside them.
    auto *bottom = new QHBoxLayout;
    bottom->setSpacing(12);
    auto *failures = new QVBoxLayout;
    failures->addWidget(heading(tr("Recent failures (last 24 hours)"), this));
    failures->addWidget(buildFailures(), 1);
    m_tasks = new DueTasksPanel(runtime, today);
    connect(m_tasks, &DueTasksPanel::openLead, this, &DashboardView::openLead);
    bottom->addLayout(failures, 3);
    bottom->addWidget(m_tasks, 2);
    layout->addLayout(bottom, 3);

    m_coalesce = new QTimer(this);
    m_coalesce->setSingleShot(true);
    m_coalesce->setInterval(coalesceMs);
    connect(m_coalesce, &QTimer::timeout, this, &DashboardView::refresh);
    m_periodic = new QTimer(this);
    m_periodic->setInterval(periodicMs);
    connect(m_periodic, &QTimer::timeout, this, &DashboardView::scheduleRefresh);
    m_periodic->start();

    auto &bus = runtime.bus();
    connect(&bus, &EventBus::inboundRecorded, this, &DashboardView::scheduleRefresh, Qt::QueuedConnection);
    connect(&bus, &EventBus::eventsPublished, this, &DashboardView::scheduleRefresh, Qt::QueuedConnection);
    connect(&bus, &EventBus::deliveriesQueued, this, &DashboardView::scheduleRefresh, Qt::QueuedConnection);
    connect(&bus, &EventBus::deliveryUpdated, this, &DashboardView::scheduleRefresh, Qt::QueuedConnection);
    // The intelligence panels change with messages, calls, leads and campaigns: every event batch.
    connect(&bus, &EventBus::inboundRecorded, m_intelligence, &IntelligencePanels::scheduleRefresh,
        Qt::QueuedConnection);
    connect(&bus, &EventBus::eventsPublished, m_intelligence, &IntelligencePanels::scheduleRefresh,
        Qt::QueuedConnection);
    refresh();
}

QWidget *DashboardView::buildCards()
{
    auto *cards = new QWidget(this);
    auto *layout = new QGridLayout(cards);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    layout->addWidget(
        card(tr("Inbound requests"), &m_inbound, &m_inboundDetail, QStringLiteral("cardInbound"), cards), 0,
        0);
    layout->addWidget(card(tr("Deliveries delivered"), &m_delivered, &m_deliveredDetail,
                          QStringLiteral("cardDelivered"), cards),
        0, 1);
    layout->addWidget(
        card(tr("Deliveries failed"), &m_failed, &m_failedDetail, QStringLiteral("cardFailed"), cards), 0, 2);
    layout->addWidget(
        card(tr("New leads"), &m_leads, &m_leadsDetail, QStringLiteral("cardLeads"), cards), 0, 3);
    for (int column = 0; column < 4; ++column)
        layout->setColumnStretch(column, 1);
    return cards;
}

QWidget *DashboardView::buildProviders()
{
    m_providers = new QTreeWidget(this);
    m_providers->setObjectName(QStringLiteral("dashboardProviders"));
    m_providers->setRootIsDecorated(false);
    m_providers->setHeaderLabels({tr("Provider"), tr("Requests"), tr("Rejected")});
    m_providers->setSelectionMode(QAbstractItemView::NoSelection);
    m_providers->setFocusPolicy(Qt::NoFocus);
    m_providers->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_providers->header()->setStretchLastSection(false);
    return m_providers;
}

QWidget *DashboardView::buildFailures()
{
    m_failures = new QTreeWidget(this);
    m_failures->setObjectName(QStringLiteral("dashboardFailures"));
    m_failures->setRootIsDecorated(false);
    m_failures->setHeaderLabels({tr("Time"), tr("Kind"), tr("What"), tr("HTTP"), tr("Reason"), QString()});
    m_failures->setAlternatingRowColors(true);
    m_failures->setSelectionMode(QAbstractItemView::SingleSelection);
    m_failures->header()->setStretchLastSection(false);
    m_failures->header()->setSectionResizeMode(4, QHeaderView::Stretch);
    const auto metrics = m_failures->fontMetrics();
    m_failures->setColumnWidth(0, metrics.horizontalAdvance(QStringLiteral("00:00:00")) + 24);
    m_failures->setColumnWidth(1, metrics.horizontalAdvance(tr("Delivery")) + 40);
    m_failures->setColumnWidth(
        2, metrics.horizontalAdvance(QStringLiteral("POST /api/webhooks/twilio/sms/incoming")) + 20);
    m_failures->setColumnWidth(3, metrics.horizontalAdvance(QStringLiteral("HTTP")) + 20);
    m_failures->setColumnWidth(5, metrics.horizontalAdvance(tr("Open")) + 40);
    // Enter or a double click opens a failure too; the button is the one-click way.
    connect(m_failures, &QTreeWidget::itemActivated, this,
        [this](QTreeWidgetItem *item) { openFailure(m_failures->indexOfTopLevelItem(item)); });
    return m_failures;
}

void DashboardView::scheduleRefresh()
{
    // Coalesce bursts (a webhook storm publishes thousands of batches) into one read per second.
    if (!m_coalesce->isActive())
        m_coalesce->start();
}

void DashboardView::showEvent(QShowEvent *event)
{
    ConsoleView::showEvent(event);
    if (m_dirty)
        refresh();
}

void DashboardView::refresh()
{
    // A hidden dashboard reads nothing; it catches up when shown.
    if (!isVisible() && m_generation > 0) {
        m_dirty = true;
        return;
    }
    if (m_inFlight) {
        m_dirty = true;
        return;
    }
    m_inFlight = true;
    m_dirty = false;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 dayStart = startOfToday();
    runOnWorker(
        m_runtime.reader(), this,
        [now, dayStart](SqlContext &sql) { return DashboardQueries::load(sql, now, dayStart); },
        [this](DashboardSnapshot snapshot, const QString &error) {
            m_inFlight = false;
            if (error.isEmpty())
                present(std::move(snapshot));
            else
                m_updated->setText(tr("Could not read the statistics: %1").arg(error));
            if (m_dirty)
                scheduleRefresh();
        });
}

void DashboardView::present(DashboardSnapshot snapshot)
{
    m_snapshot = std::move(snapshot);
    const QLocale locale;
    m_inbound->setText(locale.toString(m_snapshot.inboundTotal));
    m_inboundDetail->setText(tr("%n rejected", nullptr, m_snapshot.inboundRejected));
    m_delivered->setText(locale.toString(m_snapshot.deliveriesDelivered));
    m_failed->setText(locale.toString(m_snapshot.deliveriesFailed));
    m_failedDetail->setText(tr("%n still pending", nullptr, m_snapshot.deliveriesPending));
    m_leads->setText(locale.toString(m_snapshot.newLeads));
    m_leadsDetail->setText(tr("from CRM webhooks and new senders"));
    const int finished = m_snapshot.deliveriesDelivered + m_snapshot.deliveriesFailed;
    m_deliveredDetail->setText(finished == 0
            ? tr("none finished yet")
            : tr("%1% of finished deliveries")
                  .arg(locale.toString(100.0 * m_snapshot.deliveriesDelivered / finished, 'f', 0)));
    m_failed->setStyleSheet(m_snapshot.deliveriesFailed > 0 ? QStringLiteral("color: #d93f3f;") : QString());

    m_providers->clear();
    for (const auto &count : m_snapshot.inboundByProvider) {
        auto *item = new QTreeWidgetItem(
            m_providers, {count.provider, locale.toString(count.requests), locale.toString(count.rejected)});
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
    }
    if (m_snapshot.inboundByProvider.empty()) {
        auto *item = new QTreeWidgetItem(m_providers, {tr("No requests today")});
        item->setForeground(0, palette().color(QPalette::PlaceholderText));
    }
    m_chart->setMinutes(m_snapshot.perMinute, m_snapshot.chartEndMinute);
    showFailures();
    m_updated->setText(
        tr("Updated %1").arg(locale.toString(QTime::currentTime(), QStringLiteral("HH:mm:ss"))));
    ++m_generation;
    Q_EMIT refreshed();
}

void DashboardView::showFailures()
{
    m_failures->clear();
    const QLocale locale;
    const auto today = QDate::currentDate();
    for (int row = 0; row < int(m_snapshot.failures.size()); ++row) {
        const auto &failure = m_snapshot.failures[size_t(row)];
        const auto at = QDateTime::fromMSecsSinceEpoch(failure.atMs);
        const bool inbound = failure.kind == DashboardSnapshot::Failure::Kind::Inbound;
        auto *item = new QTreeWidgetItem(m_failures);
        item->setText(0,
            locale.toString(
                at, at.date() == today ? QStringLiteral("HH:mm:ss") : QStringLiteral("d MMM HH:mm")));
        item->setText(1, inbound ? tr("Inbound") : tr("Delivery"));
        item->setText(2, failure.what);
        item->setText(3, failure.httpStatus > 0 ? QString::number(failure.httpStatus) : QStringLiteral("–"));
        item->setText(4, failure.reason);
        item->setToolTip(4, failure.reason);
        item->setToolTip(2, failure.what);
        item->setForeground(3, DeliveryRateChart::failedColor());
        auto *open = new QPushButton(tr("Open"), m_failures);
        open->setToolTip(
            inbound ? tr("Show this request in Inbound requests") : tr("Show this delivery in Deliveries"));
        open->setObjectName(QStringLiteral("openFailure%1").arg(row));
        connect(open, &QPushButton::clicked, this, [this, row] { openFailure(row); });
        m_failures->setItemWidget(item, 5, open);
    }
    if (m_snapshot.failures.empty()) {
        auto *item = new QTreeWidgetItem(m_failures);
        item->setText(2, tr("No failures in the last 24 hours"));
        item->setForeground(2, palette().color(QPalette::PlaceholderText));
        item->setFlags(Qt::NoItemFlags);
    }
}

void DashboardView::openFailure(int row)
{
    if (row < 0 || row >= int(m_snapshot.failures.size()))
        return;
    const auto &failure = m_snapshot.failures[size_t(row)];
    if (failure.kind == DashboardSnapshot::Failure::Kind::Inbound)
        Q_EMIT openInboundRequest(failure.id);
    else
        Q_EMIT openDelivery(failure.id);
}

} // namespace sb
