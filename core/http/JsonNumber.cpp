#include "JsonNumber.h"

#include <QLocale>
#include <cmath>

namespace sb {

std::optional<qint64> jsonInteger(const QJsonValue &value, qint64 low, qint64 high)
{
    if (!value.isDouble())
        return std::nullopt;
    // Not every Qt version refuses NaN in toInteger below: refuse non-finite numbers first.
    if (!std::isfinite(value.toDouble()))
        return std::nullopt;
    // QJsonValue::toInteger answers its default when the number is not an exact qint64 (fraction,
    // out of range); the parser keeps large integers exactly, so this is no round trip through a
    // double. Two different defaults tell a failure from a real value.
    const qint64 first = value.toInteger(0);
    const qint64 second = value.toInteger(1);
    if (first != second || first < low || first > high)
        return std::nullopt;
    return first;
}

bool readJsonInteger(
    const QJsonValue &value, const QString &field, qint64 low, qint64 high, qint64 *out, QString *error)
{
    if (const auto number = jsonInteger(value, low, high)) {
        *out = *number;
        return true;
    }
    *error = value.isDouble() ? QStringLiteral("%1 must be a whole number between %2 and %3")
                                    .arg(field, QString::number(low), QString::number(high))
                              : QStringLiteral("%1 must be a number").arg(field);
    return false;
}

QString jsonNumberText(const QJsonValue &value)
{
    if (const auto number = jsonInteger(value))
        return QString::number(*number);
    return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
}

} // namespace sb
