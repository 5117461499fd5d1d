#include "IntelligencePanels.h"

#include "CallsChart.h"
#include "SendHoursChart.h"
#include "common/DisplayText.h"
#include "common/WorkerQuery.h"
#include "domain/Campaign.h"
#include "domain/Handover.h"
#include "domain/Lead.h"
#include "domain/Messaging.h"
#include "leads/LeadLabels.h"
#include "runtime/Runtime.h"

#include <QComboBox>
#include <QDateTime>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sb {

namespace {

// The intelligence read scans leads and a month of messages: at most one every five seconds.
constexpr int throttleMs = 5000;
constexpr int leadIdRole = Qt::UserRole + 1;

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    auto font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

QTreeWidget *table(const QString &objectName, const QStringList &headers, int stretchColumn, QWidget *parent)
{
    auto *tree = new QTreeWidget(parent);
    tree->setObjectName(objectName);
    tree->setRootIsDecorated(false);
    tree->setHeaderLabels(headers);
    tree->setSelectionMode(QAbstractItemView::SingleSelection);
    tree->header()->setStretchLastSection(false);
    tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    tree->header()->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    return tree;
}

QWidget *panel(const QString &title, QWidget *content, QWidget *parent, QWidget *extra = nullptr)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(heading(title, box));
    if (extra)
        layout->addWidget(extra);
    layout->addWidget(content, 1);
    return box;
}

// A grey line in an empty list that says what fills it.
void emptyRow(QTreeWidget *tree, const QString &text)
{
    auto *item = new QTreeWidgetItem(tree);
    item->setText(0, text);
    item->setForeground(0, tree->palette().color(QPalette::PlaceholderText));
    item->setToolTip(0, text);
    item->setFlags(Qt::NoItemFlags);
    item->setFirstColumnSpanned(true);
}

QString percent(double rate)
{
    return QLocale().toString(100.0 * rate, 'f', 0) + QLatin1Char('%');
}

void alignRight(QTreeWidgetItem *item, int from)
{
    for (int column = from; column < item->columnCount(); ++column)
        item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
}

} // namespace

QString IntelligencePanels::stateLabel(const QString &state)
{
    switch (campaignStateFromName(state).value_or(CampaignState::Draft)) {
    case CampaignState::Draft:
        return state == campaignStateName(CampaignState::Draft) ? tr("Draft") : state;
    case CampaignState::Scheduled:
        return tr("Scheduled");
    case CampaignState::Running:
        return tr("Running");
    case CampaignState::Paused:
        return tr("Paused");
    case CampaignState::Completed:
        return tr("Completed");
    case CampaignState::Cancelled:
        return tr("Cancelled");
    }
    return state;
}

QString IntelligencePanels::channelLabel(const QString &channel)
{
    switch (channelFromName(channel).value_or(Channel::Chat)) {
    case Channel::Sms:
        return tr("SMS");
    case Channel::Email:
        return tr("Email");
    case Channel::Voice:
        return tr("Voice");
    case Channel::Push:
    case Channel::Chat:
        break;
    }
    return channel;
}

IntelligencePanels::IntelligencePanels(Runtime &runtime, QWidget *parent)
    : QWidget(parent)
    , m_runtime(runtime)
{
    setObjectName(QStringLiteral("intelligencePanels"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(10);

    auto *header = new QHBoxLayout;
    m_window = new QComboBox(this);
    m_window->setObjectName(QStringLiteral("intelligenceWindow"));
    for (const int days : {7, 30, 90, 365})
        m_window->addItem(tr("Last %n days", nullptr, days), days);
    m_window->setCurrentIndex(1);
    m_updated = new QLabel(this);
    m_updated->setObjectName(QStringLiteral("intelligenceUpdated"));
    m_updated->setForegroundRole(QPalette::PlaceholderText);
    auto *windowLabel = new QLabel(tr("Rates and send hours over"), this);
    header->addWidget(windowLabel);
    header->addWidget(m_window);
    header->addStretch(1);
    header->addWidget(m_updated);
    layout->addLayout(header);
    connect(m_window, &QComboBox::currentIndexChanged, this, &IntelligencePanels::refresh);

    m_pipeline
        = table(QStringLiteral("intelligencePipeline"), {tr("Status"), tr("Leads"), tr("Value")}, 0, this);
    m_rates = table(
        QStringLiteral("intelligenceRates"), {tr("Channel"), tr("Sent"), tr("Replied"), tr("Rate")}, 0, this);
    m_handovers
        = table(QStringLiteral("intelligenceHandovers"), {tr("Lead"), tr("Reason"), tr("Waiting")}, 1, this);
    m_handoverCount = new QLabel(this);
    m_handoverCount->setObjectName(QStringLiteral("intelligenceHandoverCount"));
    m_chart = new SendHoursChart(this);
    m_bestHours = new QLabel(this);
    m_bestHours->setObjectName(QStringLiteral("intelligenceBestHours"));
    m_bestHours->setForegroundRole(QPalette::PlaceholderText);
    m_hottest = table(QStringLiteral("intelligenceHottest"),
        {tr("Lead"), tr("Status"), tr("Score"), tr("Top reason")}, 3, this);
    m_hottest->setToolTip(tr("Double-click a lead to open it in Leads"));
    m_leaderboard = table(QStringLiteral("intelligenceLeaderboard"),
        {tr("Campaign"), tr("State"), tr("Recipients"), tr("Sent"), tr("Delivered"), tr("Replied"),
            tr("Reply rate")},
        0, this);

    m_callsChart = new CallsChart(this);
    m_callsSummary = new QLabel(this);
    m_callsSummary->setObjectName(QStringLiteral("intelligenceCallsSummary"));
    m_callsSummary->setForegroundRole(QPalette::PlaceholderText);
    m_callOutcomes = table(QStringLiteral("intelligenceCallOutcomes"), {tr("Outcome"), tr("Calls")}, 0, this);
    m_callOutcomes->setSelectionMode(QAbstractItemView::NoSelection);

    auto *grid = new QGridLayout;
    grid->setSpacing(12);
    grid->addWidget(panel(tr("Pipeline"), m_pipeline, this), 0, 0);
    grid->addWidget(panel(tr("Response rates by channel"), m_rates, this), 0, 1);
    grid->addWidget(panel(tr("Handovers waiting"), m_handovers, this, m_handoverCount), 0, 2);
    grid->addWidget(panel(tr("Best send hours (your time zone)"), m_chart, this, m_bestHours), 1, 0);
    grid->addWidget(panel(tr("Hottest leads"), m_hottest, this), 1, 1, 1, 2);
    grid->addWidget(panel(tr("Campaign leaderboard"), m_leaderboard, this), 2, 0, 1, 3);
    grid->addWidget(
        panel(tr("Calls per day (your time zone)"), m_callsChart, this, m_callsSummary), 3, 0, 1, 2);
    grid->addWidget(panel(tr("Call outcomes and sentiment"), m_callOutcomes, this), 3, 2);
    for (int column = 0; column < 3; ++column)
        grid->setColumnStretch(column, 1);
    grid->setRowStretch(0, 3);
    grid->setRowStretch(1, 3);
    grid->setRowStretch(2, 2);
    grid->setRowStretch(3, 3);
    layout->addLayout(grid, 1);

    const auto open = [this](QTreeWidgetItem *item) {
        const qint64 id = item ? item->data(0, leadIdRole).toLongLong() : 0;
        if (id > 0)
            Q_EMIT openLead(id);
    };
    connect(m_hottest, &QTreeWidget::itemActivated, this, open);
    connect(m_handovers, &QTreeWidget::itemActivated, this, open);

    m_throttle = new QTimer(this);
    m_throttle->setSingleShot(true);
    m_throttle->setInterval(throttleMs);
    connect(m_throttle, &QTimer::timeout, this, &IntelligencePanels::refresh);
}

QString IntelligencePanels::title()
{
    return tr("Intelligence");
}

int IntelligencePanels::days() const
{
    return m_window->currentData().toInt();
}

void IntelligencePanels::setDays(int days)
{
    const int index = m_window->findData(days);
    if (index >= 0)
        m_window->setCurrentIndex(index);
}

void IntelligencePanels::scheduleRefresh()
{
    if (!m_throttle->isActive())
        m_throttle->start();
}

void IntelligencePanels::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty || m_generation == 0)
        refresh();
}

void IntelligencePanels::refresh()
{
    // Off screen (another tab or section) nothing is read; it catches up when shown.
    if (!isVisible() || m_inFlight) {
        m_dirty = true;
        return;
    }
    m_inFlight = true;
    m_dirty = false;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const int window = days();
    runOnWorker(
        m_runtime.reader(), this,
        [now, window](SqlContext &sql) {
            return IntelligenceQueries::load(sql, now, window, QTimeZone::systemTimeZone());
        },
        [this](IntelligenceSnapshot snapshot, const QString &error) {
            m_inFlight = false;
            if (error.isEmpty())
                present(std::move(snapshot));
            else
                m_updated->setText(tr("Could not read the figures: %1").arg(error));
            if (m_dirty)
                scheduleRefresh();
        });
}

void IntelligencePanels::present(IntelligenceSnapshot snapshot)
{
    m_snapshot = std::move(snapshot);
    showPipeline();
    showRates();
    showHandovers();
    showHottest();
    showLeaderboard();
    showCalls();
    m_chart->setHours(m_snapshot.sendHours, m_snapshot.bestHours, m_snapshot.days);
    QStringList best;
    for (const int hour : m_snapshot.bestHours)
        best.append(tr("%1:00 (%2)")
                        .arg(hour, 2, 10, QLatin1Char('0'))
                        .arg(percent(m_snapshot.sendHours[size_t(hour)].rate())));
    m_bestHours->setText(best.isEmpty() ? tr("Best hours appear once messages have been sent")
                                        : tr("Best: %1").arg(best.join(QStringLiteral(", "))));
    m_updated->setText(
        tr("Updated %1").arg(QLocale().toString(QTime::currentTime(), QStringLiteral("HH:mm:ss"))));
    ++m_generation;
    Q_EMIT refreshed();
}

void IntelligencePanels::showPipeline()
{
    m_pipeline->clear();
    const QLocale locale;
    if (m_snapshot.pipelineCount == 0) {
        emptyRow(m_pipeline, tr("No leads yet — CRM webhooks, the API and new senders add them"));
        return;
    }
    for (const auto &status : m_snapshot.pipeline) {
        auto *item = new QTreeWidgetItem(m_pipeline,
            {LeadLabels::status(status.status), locale.toString(status.count),
                locale.toString(status.value, 'f', 0)});
        if (const auto known = leadStatusFromName(status.status))
            item->setIcon(0, display::statusDot(LeadLabels::statusColor(*known)));
        if (status.count == 0)
            item->setForeground(0, palette().color(QPalette::PlaceholderText));
        alignRight(item, 1);
    }
    auto *total = new QTreeWidgetItem(m_pipeline,
        {tr("Total"), locale.toString(m_snapshot.pipelineCount),
            locale.toString(m_snapshot.pipelineValue, 'f', 0)});
    auto font = total->font(0);
    font.setBold(true);
    for (int column = 0; column < 3; ++column)
        total->setFont(column, font);
    alignRight(total, 1);
}

void IntelligencePanels::showRates()
{
    m_rates->clear();
    const QLocale locale;
    qint64 sent = 0;
    for (const auto &channel : m_snapshot.responseRates) {
        const auto &figures = channel.figures;
        sent += figures.sent;
        auto *item = new QTreeWidgetItem(m_rates,
            {channelLabel(channel.channel), locale.toString(figures.sent), locale.toString(figures.replied),
                figures.sent > 0 ? percent(figures.rate()) : QStringLiteral("–")});
        alignRight(item, 1);
    }
    if (sent == 0)
        emptyRow(m_rates,
            tr("Nothing sent in the last %n days — replies within 72 h are counted here", nullptr,
                m_snapshot.days));
}

void IntelligencePanels::showHandovers()
{
    m_handovers->clear();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_handoverCount->setText(m_snapshot.handoversWaiting == 0
            ? tr("None waiting")
            : tr("%n waiting for a person", nullptr, int(m_snapshot.handoversWaiting)));
    auto font = m_handoverCount->font();
    font.setBold(m_snapshot.handoversWaiting > 0);
    m_handoverCount->setFont(font);
    for (const auto &handover : m_snapshot.oldestHandovers) {
        auto *item = new QTreeWidgetItem(m_handovers,
            {handover.leadId > 0 ? handover.leadName : tr("Conversation %1").arg(handover.conversationId),
                handover.reason,
                display::delay(double(std::max<qint64>(0, now - handover.createdAtMs) / 1000))});
        item->setData(0, leadIdRole, handover.leadId);
        item->setToolTip(1, handover.reason);
        item->setToolTip(2, display::fullTime(handover.createdAtMs));
        alignRight(item, 2);
    }
    if (m_snapshot.oldestHandovers.empty())
        emptyRow(m_handovers, tr("Raised when a lead asks for a person"));
}

void IntelligencePanels::showHottest()
{
    m_hottest->clear();
    for (const auto &lead : m_snapshot.hottest) {
        auto *item = new QTreeWidgetItem(m_hottest,
            {lead.name, LeadLabels::status(lead.status), QString::number(lead.score), lead.topReason});
        item->setData(0, leadIdRole, lead.id);
        item->setToolTip(0, tr("Double-click to open %1 in Leads").arg(lead.name));
        item->setToolTip(3, lead.topReason);
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
    }
    if (m_snapshot.hottest.empty())
        emptyRow(m_hottest, tr("No scored leads yet — replies, opens and calls score them"));
}

void IntelligencePanels::showLeaderboard()
{
    m_leaderboard->clear();
    const QLocale locale;
    for (const auto &campaign : m_snapshot.leaderboard) {
        auto *item = new QTreeWidgetItem(m_leaderboard,
            {campaign.name, stateLabel(campaign.state), locale.toString(campaign.recipients),
                locale.toString(campaign.sent), locale.toString(campaign.delivered),
                locale.toString(campaign.replied),
                campaign.sent > 0 ? percent(campaign.replyRate()) : QStringLiteral("–")});
        alignRight(item, 2);
    }
    if (m_snapshot.leaderboard.empty())
        emptyRow(m_leaderboard,
            tr("No campaigns in the last %n days — create one in Campaigns", nullptr, m_snapshot.days));
}

QString IntelligencePanels::callsLine(const CallAnalytics::Figures &figures)
{
    if (figures.calls == 0)
        return tr("No calls");
    QStringList parts {figures.calls == 1 ? tr("1 call") : tr("%n calls", nullptr, int(figures.calls)),
        tr("%n answered", nullptr, int(figures.answered))};
    if (figures.answeredWithDuration > 0)
        parts << tr("avg %1").arg(callDuration(figures.averageSeconds()));
    const auto &sentiment = figures.sentiment;
    if (sentiment[0] > 0)
        parts << tr("%n positive", nullptr, int(sentiment[0]));
    if (sentiment[2] > 0)
        parts << tr("%n negative", nullptr, int(sentiment[2]));
    return parts.join(QStringLiteral(" · "));
}

void IntelligencePanels::showCalls()
{
    const auto &calls = m_snapshot.calls;
    const auto zone = QTimeZone::systemTimeZone();
    m_callsChart->setDays(calls, QDateTime::fromMSecsSinceEpoch(calls.sinceMs, zone).date(),
        QDateTime::fromMSecsSinceEpoch(calls.untilMs, zone).date());
    m_callsSummary->setText(calls.totals.calls == 0
            ? tr("No calls in the last %n days", nullptr, m_snapshot.days)
            : callsLine(calls.totals));
    m_callOutcomes->clear();
    if (calls.totals.calls == 0) {
        emptyRow(m_callOutcomes, tr("Outcomes and AI sentiment of calls appear here"));
        return;
    }
    const QLocale locale;
    const auto section = [this](const QString &text) {
        auto *item = new QTreeWidgetItem(m_callOutcomes, {text});
        auto font = item->font(0);
        font.setBold(true);
        item->setFont(0, font);
        item->setFirstColumnSpanned(true);
    };
    section(tr("Outcome"));
    const auto &statuses = CallAnalytics::outcomeStatuses();
    for (size_t i = 0; i < statuses.size(); ++i) {
        QString label;
        switch (statuses[i]) {
        case CallStatus::Completed:
            label = tr("Completed");
            break;
        case CallStatus::NoAnswer:
            label = tr("No answer");
            break;
        case CallStatus::Busy:
            label = tr("Busy");
            break;
        case CallStatus::Failed:
            label = tr("Failed");
            break;
        default:
            label = tr("Canceled");
            break;
        }
        auto *item = new QTreeWidgetItem(m_callOutcomes, {label, locale.toString(calls.totals.outcomes[i])});
        alignRight(item, 1);
    }
    section(tr("Sentiment (AI analysis)"));
    const QStringList feelings {tr("Positive"), tr("Neutral"), tr("Negative")};
    for (size_t i = 0; i < calls.totals.sentiment.size(); ++i) {
        auto *item = new QTreeWidgetItem(
            m_callOutcomes, {feelings.value(int(i)), locale.toString(calls.totals.sentiment[i])});
        alignRight(item, 1);
    }
}

} // namespace sb
