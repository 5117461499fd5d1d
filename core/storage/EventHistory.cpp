#include "EventHistory.h"

#include "domain/Messaging.h"
#include "storage/OutboxMapper.h"
#include "storage/SqlWorker.h"

#include <QSqlRecord>
#include <QVariant>

namespace sb {

namespace {

// The three selects give the same columns, in the same order.
const QString inboundSelect = QStringLiteral(
    "SELECT id, 'inbound' AS direction, provider AS source, event_type, status, NULL AS config_id, 1 AS "
    "attempts, "
    "body AS payload, response_status AS last_status, received_at AS created_at, received_at AS updated_at, "
    "NULL AS channel, NULL AS last_error, NULL AS message_id, NULL AS service_id, NULL AS provider_id "
    "FROM inbound_requests WHERE 1 = 1");
const QString outboundSelect = QStringLiteral(
    "SELECT id, 'outbound' AS direction, source, event_type, "
    "status, config_id, attempts, payload, last_status, "
    "created_at, updated_at, ? AS channel, last_error, NULL AS message_id, NULL AS service_id, "
    "NULL AS provider_id FROM deliveries WHERE 1 = 1");
const QString sendSelect = QStringLiteral(
    "SELECT 'snd_' || id AS id, 'outbound' AS direction, provider AS source, ? AS event_type, status, NULL "
    "AS "
    "config_id, attempts, request AS payload, last_status, created_at, updated_at, channel, last_error, "
    "message_id, service_id, provider_id FROM outbox WHERE 1 = 1");

QVariantList outboundValues()
{
    return {LogChannel {}.name()};
}
QVariantList sendValues()
{
    return {EventHistory::sendEventType()};
}

// The filtered union as a sub-select, or empty when both sides are left out.
QString unionOf(const HistoryFilter &filter, QVariantList *values)
{
    QStringList parts;
    if (filter.inbound)
        parts.append(inboundSelect + filter.inboundFilter.clauses(values));
    if (filter.outbound) {
        values->append(outboundValues());
        parts.append(outboundSelect + filter.deliveryFilter.clauses(values));
    }
    if (filter.sends) {
        values->append(sendValues());
        parts.append(sendSelect + filter.outboxFilter.clauses(values));
    }
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
    entry.channel = row.value(QStringLiteral("channel")).toString();
    entry.lastError = row.value(QStringLiteral("last_error")).toString();
    entry.messageId = row.value(QStringLiteral("message_id")).toLongLong();
    entry.serviceId = row.value(QStringLiteral("service_id")).toLongLong();
    entry.providerId = row.value(QStringLiteral("provider_id")).toString();
    return entry;
}

} // namespace

QString EventHistory::sendEventType()
{
    return QStringLiteral("message.send");
}

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
    if (const auto outboxId = OutboxMapper::outboxIdOf(id); outboxId != 0) {
        auto values = sendValues();
        values.append(outboxId);
        auto &query = context.run(sendSelect + QStringLiteral(" AND id = ?"), values);
        std::optional<HistoryEntry> entry;
        if (query.next())
            entry = entryFrom(query.record());
        query.finish();
        return entry;
    }
    auto values = QVariantList {id} + outboundValues();
    values.append(id);
    auto &query = context.run(QStringLiteral("SELECT * FROM (") + inboundSelect
            + QStringLiteral(" AND id = ? UNION ALL ") + outboundSelect + QStringLiteral(" AND id = ?)"),
        values);
    std::optional<HistoryEntry> entry;
    if (query.next())
        entry = entryFrom(query.record());
    query.finish();
    return entry;
}

} // namespace sb
