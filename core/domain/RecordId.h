#pragma once

#include <QString>

namespace sb {

// Globally unique, time-ordered record ids: prefix + ULID (48-bit ms time, 80 random bits,
// Crockford base32). Never a database row number, so ids stay unique across databases.
QString newRecordId(QStringView prefix, qint64 nowMs);

} // namespace sb
