#pragma once

#include <QDateTime>
#include <QString>

namespace sb {

// A stored time (ms since the epoch) as the APIs show it: ISO 8601 in UTC with milliseconds.
inline QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace sb
