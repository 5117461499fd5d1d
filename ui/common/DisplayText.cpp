#include "DisplayText.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <cmath>

namespace sb::display {

QString compactTime(qint64 ms)
{
    const auto time = QDateTime::fromMSecsSinceEpoch(ms);
    if (time.date() == QDate::currentDate())
        return QLocale().toString(time.time(), QStringLiteral("HH:mm:ss"));
    return QLocale().toString(time, QStringLiteral("d MMM HH:mm"));
}

QString fullTime(qint64 ms)
{
    return QLocale().toString(
        QDateTime::fromMSecsSinceEpoch(ms), QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz t"));
}

QIcon statusDot(const QColor &color)
{
    static QHash<QRgb, QIcon> cache;
    auto it = cache.find(color.rgba());
    if (it == cache.end()) {
        QPixmap pixmap(12, 12);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawEllipse(QRectF(1.5, 1.5, 9, 9));
        painter.end();
        it = cache.insert(color.rgba(), QIcon(pixmap));
    }
    return *it;
}

QString delay(double seconds)
{
    const qint64 s = std::llround(seconds);
    if (s < 60)
        return QCoreApplication::translate("sb::display", "%1 s").arg(s);
    if (s < 3600)
        return s % 60 ? QCoreApplication::translate("sb::display", "%1 min %2 s").arg(s / 60).arg(s % 60)
                      : QCoreApplication::translate("sb::display", "%1 min").arg(s / 60);
    if (s < 86400)
        return (s % 3600) / 60
            ? QCoreApplication::translate("sb::display", "%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60)
            : QCoreApplication::translate("sb::display", "%1 h").arg(s / 3600);
    return (s % 86400) / 3600
        ? QCoreApplication::translate("sb::display", "%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600)
        : QCoreApplication::translate("sb::display", "%1 d").arg(s / 86400);
}

} // namespace sb::display
