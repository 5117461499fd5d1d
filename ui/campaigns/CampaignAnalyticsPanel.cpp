#include "CampaignAnalyticsPanel.h"

#include "common/EmptyState.h"
#include "common/WorkerQuery.h"
#include "domain/Campaign.h"
#include "domain/EventBus.h"
#include "runtime/Runtime.h"
#include "storage/CampaignRepository.h"

#include <QDateTime>
#include <QFrame>
#include <QGridLayout>
#include <QHeaderView>
#include <QHelpEvent>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QStackedWidget>
#include <QTimer>
#include <QToolTip>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace sb {

// One funnel step's bar: the share of the campaign's recipients that reached it.
class FunnelBar : public QWidget
{
public:
    explicit FunnelBar(QColor color, QWidget *parent = nullptr)
        : QWidget(parent)
        , m_color(std::move(color))
    {
        setMinimumHeight(18);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }
    void setFraction(double fraction)
    {
        m_fraction = std::clamp(fraction, 0.0, 1.0);
        update();
    }
    QSize sizeHint() const override { return {240, 20}; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        auto track = palette().color(QPalette::WindowText);
        track.setAlphaF(0.08);
        const QRectF area = QRectF(rect()).adjusted(0, 2, 0, -2);
        painter.setPen(Qt::NoPen);
        painter.setBrush(track);
        painter.drawRoundedRect(area, 3, 3);
        if (m_fraction > 0) {
            painter.setBrush(m_color);
            painter.drawRoundedRect(
                QRectF(area.left(), area.top(), std::max(3.0, area.width() * m_fraction), area.height()), 3,
                3);
        }
    }

private:
    QColor m_color;
    double m_fraction = 0;
};

namespace {

QString percent(double fraction)
{
    // Whole percents rounded half up; one decimal under 10 % so small shares do not read as 0.
    const double value = fraction * 100.0;
    const QString number = fraction > 0 && fraction < 0.1
        ? QLocale().toString(std::round(value * 10) / 10, 'f', 1)
        : QLocale().toString(qRound(value));
    return number + QStringLiteral(" %");
}

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    auto font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

QFrame *panel(QWidget *parent)
{
    auto *frame = new QFrame(parent);
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setAutoFillBackground(true);
    frame->setBackgroundRole(QPalette::Base);
    return frame;
}

int niceMaximum(qint64 value)
{
    qint64 step = 1;
    for (;;) {
        for (const int factor : {1, 2, 5}) {
            if (step * factor >= value)
                return int(step * factor);
        }
        step *= 10;
    }
}

} // namespace

// ---- CampaignHourChart ----

CampaignHourChart::CampaignHourChart(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("campaignHourChart"));
    setMouseTracking(true);
}

QColor CampaignHourChart::sentColor()
{
    return QColor(0x3a, 0x7b, 0xd5);
}

QColor CampaignHourChart::responseColor()
{
    return QColor(0x2e, 0xa0, 0x43);
}

void CampaignHourChart::setHours(const QList<Hour> &hours)
{
    m_hours = hours;
    std::fill(std::begin(m_sent), std::end(m_sent), 0);
    std::fill(std::begin(m_replied), std::end(m_replied), 0);
    for (const auto &hour : hours) {
        if (hour.hour >= 0 && hour.hour < 24) {
            m_sent[hour.hour] = hour.sent;
            m_replied[hour.hour] = hour.replied;
        }
    }
    update();
}

QRectF CampaignHourChart::plotArea() const
{
    const auto metrics = fontMetrics();
    const qreal left = metrics.horizontalAdvance(QStringLiteral("00000")) + 8;
    const qreal right = metrics.horizontalAdvance(QStringLiteral("100 %")) + 10;
    const qreal bottom = metrics.height() + 6;
    const qreal top = metrics.height() + 8;
    return QRectF(left, top, width() - left - right, height() - top - bottom);
}

int CampaignHourChart::hourAt(const QPointF &position) const
{
    const auto area = plotArea();
    if (!area.contains(position))
        return -1;
    return std::clamp(int((position.x() - area.left()) / (area.width() / 24.0)), 0, 23);
}

void CampaignHourChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const auto area = plotArea();
    const auto text = palette().color(QPalette::WindowText);
    auto faint = text;
    faint.setAlphaF(0.15);
    auto secondary = text;
    secondary.setAlphaF(0.65);
    const auto metrics = fontMetrics();

    qint64 peak = 0;
    for (const auto sent : m_sent)
        peak = std::max(peak, sent);
    const int maximum = niceMaximum(std::max<qint64>(peak, 1));

    // Grid: zero, half and the maximum sends on the left; 0, 50, 100 % on the right.
    for (const int value : {0, maximum / 2, maximum}) {
        if (value == 0 && maximum == 1)
            continue;
        const qreal y = area.bottom() - area.height() * value / maximum;
        painter.setPen(QPen(faint, 1));
        painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y));
        painter.setPen(secondary);
        painter.drawText(QRectF(0, y - metrics.height() / 2.0, area.left() - 6, metrics.height()),
            Qt::AlignRight | Qt::AlignVCenter, QLocale().toString(value));
    }
    for (const int value : {0, 50, 100}) {
        const qreal y = area.bottom() - area.height() * value / 100.0;
        painter.setPen(secondary);
        painter.drawText(QRectF(area.right() + 6, y - metrics.height() / 2.0, width() - area.right() - 6,
                             metrics.height()),
            Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("%1 %").arg(value));
    }

    const qreal slot = area.width() / 24.0;
    const qreal barWidth = std::max<qreal>(1.0, slot - std::min<qreal>(4.0, slot / 4));
    painter.setPen(Qt::NoPen);
    painter.setBrush(sentColor());
    for (int hour = 0; hour < 24; ++hour) {
        if (m_sent[hour] == 0)
            continue;
        const qreal h = area.height() * double(m_sent[hour]) / maximum;
        painter.drawRect(
            QRectF(area.left() + slot * hour + (slot - barWidth) / 2, area.bottom() - h, barWidth, h));
    }
    // Response rate: a point per hour with sends, joined in hour order.
    QPainterPath line;
    bool started = false;
    QList<QPointF> points;
    for (int hour = 0; hour < 24; ++hour) {
        if (m_sent[hour] == 0)
            continue;
        const double rate = double(m_replied[hour]) / double(m_sent[hour]);
        const QPointF point(area.left() + slot * (hour + 0.5), area.bottom() - area.height() * rate);
        if (started)
            line.lineTo(point);
        else
            line.moveTo(point);
        started = true;
        points.append(point);
    }
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(responseColor(), 2));
    painter.drawPath(line);
    painter.setBrush(responseColor());
    for (const auto &point : points)
        painter.drawEllipse(point, 3, 3);

    // Hour axis.
    painter.setPen(secondary);
    for (const int hour : {0, 6, 12, 18, 23}) {
        painter.drawText(
            QRectF(area.left() + slot * hour - slot, area.bottom() + 4, slot * 3, metrics.height()),
            Qt::AlignHCenter, QStringLiteral("%1").arg(hour, 2, 10, QLatin1Char('0')));
    }

    // Legend, top right.
    qreal x = area.right();
    for (const auto &[name, color] :
        {std::pair {tr("response rate"), responseColor()}, std::pair {tr("sent"), sentColor()}}) {
        const int textWidth = metrics.horizontalAdvance(name);
        x -= textWidth;
        painter.setPen(secondary);
        painter.drawText(QRectF(x, 2, textWidth, metrics.height()), Qt::AlignLeft | Qt::AlignVCenter, name);
        x -= 14;
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawRoundedRect(QRectF(x, 2 + metrics.height() / 2.0 - 5, 10, 10), 2, 2);
        x -= 12;
    }
    if (peak == 0) {
        painter.setPen(secondary);
        painter.drawText(area, Qt::AlignCenter, tr("Nothing sent yet"));
    }
}

bool CampaignHourChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int hour = hourAt(help->pos());
        if (hour < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const auto sent = m_sent[hour];
        QToolTip::showText(help->globalPos(),
            tr("%1:00–%1:59: %2 sent, %3 replied (%4)")
                .arg(hour, 2, 10, QLatin1Char('0'))
                .arg(sent)
                .arg(m_replied[hour])
                .arg(percent(sent > 0 ? double(m_replied[hour]) / double(sent) : 0.0)),
            this);
        return true;
    }
    return QWidget::event(event);
}

// ---- CampaignAnalyticsPanel ----

struct CampaignAnalyticsPanel::Data
{
    bool found = false;
    QString name;
    QString state;
    QJsonObject analytics;
};

CampaignAnalyticsPanel::CampaignAnalyticsPanel(Runtime &runtime, QWidget *parent)
    : QWidget(parent)
    , m_runtime(runtime)
{
    setObjectName(QStringLiteral("campaignAnalyticsPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(10);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("analyticsTitle"));
    auto font = m_title->font();
    font.setPointSizeF(font.pointSizeF() * 1.25);
    font.setBold(true);
    m_title->setFont(font);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("analyticsNote"));
    m_note->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_title);
    layout->addWidget(m_note);

    m_stack = new QStackedWidget(this);
    m_empty = new EmptyState(tr("No analytics yet"),
        tr("Analytics appear once the campaign starts: the funnel from sent to replied, rates and the "
           "response by hour of day."),
        m_stack);
    m_stack->addWidget(m_empty);

    auto *content = new QWidget(m_stack);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(10);

    // Funnel with the side counts and rates.
    auto *top = new QHBoxLayout;
    auto *funnelFrame = panel(content);
    auto *funnel = new QGridLayout(funnelFrame);
    funnel->setContentsMargins(14, 10, 14, 10);
    funnel->setHorizontalSpacing(10);
    funnel->addWidget(heading(tr("Funnel"), funnelFrame), 0, 0, 1, 3);
    const QColor stepColors[] {QColor(0x8a, 0x94, 0xa6), QColor(0x3a, 0x7b, 0xd5), QColor(0x2e, 0x8f, 0xb8),
        QColor(0x2e, 0xa0, 0x8a), QColor(0x2e, 0xa0, 0x5f), QColor(0x2e, 0xa0, 0x43)};
    const std::pair<QString, QString> steps[] {{QStringLiteral("total"), tr("Recipients")},
        {recipientStateName(RecipientState::Sent), tr("Sent")},
        {recipientStateName(RecipientState::Delivered), tr("Delivered")},
        {recipientStateName(RecipientState::Opened), tr("Opened")},
        {recipientStateName(RecipientState::Clicked), tr("Clicked")},
        {recipientStateName(RecipientState::Replied), tr("Replied")}};
    int row = 1;
    for (const auto &[key, caption] : steps) {
        funnel->addWidget(new QLabel(caption, funnelFrame), row, 0);
        auto *bar = new FunnelBar(stepColors[row - 1], funnelFrame);
        bar->setObjectName(QStringLiteral("funnelBar_") + key);
        funnel->addWidget(bar, row, 1);
        auto *count = new QLabel(QStringLiteral("–"), funnelFrame);
        count->setObjectName(QStringLiteral("funnelCount_") + key);
        count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        count->setMinimumWidth(count->fontMetrics().horizontalAdvance(QStringLiteral("00000 · 100 %")));
        funnel->addWidget(count, row, 2);
        m_funnelBars.insert(key, bar);
        m_funnelCounts.insert(key, count);
        ++row;
    }
    funnel->setColumnStretch(1, 1);
    funnel->setRowStretch(row, 1);
    top->addWidget(funnelFrame, 3);

    auto *sideFrame = panel(content);
    auto *side = new QGridLayout(sideFrame);
    side->setContentsMargins(14, 10, 14, 10);
    side->addWidget(heading(tr("Not reached"), sideFrame), 0, 0, 1, 2);
    const std::pair<QString, QString> others[] {
        {recipientStateName(RecipientState::Queued), tr("Still queued")},
        {recipientStateName(RecipientState::Bounced), tr("Bounced")},
        {recipientStateName(RecipientState::Failed), tr("Failed")},
        {recipientStateName(RecipientState::Unsubscribed), tr("Unsubscribed")},
        {QStringLiteral("skippedDoNotContact"), tr("Skipped (do not contact)")}};
    row = 1;
    for (const auto &[key, caption] : others) {
        side->addWidget(new QLabel(caption, sideFrame), row, 0);
        auto *count = new QLabel(QStringLiteral("–"), sideFrame);
        count->setObjectName(QStringLiteral("sideCount_") + key);
        count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        side->addWidget(count, row, 1);
        m_sideCounts.insert(key, count);
        ++row;
    }
    side->addWidget(heading(tr("Rates"), sideFrame), row++, 0, 1, 2);
    const std::pair<QString, QString> rates[] {
        {recipientStateName(RecipientState::Delivered), tr("Delivered (of sent)")},
        {recipientStateName(RecipientState::Opened), tr("Opened (of delivered)")},
        {recipientStateName(RecipientState::Clicked), tr("Clicked (of delivered)")},
        {recipientStateName(RecipientState::Replied), tr("Replied (of sent)")}};
    for (const auto &[key, caption] : rates) {
        side->addWidget(new QLabel(caption, sideFrame), row, 0);
        auto *value = new QLabel(QStringLiteral("–"), sideFrame);
        value->setObjectName(QStringLiteral("rate_") + key);
        value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        side->addWidget(value, row, 1);
        m_rates.insert(key, value);
        ++row;
    }
    side->setRowStretch(row, 1);
    side->setColumnStretch(0, 1);
    top->addWidget(sideFrame, 2);
    contentLayout->addLayout(top);

    // By hour of day and the hourly timeline.
    auto *bottom = new QHBoxLayout;
    auto *hoursFrame = panel(content);
    auto *hoursLayout = new QVBoxLayout(hoursFrame);
    hoursLayout->setContentsMargins(14, 10, 14, 10);
    hoursLayout->addWidget(heading(tr("Sends and response rate by hour of day"), hoursFrame));
    m_hours = new CampaignHourChart(hoursFrame);
    hoursLayout->addWidget(m_hours, 1);
    bottom->addWidget(hoursFrame, 3);
    auto *timelineFrame = panel(content);
    auto *timelineLayout = new QVBoxLayout(timelineFrame);
    timelineLayout->setContentsMargins(14, 10, 14, 10);
    timelineLayout->addWidget(heading(tr("Timeline"), timelineFrame));
    m_timeline = new QTreeWidget(timelineFrame);
    m_timeline->setObjectName(QStringLiteral("analyticsTimeline"));
    m_timeline->setRootIsDecorated(false);
    m_timeline->setUniformRowHeights(true);
    m_timeline->setHeaderLabels({tr("Hour"), tr("Sent"), tr("Delivered"), tr("Replied")});
    m_timeline->header()->setStretchLastSection(false);
    m_timeline->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int column = 1; column < 4; ++column)
        m_timeline->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    timelineLayout->addWidget(m_timeline, 1);
    bottom->addWidget(timelineFrame, 2);
    contentLayout->addLayout(bottom, 1);
    m_stack->addWidget(content);
    layout->addWidget(m_stack, 1);

    m_coalesce = new QTimer(this);
    m_coalesce->setSingleShot(true);
    m_coalesce->setInterval(coalesceMs);
    connect(m_coalesce, &QTimer::timeout, this, &CampaignAnalyticsPanel::reload);
    m_periodic = new QTimer(this);
    m_periodic->setInterval(runningRefreshMs);
    connect(m_periodic, &QTimer::timeout, this, &CampaignAnalyticsPanel::scheduleReload);
    auto &bus = runtime.bus();
    connect(&bus, &EventBus::eventsPublished, this, &CampaignAnalyticsPanel::scheduleReload,
        Qt::QueuedConnection);
    connect(&bus, &EventBus::inboundRecorded, this, &CampaignAnalyticsPanel::scheduleReload,
        Qt::QueuedConnection);

    m_title->setText(tr("No campaign selected"));
    m_stack->setCurrentWidget(m_empty);
}

void CampaignAnalyticsPanel::showCampaign(qint64 campaignId)
{
    if (campaignId != m_campaignId) {
        m_analytics = {};
        m_state.clear();
    }
    m_campaignId = campaignId;
    reload();
}

bool CampaignAnalyticsPanel::showsEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

QString CampaignAnalyticsPanel::funnelText(const QString &step) const
{
    const auto *label = m_funnelCounts.value(step);
    return label ? label->text() : QString();
}

void CampaignAnalyticsPanel::scheduleReload()
{
    // Throttled: at most one read per coalesce interval, and none for a campaign that cannot change.
    if (m_campaignId <= 0 || !isVisible() || m_coalesce->isActive())
        return;
    m_coalesce->start();
}

void CampaignAnalyticsPanel::reload()
{
    m_coalesce->stop();
    if (m_campaignId <= 0)
        return;
    const int request = ++m_request;
    const qint64 id = m_campaignId;
    runOnWorker(
        m_runtime.reader(), this,
        [id](SqlContext &sql) {
            Data data;
            const auto campaign = CampaignRepository::json(sql, id);
            if (campaign.isEmpty())
                return data;
            data.found = true;
            data.name = campaign.value(QStringLiteral("name")).toString();
            data.state = campaign.value(QStringLiteral("state")).toString();
            data.analytics = CampaignRepository::analytics(sql, id);
            return data;
        },
        [this, request](Data data, const QString &error) {
            if (request != m_request)
                return;
            apply(data, error);
            Q_EMIT loaded();
        });
}

void CampaignAnalyticsPanel::apply(const Data &data, const QString &error)
{
    if (!error.isEmpty()) {
        m_note->setText(tr("Could not read the analytics: %1").arg(error));
        return;
    }
    if (!data.found) {
        m_title->setText(tr("Campaign %1 not found").arg(m_campaignId));
        m_note->clear();
        m_analytics = {};
        m_state.clear();
        m_periodic->stop();
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    m_analytics = data.analytics;
    m_state = data.state;
    const auto state = campaignStateFromName(data.state);
    // Recipients still move while it runs or is paused (sends, callbacks, replies); a scheduled one
    // starts by itself.
    const bool live = state == CampaignState::Running || state == CampaignState::Paused
        || state == CampaignState::Scheduled;
    if (live && !m_periodic->isActive())
        m_periodic->start();
    else if (!live)
        m_periodic->stop();

    m_title->setText(data.name);
    const auto funnel = m_analytics.value(QStringLiteral("funnel")).toObject();
    const auto total = funnel.value(QStringLiteral("total")).toInteger();
    const bool started = state != CampaignState::Draft && state != CampaignState::Scheduled;
    if (!started || total == 0) {
        if (started)
            m_note->setText(tr("No recipients: the audience matched no lead"));
        else
            m_note->setText(state == CampaignState::Scheduled ? tr("Scheduled: not started yet")
                                                              : tr("Draft: not started yet"));
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    const auto zone = m_analytics.value(QStringLiteral("timeZone")).toString();
    if (state == CampaignState::Running)
        m_note->setText(tr("Running: updates live · hours in %1").arg(zone));
    else if (state == CampaignState::Paused)
        m_note->setText(tr("Paused: updates live · hours in %1").arg(zone));
    else if (state == CampaignState::Cancelled)
        m_note->setText(tr("Cancelled · hours in %1").arg(zone));
    else
        m_note->setText(tr("Completed · hours in %1").arg(zone));
    m_stack->setCurrentWidget(m_stack->widget(1));

    const QLocale locale;
    for (auto it = m_funnelCounts.begin(); it != m_funnelCounts.end(); ++it) {
        const auto count = funnel.value(it.key()).toInteger();
        const double share = total > 0 ? double(count) / double(total) : 0.0;
        it.value()->setText(QStringLiteral("%1 · %2").arg(locale.toString(count), percent(share)));
        m_funnelBars.value(it.key())->setFraction(share);
    }
    const auto counts = m_analytics.value(QStringLiteral("counts")).toObject();
    for (auto it = m_sideCounts.begin(); it != m_sideCounts.end(); ++it)
        it.value()->setText(locale.toString(counts.value(it.key()).toInteger()));
    const auto rates = m_analytics.value(QStringLiteral("rates")).toObject();
    for (auto it = m_rates.begin(); it != m_rates.end(); ++it)
        it.value()->setText(percent(rates.value(it.key()).toDouble()));

    QList<CampaignHourChart::Hour> hours;
    for (const auto &value : m_analytics.value(QStringLiteral("byHour")).toArray()) {
        const auto hour = value.toObject();
        hours.append(
            {hour.value(QStringLiteral("hour")).toInt(), hour.value(QStringLiteral("sent")).toInteger(),
                hour.value(QStringLiteral("replied")).toInteger()});
    }
    m_hours->setHours(hours);

    m_timeline->clear();
    const auto timeline = m_analytics.value(QStringLiteral("timeline")).toArray();
    QList<QTreeWidgetItem *> items;
    // Newest first: while a campaign runs, the hour that changes is on top.
    for (auto it = timeline.end(); it != timeline.begin();) {
        --it;
        const auto point = (*it).toObject();
        const auto at
            = QDateTime::fromString(point.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
        auto *item = new QTreeWidgetItem;
        item->setText(0, locale.toString(at, QStringLiteral("ddd d MMM, HH:mm")));
        const QString keys[] {recipientStateName(RecipientState::Sent),
            recipientStateName(RecipientState::Delivered), recipientStateName(RecipientState::Replied)};
        for (int column = 1; column < 4; ++column) {
            item->setText(column, locale.toString(point.value(keys[column - 1]).toInteger()));
            item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
        }
        items.append(item);
    }
    m_timeline->addTopLevelItems(items);
}

} // namespace sb
