#include "DeliveryFilter.h"

#include "storage/SqlPattern.h"

#include <QVariant>

namespace sb {

namespace {

bool looksLikeId(const QString &text)
{
    return text.startsWith(QLatin1String("msg_")) || text.startsWith(QLatin1String("evt_"));
}

} // namespace

bool DeliveryFilter::isEmpty() const
{
    return configId == 0 && !status && eventType.isEmpty() && source.isEmpty() && fromMs == 0 && toMs == 0
        && search.trimmed().isEmpty();
}

QString DeliveryFilter::clauses(QVariantList *values) const
{
    QString sql;
    if (configId != 0) {
        sql += QStringLiteral(" AND config_id = ?");
        values->append(configId);
    }
    if (status) {
        sql += QStringLiteral(" AND status = ?");
        values->append(deliveryStatusName(*status));
    }
    if (!eventType.isEmpty()) {
        sql += QStringLiteral(" AND event_type = ?");
        values->append(eventType);
    }
    if (!source.isEmpty()) {
        sql += QStringLiteral(" AND source = ?");
        values->append(source);
    }
    if (fromMs != 0) {
        sql += QStringLiteral(" AND created_at >= ?");
        values->append(fromMs);
    }
    if (toMs != 0) {
        sql += QStringLiteral(" AND created_at < ?");
        values->append(toMs);
    }
    const auto text = search.trimmed();
    if (text.isEmpty())
        return sql;
    if (looksLikeId(text)) {
        // Ids are looked up, not scanned: both columns are indexed.
        sql += QStringLiteral(" AND (id = ? OR event_id = ?)");
        values->append(text);
        values->append(text);
        return sql;
    }
    // Substring search; the console bounds it with a keyset window so no query scans the table.
    const auto pattern = containsPattern(text);
    sql += QStringLiteral(" AND (event_type LIKE ? ESCAPE '\\' OR source LIKE ? ESCAPE '\\' "
                          "OR last_error LIKE ? ESCAPE '\\' OR last_status = ?)");
    values->append(pattern);
    values->append(pattern);
    values->append(pattern);
    bool numeric = false;
    const int code = text.toInt(&numeric);
    values->append(numeric ? QVariant(code) : QVariant(-1));
    return sql;
}

} // namespace sb
