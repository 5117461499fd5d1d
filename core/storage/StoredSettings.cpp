#include "StoredSettings.h"

#include "SqlWorker.h"

#include <QSqlQuery>

namespace sb::StoredSettings {

std::optional<QString> value(SqlContext &context, const QString &key)
{
    auto &query = context.run(QStringLiteral("SELECT value FROM settings WHERE key = ?"), {key});
    std::optional<QString> found;
    if (query.next())
        found = query.value(0).toString();
    query.finish();
    return found;
}

void put(SqlContext &context, const QString &key, const QString &value)
{
    if (value.isEmpty()) {
        context.write(QStringLiteral("DELETE FROM settings WHERE key = ?"), {key});
        return;
    }
    context.write(QStringLiteral("INSERT INTO settings(key, value) VALUES(?, ?) "
                                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
        {key, value});
}

} // namespace sb::StoredSettings
