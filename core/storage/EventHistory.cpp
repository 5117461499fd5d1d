#include "EventHistory.h"

#include "domain/Messaging.h"
#include "storage/SqlWorker.h"

#include <QSqlRecord>
#include <QVariant>

namespace sb {

namespace {

const QString inboundSelect = QStringLiteral(
    "SELECT id, 'inbound' AS direction, provider AS source, event_type, status, NULL AS config_id, 1 AS "
    "attempts, "
    "body AS payload, response_status AS last_status, received_at AS created_at, received_at AS updated_at "
    "FROM inbound_requests WHERE 1 = 1");
const QString outboundSelect = QStringLiteral("SELECT id, 'outbound' AS direction, source, event_type, "
                                              "status, config_id, attempts, payload, last_status, "
                                              "created_at, updated_at FROM deliveries WHERE 1 = 1");

// The filtered union as a sub-select, or empty when both sides are left out.
QString unionOf(const HistoryFilter &filter, QVariantList *values)
{
    QStringList parts;
    if (filter.inbound)
        parts.append(inboundSelect + filter.inboundFilter.clauses(values));
    if (filter.outbound)
        parts.append(outboundSelect + filter.deliveryFilter.clauses(values));
    return parts.join(QStringLiteral(" UNION ALL "));
}

HistoryEntry entryFrom(const QSqlRecord &row)
{
    HistoryEntry entry;
    entry.id = row.value(QStringLiteral("id")).toString();
    entry.direction
        = directionFromName(row.value(QStringLiteral("direction")).toString()) == Direction::Outbound
        ? HistoryEntry::Direction::Outbound
        : HistoryEntry::Direction::Inbound;
    entry.source = row.value(QStringLiteral("source")).toString();
    entry.eventType = row.value(QStringLiteral("event_type")).toString();
    entry.status = row.value(QStringLiteral("status")).toString();
    entry.configId = row.value(QStringLiteral("config_id")).toLongLong();
    entry.attempts = row.value(QStringLiteral("attempts")).toInt();
    entry.payload = row.value(QStringLiteral("payload")).toByteArray();
    entry.lastStatus = row.value(QStringLiteral("last_status")).toInt();
    entry.createdAt = row.value(QStringLiteral("created_at")).toLongLong();
    entry.updatedAt = row.value(QStringLiteral("updated_at")).toLongLong();
    return entry;
}

} // namespace

qint64 EventHistory::count(SqlContext &context, const HistoryFilter &filter)
{
    QVariantList values;
    const auto from = unionOf(filter, &values);
    if (from.isEmpty())
        return 0;
    auto &query = context.run(QStringLiteral("SELECT COUNT(*) FROM (") + from + QLatin1Char(')'), values);
    const qint64 total = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return total;
}

QList<HistoryEntry> EventHistory::page(
    SqlContext &context, const HistoryFilter &filter, int limit, qint64 offset)
{
    QVariantList values;
    const auto from = unionOf(filter, &values);
    if (from.isEmpty())
        return {};
    values << limit << offset;
    auto &query = context.run(QStringLiteral("SELECT * FROM (") + from
            + QStringLiteral(") ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?"),
        values);
    QList<HistoryEntry> entries;
    while (query.next())
        entries.append(entryFrom(query.record()));
    query.finish();
    return entries;
}

std::optional<HistoryEntry> EventHistory::find(SqlContext &context, const QString &id)
{
    auto &query = context.run(QStringLiteral("SELECT * FROM (") + inboundSelect
            + QStringLiteral(" AND id = ? UNION ALL ") + outboundSelect + QStringLiteral(" AND id = ?)"),
        {id, id});
    std::optional<HistoryEntry> entry;
    if (query.next())
        entry = entryFrom(query.record());
    query.finish();
    return entry;
}

} // namespace sb
