#pragma once

#include "storage/CallAnalytics.h"

#include <QWidget>

namespace sb {

// Calls per local day over the dashboard's window (one bar a day, the answered part darker), painted
// like SendHoursChart. Hovering a bar shows the day's calls, answered and average duration.
class CallsChart : public QWidget
{
    Q_OBJECT
public:
    explicit CallsChart(QWidget *parent = nullptr);

    // Every day from `first` to `last`, the days without calls as zero.
    void setDays(const CallAnalytics::Report &report, const QDate &first, const QDate &last);
    const std::vector<std::pair<QDate, CallAnalytics::Figures>> &days() const { return m_days; }

    QSize sizeHint() const override { return {420, 170}; }
    QSize minimumSizeHint() const override { return {240, 110}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRectF plotArea() const;
    int barAt(const QPointF &position) const;

    std::vector<std::pair<QDate, CallAnalytics::Figures>> m_days;
    int m_window = 0;
};

// "3:12" (minutes:seconds), "1:02:05" from an hour on.
QString callDuration(double seconds);

} // namespace sb
