#pragma once

#include "DashboardQueries.h"

#include <QWidget>

namespace sb {

// Deliveries per minute over the last hour as stacked bars (delivered, failed, pending), painted
// with QPainter so the console needs no charts module. Hovering a bar shows its minute's counts.
class DeliveryRateChart : public QWidget
{
    Q_OBJECT
public:
    explicit DeliveryRateChart(QWidget *parent = nullptr);

    void setMinutes(std::vector<DashboardSnapshot::Minute> minutes, qint64 endMinute);
    const std::vector<DashboardSnapshot::Minute> &minutes() const { return m_minutes; }

    QSize sizeHint() const override { return {420, 180}; }
    QSize minimumSizeHint() const override { return {240, 120}; }

    static QColor deliveredColor();
    static QColor failedColor();
    static QColor pendingColor();

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRectF plotArea() const;
    int barAt(const QPointF &position) const;

    std::vector<DashboardSnapshot::Minute> m_minutes;
    qint64 m_endMinute = 0;
};

} // namespace sb
