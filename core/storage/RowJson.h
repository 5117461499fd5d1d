#pragma once

#include <QJsonObject>
#include <QString>

namespace sb {

class SqlContext;

// How a row's `*_at` times appear: ISO 8601 (the CRM records' event payloads) or milliseconds since
// the epoch as stored (messages and calls).
enum class RowTimes
{
    Iso,
    Milliseconds
};

// One stored row as an event payload: every column by name (NULL as null, integers as numbers), a
// JSON `attributes` column merged in (a column wins over an extra field of the same name), a JSON
// `attachments` column as an array. Empty when there is no such row.
QJsonObject rowJson(SqlContext &context, const QString &table, qint64 id, RowTimes times = RowTimes::Iso);

} // namespace sb
