#pragma once

#include "storage/IntelligenceQueries.h"

#include <QWidget>

namespace sb {

// Sends per local hour of the day (24 bars, the replied part darker), painted like DeliveryRateChart.
// The best hours are marked; hovering a bar shows its sends, replies and rate.
class SendHoursChart : public QWidget
{
    Q_OBJECT
public:
    explicit SendHoursChart(QWidget *parent = nullptr);

    void setHours(std::vector<IntelligenceSnapshot::Rate> hours, std::vector<int> best, int days);
    const std::vector<IntelligenceSnapshot::Rate> &hours() const { return m_hours; }

    QSize sizeHint() const override { return {420, 170}; }
    QSize minimumSizeHint() const override { return {240, 110}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRectF plotArea() const;
    int barAt(const QPointF &position) const;

    std::vector<IntelligenceSnapshot::Rate> m_hours;
    std::vector<int> m_best;
    int m_days = 0;
};

} // namespace sb
