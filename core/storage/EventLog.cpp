#include "EventLog.h"

#include "SqlWorker.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>
#include <limits>

namespace sb {

namespace {

bool hasPrefix(QStringView type, const char *prefix)
{
    return type.startsWith(QLatin1String(prefix));
}

} // namespace

QString EventLog::topicOf(QStringView type)
{
    for (const char *prefix : {"lead.", "pre_lead.", "contact.", "memo.", "activity.", "customer.", "order.",
             "payment.", "task."}) {
        if (hasPrefix(type, prefix))
            return QStringLiteral("leads");
    }
    for (const char *prefix :
        {"message.", "call.", "recording.", "conversation.", "voice.", "agent.", "transfer."}) {
        if (hasPrefix(type, prefix))
            return QStringLiteral("conversations");
    }
    if (hasPrefix(type, "campaign."))
        return QStringLiteral("campaigns");
    if (hasPrefix(type, "inbound."))
        return QStringLiteral("inbound");
    if (hasPrefix(type, "delivery."))
        return QStringLiteral("deliveries");
    return QStringLiteral("notifications"); // notification.*, announcement.*, ticket.*, others
}

qint64 EventLog::idFrom(const QJsonObject &payload, std::initializer_list<const char *> keys)
{
    for (const char *key : keys) {
        const auto value = payload.value(QLatin1String(key));
        if (value.isDouble()) {
            const auto id = value.toInteger();
            if (id > 0)
                return id;
        } else if (value.isString()) {
            bool ok = false;
            const auto id = value.toString().toLongLong(&ok);
            if (ok && id > 0)
                return id;
        }
    }
    return 0;
}

StreamEvent EventLog::entryFor(const DomainEvent &event)
{
    StreamEvent entry;
    entry.type = event.type;
    entry.topic = topicOf(event.type);
    entry.occurredAtMs = event.occurredAtMs;
    entry.data = event.payload;
    entry.data.insert(QStringLiteral("eventId"), event.id);
    entry.data.insert(QStringLiteral("origin"), event.origin);
    entry.leadId = idFrom(event.payload, {"leadId", "lead_id"});
    if (entry.leadId == 0 && event.type.startsWith(QLatin1String("lead."))) {
        const auto lead = event.payload.value(QStringLiteral("lead")).toObject();
        entry.leadId = idFrom(lead, {"id"});
    }
    entry.conversationId = idFrom(event.payload, {"conversationId", "conversation_id"});
    return entry;
}

void EventLog::append(SqlContext &context, StreamEvent &entry)
{
    const auto data = QJsonDocument(entry.data).toJson(QJsonDocument::Compact);
    entry.seq = context.write(
        QStringLiteral("INSERT INTO event_log(type, topic, lead_id, conversation_id, occurred_at, data) "
                       "VALUES(?,?,?,?,?,?)"),
        {entry.type, entry.topic,
            entry.leadId > 0 ? QVariant(entry.leadId) : QVariant(QMetaType(QMetaType::LongLong)),
            entry.conversationId > 0 ? QVariant(entry.conversationId)
                                     : QVariant(QMetaType(QMetaType::LongLong)),
            entry.occurredAtMs, QString::fromUtf8(data)});
}

QList<StreamEvent> EventLog::after(SqlContext &context, qint64 since, int limit)
{
    auto &query = context.run(
        QStringLiteral("SELECT seq, type, topic, lead_id, conversation_id, occurred_at, data FROM event_log "
                       "WHERE seq > ? ORDER BY seq LIMIT ?"),
        {since, limit});
    QList<StreamEvent> entries;
    while (query.next()) {
        StreamEvent entry;
        entry.seq = query.value(0).toLongLong();
        entry.type = query.value(1).toString();
        entry.topic = query.value(2).toString();
        entry.leadId = query.value(3).toLongLong();
        entry.conversationId = query.value(4).toLongLong();
        entry.occurredAtMs = query.value(5).toLongLong();
        entry.data = QJsonDocument::fromJson(query.value(6).toString().toUtf8()).object();
        entries.append(std::move(entry));
    }
    query.finish();
    return entries;
}

EventLog::Bounds EventLog::bounds(SqlContext &context)
{
    Bounds bounds;
    auto &latest
        = context.run(QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name = 'event_log'"), {});
    bounds.latest = latest.next() ? latest.value(0).toLongLong() : 0;
    latest.finish();
    auto &oldest = context.run(QStringLiteral("SELECT MIN(seq) FROM event_log"), {});
    const auto value = oldest.next() ? oldest.value(0) : QVariant();
    oldest.finish();
    bounds.oldest = value.isNull() ? bounds.latest + 1 : value.toLongLong();
    return bounds;
}

int EventLog::prune(SqlContext &context, const Retention &retention, qint64 nowMs)
{
    // Always a prefix of the log (Bounds::oldest is MIN(seq)): everything before the first entry
    // that is recent enough and within the row count. Rows are visited in seq order from the
    // oldest, so the cost follows what is deleted.
    auto &firstRecent
        = context.run(QStringLiteral("SELECT seq FROM event_log WHERE occurred_at >= ? ORDER BY seq LIMIT 1"),
            {nowMs - retention.maxAgeMs});
    const qint64 keepFrom
        = firstRecent.next() ? firstRecent.value(0).toLongLong() : std::numeric_limits<qint64>::max();
    firstRecent.finish();
    const auto latest = bounds(context).latest;
    const qint64 keepByCount = latest - retention.maxRows + 1;
    auto &removed = context.run(QStringLiteral("DELETE FROM event_log WHERE seq < ?"),
        {std::max(keepByCount, std::min(keepFrom, latest + 1))});
    return removed.numRowsAffected();
}

} // namespace sb
