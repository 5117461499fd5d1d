#pragma once

#include <QJsonValue>
#include <QString>
#include <limits>
#include <optional>

namespace sb {

// Checked conversions of JSON numbers. A JSON number is a double (or an exact 64-bit integer):
// casting one to an integer type is undefined when it is not finite or out of range, so every
// conversion goes through here.

// The integer a JSON number holds, when it is one exactly (finite, no fraction) within [low, high];
// nullopt for anything else, strings and non-numbers included.
std::optional<qint64> jsonInteger(const QJsonValue &value, qint64 low = std::numeric_limits<qint64>::min(),
    qint64 high = std::numeric_limits<qint64>::max());

// The same for a request field: false and "`field` must be a whole number between low and high"
// (or "... a number ...") in `error` otherwise.
bool readJsonInteger(
    const QJsonValue &value, const QString &field, qint64 low, qint64 high, qint64 *out, QString *error);

// A JSON number as text: the integer when it is one, else the shortest decimal form that reads
// back as the same double.
QString jsonNumberText(const QJsonValue &value);

} // namespace sb
