#include "SendHoursChart.h"

#include "DeliveryRateChart.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>
#include <algorithm>

namespace sb {

namespace {

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

QColor sentColor()
{
    return QColor(0x4a, 0x7f, 0xc1);
}

} // namespace

SendHoursChart::SendHoursChart(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("sendHoursChart"));
    setMouseTracking(true);
}

void SendHoursChart::setHours(std::vector<IntelligenceSnapshot::Rate> hours, std::vector<int> best, int days)
{
    m_hours = std::move(hours);
    m_best = std::move(best);
    m_days = days;
    update();
}

QRectF SendHoursChart::plotArea() const
{
    const auto metrics = fontMetrics();
    const qreal left = metrics.horizontalAdvance(QStringLiteral("0000")) + 8;
    const qreal bottom = metrics.height() + 6;
    const qreal top = metrics.height() + 8; // room for the legend
    return QRectF(left, top, width() - left - 8, height() - top - bottom);
}

int SendHoursChart::barAt(const QPointF &position) const
{
    const auto area = plotArea();
    if (m_hours.empty() || !area.contains(position))
        return -1;
    const int index = int((position.x() - area.left()) / (area.width() / qreal(m_hours.size())));
    return std::clamp(index, 0, int(m_hours.size()) - 1);
}

void SendHoursChart::paintEvent(QPaintEvent *)
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
    for (const auto &hour : m_hours)
        peak = std::max(peak, hour.sent);
    const int maximum = niceMaximum(std::max<qint64>(peak, 1));
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

    // Bars: sends, the replied part drawn over them from the bottom; the best hours outlined.
    if (!m_hours.empty()) {
        const qreal slot = area.width() / qreal(m_hours.size());
        const qreal barWidth = std::max<qreal>(1.0, slot - std::min<qreal>(3.0, slot / 4));
        for (size_t i = 0; i < m_hours.size(); ++i) {
            const auto &hour = m_hours[i];
            if (hour.sent == 0)
                continue;
            const qreal x = area.left() + slot * qreal(i) + (slot - barWidth) / 2;
            const qreal h = area.height() * qreal(hour.sent) / maximum;
            const qreal r = area.height() * qreal(hour.replied) / maximum;
            painter.setPen(Qt::NoPen);
            auto light = sentColor();
            light.setAlphaF(0.45);
            painter.setBrush(light);
            painter.drawRect(QRectF(x, area.bottom() - h, barWidth, h));
            painter.setBrush(DeliveryRateChart::deliveredColor());
            painter.drawRect(QRectF(x, area.bottom() - r, barWidth, r));
            if (std::find(m_best.begin(), m_best.end(), int(i)) != m_best.end()) {
                painter.setPen(QPen(text, 1.5));
                painter.setBrush(Qt::NoBrush);
                painter.drawRect(QRectF(x, area.bottom() - h, barWidth, h));
            }
        }
    }

    // Hour axis: 0, 6, 12, 18 at their bars.
    painter.setPen(secondary);
    if (!m_hours.empty()) {
        const qreal slot = area.width() / qreal(m_hours.size());
        for (const int hour : {0, 6, 12, 18, 23}) {
            const qreal x = area.left() + slot * (hour + 0.5);
            painter.drawText(QRectF(x - slot * 1.5, area.bottom() + 4, slot * 3, metrics.height()),
                Qt::AlignHCenter, QStringLiteral("%1").arg(hour, 2, 10, QLatin1Char('0')));
        }
    }

    // Legend, top right.
    qreal x = area.right();
    const qreal legendY = 2;
    auto light = sentColor();
    light.setAlphaF(0.45);
    for (const auto &[name, color] :
        {std::pair {tr("replied within 72 h"), DeliveryRateChart::deliveredColor()},
            std::pair {tr("sent"), light}}) {
        const int textWidth = metrics.horizontalAdvance(name);
        x -= textWidth;
        painter.setPen(secondary);
        painter.drawText(
            QRectF(x, legendY, textWidth, metrics.height()), Qt::AlignLeft | Qt::AlignVCenter, name);
        x -= 14;
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawRoundedRect(QRectF(x, legendY + metrics.height() / 2.0 - 5, 10, 10), 2, 2);
        x -= 12;
    }
    if (peak == 0) {
        painter.setPen(secondary);
        painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap,
            tr("No messages sent in the last %n days — campaigns and replies from Conversations fill this "
               "chart",
                nullptr, m_days));
    }
}

bool SendHoursChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int index = barAt(help->pos());
        if (index < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const auto &hour = m_hours[size_t(index)];
        QToolTip::showText(help->globalPos(),
            tr("%1:00–%2:59: %3 sent, %4 replied (%5%)")
                .arg(index, 2, 10, QLatin1Char('0'))
                .arg(index, 2, 10, QLatin1Char('0'))
                .arg(hour.sent)
                .arg(hour.replied)
                .arg(QLocale().toString(100.0 * hour.rate(), 'f', 0)),
            this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace sb
