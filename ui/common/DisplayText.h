#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

namespace sb {

// Small renderings shared by the log views: compact times, coloured status dots, durations.
namespace display {

// "14:03:27" for today, "3 Sep 14:03" before.
QString compactTime(qint64 ms);
// "2025-09-03 14:03:27.123 CEST" for tooltips and detail panes.
QString fullTime(qint64 ms);
// A 12 px filled circle, cached per colour.
QIcon statusDot(const QColor &color);
// "5 s", "1 min 30 s", "2 h", "1 d 4 h" — for delays and retry schedules.
QString delay(double seconds);

// Mid-tone colours that stay legible on light and dark palettes.
inline QColor good()
{
    return QColor(0x2e, 0xa0, 0x43);
}
inline QColor waiting()
{
    return QColor(0xd0, 0x8c, 0x1a);
}
inline QColor bad()
{
    return QColor(0xd9, 0x3f, 0x3f);
}
inline QColor idle()
{
    return QColor(0x8a, 0x8f, 0x98);
}

} // namespace display

} // namespace sb
