#include "CallsChart.h"

#include "DeliveryRateChart.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

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

QColor callColor()
{
    return QColor(0x4a, 0x7f, 0xc1);
}

} // namespace

QString callDuration(double seconds)
{
    const qint64 total = qint64(std::llround(seconds));
    const qint64 hours = total / 3600;
    const qint64 minutes = (total % 3600) / 60;
    const qint64 rest = total % 60;
    if (hours > 0)
        return QStringLiteral("%1:%2:%3")
            .arg(hours)
            .arg(minutes, 2, 10, QLatin1Char('0'))
            .arg(rest, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(minutes).arg(rest, 2, 10, QLatin1Char('0'));
}

CallsChart::CallsChart(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("callsChart"));
    setMouseTracking(true);
}

void CallsChart::setDays(const CallAnalytics::Report &report, const QDate &first, const QDate &last)
{
    m_days.clear();
    m_window = report.days;
    auto next = report.byDay.begin();
    for (QDate day = first; day.isValid() && day <= last; day = day.addDays(1)) {
        while (next != report.byDay.end() && next->first < day)
            ++next;
        if (next != report.byDay.end() && next->first == day)
            m_days.emplace_back(day, next->second);
        else
            m_days.emplace_back(day, CallAnalytics::Figures {});
    }
    update();
}

QRectF CallsChart::plotArea() const
{
    const auto metrics = fontMetrics();
    const qreal left = metrics.horizontalAdvance(QStringLiteral("0000")) + 8;
    const qreal bottom = metrics.height() + 6;
    const qreal top = metrics.height() + 8;
    return QRectF(left, top, width() - left - 8, height() - top - bottom);
}

int CallsChart::barAt(const QPointF &position) const
{
    const auto area = plotArea();
    if (m_days.empty() || !area.contains(position))
        return -1;
    const int index = int((position.x() - area.left()) / (area.width() / qreal(m_days.size())));
    return std::clamp(index, 0, int(m_days.size()) - 1);
}

void CallsChart::paintEvent(QPaintEvent *)
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
    for (const auto &day : m_days)
        peak = std::max(peak, day.second.calls);
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

    auto light = callColor();
    light.setAlphaF(0.45);
    if (!m_days.empty()) {
        const qreal slot = area.width() / qreal(m_days.size());
        const qreal barWidth = std::max<qreal>(1.0, slot - std::min<qreal>(3.0, slot / 4));
        for (size_t i = 0; i < m_days.size(); ++i) {
            const auto &figures = m_days[i].second;
            if (figures.calls == 0)
                continue;
            const qreal x = area.left() + slot * qreal(i) + (slot - barWidth) / 2;
            const qreal h = area.height() * qreal(figures.calls) / maximum;
            const qreal a = area.height() * qreal(figures.answered) / maximum;
            painter.setPen(Qt::NoPen);
            painter.setBrush(light);
            painter.drawRect(QRectF(x, area.bottom() - h, barWidth, h));
            painter.setBrush(DeliveryRateChart::deliveredColor());
            painter.drawRect(QRectF(x, area.bottom() - a, barWidth, a));
        }
        // Day axis: the first and last day, and one in the middle.
        painter.setPen(secondary);
        const QLocale locale;
        const QString format = locale.dateFormat(QLocale::ShortFormat).contains(QLatin1String("yy"))
            ? QStringLiteral("d MMM")
            : locale.dateFormat(QLocale::ShortFormat);
        const size_t count = m_days.size();
        std::vector<size_t> marks {0};
        if (count > 2)
            marks.push_back(count / 2);
        if (count > 1)
            marks.push_back(count - 1);
        for (const size_t index : marks) {
            const QString label = locale.toString(m_days[index].first, format);
            const qreal width = metrics.horizontalAdvance(label) + 4;
            qreal x = area.left() + slot * (qreal(index) + 0.5) - width / 2;
            x = std::clamp(x, area.left(), area.right() - width);
            painter.drawText(QRectF(x, area.bottom() + 4, width, metrics.height()), Qt::AlignHCenter, label);
        }
    }

    qreal x = area.right();
    const qreal legendY = 2;
    for (const auto &[name, color] :
        {std::pair {tr("answered"), DeliveryRateChart::deliveredColor()}, std::pair {tr("calls"), light}}) {
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
            tr("No calls in the last %n days — outbound calls and provider call callbacks fill this chart",
                nullptr, m_window));
    }
}

bool CallsChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int index = barAt(help->pos());
        if (index < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const auto &[day, figures] = m_days[size_t(index)];
        QToolTip::showText(help->globalPos(),
            tr("%1: %2 calls, %3 answered, average %4")
                .arg(QLocale().toString(day, QLocale::ShortFormat))
                .arg(figures.calls)
                .arg(figures.answered)
                .arg(callDuration(figures.averageSeconds())),
            this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace sb
