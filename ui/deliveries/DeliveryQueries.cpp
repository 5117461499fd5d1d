#include "DeliveryQueries.h"

#include "common/SqlPattern.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace sb {

namespace {

const QString rowColumns = QStringLiteral(
    "seq, id, config_id, event_id, event_type, source, status, attempts, next_attempt_at, last_status, last_error, "
    "is_test, created_at, updated_at, inbound_request_id");

DeliveryRow readRow(const QSqlQuery &query)
{
    DeliveryRow r;
    r.seq = query.value(0).toLongLong();
    r.id = query.value(1).toString();
    r.configId = query.value(2).toLongLong();
    r.eventId = query.value(3).toString();
    r.eventType = query.value(4).toString();
    r.source = query.value(5).toString();
    r.status = query.value(6).toString();
    r.attempts = query.value(7).toInt();
    r.nextAttemptAt = query.value(8).toLongLong();
    r.lastStatus = query.value(9).toInt();
    r.lastError = query.value(10).toString();
    r.isTest = query.value(11).toBool();
    r.createdAt = query.value(12).toLongLong();
    r.updatedAt = query.value(13).toLongLong();
    r.inboundRequestId = query.value(14).toString();
    return r;
}

bool exec(QSqlQuery &query, const QString &sql, const QVariantList &values, QString *error)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        *error = query.lastError().text();
        return false;
    }
    for (const auto &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

std::vector<DeliveryRow> rows(QSqlDatabase db, const QString &sql, const QVariantList &values, QString *error)
{
    std::vector<DeliveryRow> result;
    QSqlQuery query(db);
    if (!exec(query, sql, values, error))
        return result;
    while (query.next())
        result.push_back(readRow(query));
    return result;
}

qint64 single(QSqlDatabase db, const QString &sql, const QVariantList &values, QString *error)
{
    QSqlQuery query(db);
    if (!exec(query, sql, values, error))
        return 0;
    return query.next() ? query.value(0).toLongLong() : 0;
}

bool looksLikeId(const QString &text)
{
    return text.startsWith(QLatin1String("msg_")) || text.startsWith(QLatin1String("evt_"));
}

} // namespace

bool DeliveryFilter::isEmpty() const
{
    return configId == 0 && status.isEmpty() && eventType.isEmpty() && source.isEmpty() && fromMs == 0 && toMs == 0
        && search.trimmed().isEmpty();
}

QString DeliveryFilter::clauses(QVariantList *values) const
{
    QString sql;
    if (configId != 0) {
        sql += QStringLiteral(" AND config_id = ?");
        values->append(configId);
    }
    if (!status.isEmpty()) {
        sql += QStringLiteral(" AND status = ?");
        values->append(status);
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
    // Substring search; the caller bounds it with a keyset window so no query scans the table.
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

std::vector<DeliveryRow> DeliveryQueries::page(QSqlDatabase db, const DeliveryFilter &filter, qint64 belowSeq,
                                               qint64 floorSeq, int limit, QString *error)
{
    QVariantList values{belowSeq, floorSeq};
    const auto where = filter.clauses(&values);
    values.append(limit);
    return rows(db,
                QStringLiteral("SELECT ") + rowColumns + QStringLiteral(" FROM deliveries WHERE seq < ? AND seq >= ?")
                    + where + QStringLiteral(" ORDER BY seq DESC LIMIT ?"),
                values, error);
}

std::vector<DeliveryRow> DeliveryQueries::newer(QSqlDatabase db, const DeliveryFilter &filter, qint64 aboveSeq,
                                                qint64 upToSeq, int limit, QString *error)
{
    QVariantList values{aboveSeq, upToSeq};
    const auto where = filter.clauses(&values);
    values.append(limit);
    return rows(db,
                QStringLiteral("SELECT ") + rowColumns + QStringLiteral(" FROM deliveries WHERE seq > ? AND seq <= ?")
                    + where + QStringLiteral(" ORDER BY seq ASC LIMIT ?"),
                values, error);
}

std::vector<DeliveryRow> DeliveryQueries::byIds(QSqlDatabase db, const QStringList &ids, QString *error)
{
    if (ids.isEmpty())
        return {};
    QStringList marks;
    QVariantList values;
    for (const auto &id : ids) {
        marks.append(QStringLiteral("?"));
        values.append(id);
    }
    return rows(db,
                QStringLiteral("SELECT ") + rowColumns + QStringLiteral(" FROM deliveries WHERE id IN (")
                    + marks.join(QLatin1Char(',')) + QLatin1Char(')'),
                values, error);
}

std::pair<qint64, qint64> DeliveryQueries::seqRange(QSqlDatabase db, QString *error)
{
    const auto low = single(db, QStringLiteral("SELECT MIN(seq) FROM deliveries"), {}, error);
    const auto high = single(db, QStringLiteral("SELECT MAX(seq) FROM deliveries"), {}, error);
    return {low, high};
}

std::pair<qint64, qint64> DeliveryQueries::seqRangeOfDates(QSqlDatabase db, qint64 fromMs, qint64 toMs, QString *error)
{
    auto [low, high] = seqRange(db, error);
    if (fromMs != 0) {
        low = single(db,
                     QStringLiteral("SELECT seq FROM deliveries WHERE created_at >= ? ORDER BY created_at, seq LIMIT 1"),
                     {fromMs}, error);
        if (low == 0)
            return {0, 0}; // nothing that new
    }
    if (toMs != 0) {
        high = single(db,
                      QStringLiteral("SELECT seq FROM deliveries WHERE created_at < ? "
                                     "ORDER BY created_at DESC, seq DESC LIMIT 1"),
                      {toMs}, error);
        if (high == 0)
            return {0, 0}; // nothing that old
    }
    return {low, high};
}

QList<std::pair<qint64, QString>> DeliveryQueries::configNames(QSqlDatabase db, QString *error)
{
    QList<std::pair<qint64, QString>> names;
    QSqlQuery query(db);
    if (!exec(query, QStringLiteral("SELECT id, name FROM webhook_configs ORDER BY name COLLATE NOCASE"), {}, error))
        return names;
    while (query.next())
        names.append({query.value(0).toLongLong(), query.value(1).toString()});
    return names;
}

QByteArray DeliveryQueries::payload(QSqlDatabase db, const QString &id, QString *error)
{
    QSqlQuery query(db);
    if (!exec(query, QStringLiteral("SELECT payload FROM deliveries WHERE id = ?"), {id}, error))
        return {};
    return query.next() ? query.value(0).toByteArray() : QByteArray();
}

} // namespace sb
