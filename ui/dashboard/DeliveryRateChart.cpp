#include "DeliveryRateChart.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace sb {

namespace {

// A round axis maximum at or above `value`: 1, 2, 5, 10, 20, 50, ...
int niceMaximum(int value)
{
    int step = 1;
    for (;;) {
        for (const int factor : {1, 2, 5}) {
            if (step * factor >= value)
                return step * factor;
        }
        step *= 10;
    }
}

} // namespace

DeliveryRateChart::DeliveryRateChart(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("deliveryRateChart"));
    setMouseTracking(true);
}

QColor DeliveryRateChart::deliveredColor()
{
    return QColor(0x2e, 0xa0, 0x43);
}
QColor DeliveryRateChart::failedColor()
{
    return QColor(0xd9, 0x3f, 0x3f);
}
QColor DeliveryRateChart::pendingColor()
{
    return QColor(0xd0, 0x8c, 0x1a);
}

void DeliveryRateChart::setMinutes(std::vector<DashboardSnapshot::Minute> minutes, qint64 endMinute)
{
    m_minutes = std::move(minutes);
    m_endMinute = endMinute;
    update();
}

QRectF DeliveryRateChart::plotArea() const
{
    const auto metrics = fontMetrics();
    const qreal left = metrics.horizontalAdvance(QStringLiteral("0000")) + 8;
    const qreal bottom = metrics.height() + 6;
    const qreal top = metrics.height() + 8; // room for the legend
    return QRectF(left, top, width() - left - 8, height() - top - bottom);
}

int DeliveryRateChart::barAt(const QPointF &position) const
{
    const auto area = plotArea();
    if (m_minutes.empty() || !area.contains(position))
        return -1;
    const int index = int((position.x() - area.left()) / (area.width() / qreal(m_minutes.size())));
    return std::clamp(index, 0, int(m_minutes.size()) - 1);
}

void DeliveryRateChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const auto area = plotArea();
    const auto text = palette().color(QPalette::WindowText);
    auto faint = text;
    faint.setAlphaF(0.15);
    auto secondary = text;
    secondary.setAlphaF(0.65);

    int peak = 0;
    for (const auto &minute : m_minutes)
        peak = std::max(peak, minute.total());
    const int maximum = niceMaximum(std::max(peak, 1));

    // Grid: zero, half and the maximum, labelled on the left.
    const auto metrics = fontMetrics();
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

    // Bars, stacked bottom-up: delivered, pending, failed.
    if (!m_minutes.empty()) {
        const qreal slot = area.width() / qreal(m_minutes.size());
        const qreal barWidth = std::max<qreal>(1.0, slot - std::min<qreal>(2.0, slot / 4));
        painter.setPen(Qt::NoPen);
        for (size_t i = 0; i < m_minutes.size(); ++i) {
            const auto &minute = m_minutes[i];
            qreal y = area.bottom();
            const qreal x = area.left() + slot * qreal(i) + (slot - barWidth) / 2;
            for (const auto &[count, color] : {std::pair {minute.delivered, deliveredColor()},
                     std::pair {minute.pending, pendingColor()}, std::pair {minute.failed, failedColor()}}) {
                if (count == 0)
                    continue;
                const qreal h = area.height() * count / maximum;
                painter.setBrush(color);
                painter.drawRect(QRectF(x, y - h, barWidth, h));
                y -= h;
            }
        }
    }

    // Time axis: the hour's start, its middle and now, in local clock time.
    painter.setPen(secondary);
    const int minutes = int(m_minutes.size());
    if (minutes > 0) {
        const auto label = [](qint64 minute) {
            return QLocale().toString(
                QDateTime::fromMSecsSinceEpoch(minute * 60000).time(), QStringLiteral("HH:mm"));
        };
        const qreal y = area.bottom() + 4;
        const qreal h = metrics.height();
        painter.drawText(
            QRectF(area.left(), y, area.width() / 3, h), Qt::AlignLeft, label(m_endMinute - minutes + 1));
        painter.drawText(QRectF(area.left() + area.width() / 3, y, area.width() / 3, h), Qt::AlignHCenter,
            label(m_endMinute - minutes / 2));
        painter.drawText(
            QRectF(area.right() - area.width() / 3, y, area.width() / 3, h), Qt::AlignRight, tr("now"));
    }

    // Legend, top right.
    qreal x = area.right();
    const qreal legendY = 2;
    for (const auto &[name, color] : {std::pair {tr("failed"), failedColor()},
             std::pair {tr("pending"), pendingColor()}, std::pair {tr("delivered"), deliveredColor()}}) {
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
        painter.drawText(area, Qt::AlignCenter, tr("No deliveries in the last hour"));
    }
}

bool DeliveryRateChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int index = barAt(help->pos());
        if (index < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const auto &minute = m_minutes[size_t(index)];
        const qint64 at = (m_endMinute - qint64(m_minutes.size()) + 1 + index) * 60000;
        QToolTip::showText(help->globalPos(),
            tr("%1: %2 delivered, %3 failed, %4 pending")
                .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(at).time(), QStringLiteral("HH:mm")))
                .arg(minute.delivered)
                .arg(minute.failed)
                .arg(minute.pending),
            this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace sb
