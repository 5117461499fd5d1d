#include "DeliveryQueries.h"

#include "storage/Database.h"
#include "storage/DeliveryMapper.h"
#include "storage/OutboxMapper.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

namespace sb {

namespace {

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

std::vector<Delivery> rows(QSqlDatabase db, const QString &sql, const QVariantList &values, QString *error)
{
    std::vector<Delivery> result;
    QSqlQuery query(db);
    if (!exec(query, sql, values, error))
        return result;
    try {
        while (query.next())
            result.push_back(DeliveryMapper::fromRecord(query.record()));
    } catch (const SqlError &failure) {
        *error = QString::fromStdString(failure.what());
        result.clear();
    }
    return result;
}

qint64 single(QSqlDatabase db, const QString &sql, const QVariantList &values, QString *error)
{
    QSqlQuery query(db);
    if (!exec(query, sql, values, error))
        return 0;
    return query.next() ? query.value(0).toLongLong() : 0;
}

} // namespace

std::vector<Delivery> DeliveryQueries::page(QSqlDatabase db, const DeliveryFilter &filter, qint64 belowSeq,
    qint64 floorSeq, int limit, QString *error)
{
    QVariantList values {belowSeq, floorSeq};
    const auto where = filter.clauses(&values);
    values.append(limit);
    return rows(db,
        QStringLiteral("SELECT ") + DeliveryMapper::summaryColumns()
            + QStringLiteral(" FROM deliveries WHERE seq < ? AND seq >= ?") + where
            + QStringLiteral(" ORDER BY seq DESC LIMIT ?"),
        values, error);
}

std::vector<Delivery> DeliveryQueries::newer(
    QSqlDatabase db, const DeliveryFilter &filter, qint64 aboveSeq, qint64 upToSeq, int limit, QString *error)
{
    QVariantList values {aboveSeq, upToSeq};
    const auto where = filter.clauses(&values);
    values.append(limit);
    return rows(db,
        QStringLiteral("SELECT ") + DeliveryMapper::summaryColumns()
            + QStringLiteral(" FROM deliveries WHERE seq > ? AND seq <= ?") + where
            + QStringLiteral(" ORDER BY seq ASC LIMIT ?"),
        values, error);
}

std::vector<Delivery> DeliveryQueries::byIds(QSqlDatabase db, const QStringList &ids, QString *error)
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
        QStringLiteral("SELECT ") + DeliveryMapper::summaryColumns()
            + QStringLiteral(" FROM deliveries WHERE id IN (") + marks.join(QLatin1Char(','))
            + QLatin1Char(')'),
        values, error);
}

std::pair<qint64, qint64> DeliveryQueries::seqRange(QSqlDatabase db, QString *error)
{
    const auto low = single(db, QStringLiteral("SELECT MIN(seq) FROM deliveries"), {}, error);
    const auto high = single(db, QStringLiteral("SELECT MAX(seq) FROM deliveries"), {}, error);
    return {low, high};
}

std::pair<qint64, qint64> DeliveryQueries::seqRangeOfDates(
    QSqlDatabase db, qint64 fromMs, qint64 toMs, QString *error)
{
    auto [low, high] = seqRange(db, error);
    if (fromMs != 0) {
        low = single(db,
            QStringLiteral(
                "SELECT seq FROM deliveries WHERE created_at >= ? ORDER BY created_at, seq LIMIT 1"),
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
    if (!exec(query, QStringLiteral("SELECT id, name FROM webhook_configs ORDER BY name COLLATE NOCASE"), {},
            error))
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

namespace sb {

namespace {

std::vector<SendRow> sendRows(QSqlDatabase db, const QString &sql, const QVariantList &values, QString *error)
{
    std::vector<SendRow> result;
    QSqlQuery query(db);
    if (!exec(query, sql, values, error))
        return result;
    try {
        while (query.next()) {
            SendRow row;
            row.entry = OutboxMapper::fromRecord(query.record());
            row.seq = row.entry.id;
            result.push_back(std::move(row));
        }
    } catch (const SqlError &failure) {
        *error = QString::fromStdString(failure.what());
        result.clear();
    }
    return result;
}

} // namespace

std::vector<SendRow> SendQueries::page(
    QSqlDatabase db, const OutboxFilter &filter, qint64 belowId, qint64 floorId, int limit, QString *error)
{
    QVariantList values {belowId, floorId};
    const auto where = filter.clauses(&values);
    values.append(limit);
    return sendRows(db,
        QStringLiteral("SELECT ") + OutboxMapper::columns()
            + QStringLiteral(" FROM outbox WHERE id < ? AND id >= ?") + where
            + QStringLiteral(" ORDER BY id DESC LIMIT ?"),
        values, error);
}

std::vector<SendRow> SendQueries::newer(
    QSqlDatabase db, const OutboxFilter &filter, qint64 aboveId, qint64 upToId, int limit, QString *error)
{
    QVariantList values {aboveId, upToId};
    const auto where = filter.clauses(&values);
    values.append(limit);
    return sendRows(db,
        QStringLiteral("SELECT ") + OutboxMapper::columns()
            + QStringLiteral(" FROM outbox WHERE id > ? AND id <= ?") + where
            + QStringLiteral(" ORDER BY id ASC LIMIT ?"),
        values, error);
}

std::vector<SendRow> SendQueries::byIds(QSqlDatabase db, const QList<qint64> &ids, QString *error)
{
    if (ids.isEmpty())
        return {};
    QStringList marks;
    QVariantList values;
    for (const auto id : ids) {
        marks.append(QStringLiteral("?"));
        values.append(id);
    }
    return sendRows(db,
        QStringLiteral("SELECT ") + OutboxMapper::columns() + QStringLiteral(" FROM outbox WHERE id IN (")
            + marks.join(QLatin1Char(',')) + QLatin1Char(')'),
        values, error);
}

std::pair<qint64, qint64> SendQueries::idRange(QSqlDatabase db, QString *error)
{
    const auto low = single(db, QStringLiteral("SELECT MIN(id) FROM outbox"), {}, error);
    const auto high = single(db, QStringLiteral("SELECT MAX(id) FROM outbox"), {}, error);
    return {low, high};
}

std::pair<qint64, qint64> SendQueries::idRangeOfDates(
    QSqlDatabase db, qint64 fromMs, qint64 toMs, QString *error)
{
    const auto range = idRange(db, error);
    qint64 low = range.first;
    qint64 high = range.second;
    // No created_at index on outbox: the id range is narrowed by bisection on the primary key.
    auto firstAtOrAfter = [db, error, low, high](qint64 ms) {
        qint64 lo = low, hi = high + 1; // answer in [lo, hi]
        while (lo < hi) {
            const qint64 mid = lo + (hi - lo) / 2;
            const auto at = single(db,
                QStringLiteral("SELECT created_at FROM outbox WHERE id >= ? ORDER BY id LIMIT 1"), {mid},
                error);
            const auto idAt = single(
                db, QStringLiteral("SELECT id FROM outbox WHERE id >= ? ORDER BY id LIMIT 1"), {mid}, error);
            if (idAt == 0 || at >= ms)
                hi = mid;
            else
                lo = idAt + 1;
        }
        return lo;
    };
    if (low == 0)
        return {0, 0};
    if (fromMs != 0)
        low = firstAtOrAfter(fromMs);
    if (toMs != 0)
        high = firstAtOrAfter(toMs) - 1;
    if (low > high)
        return {0, 0};
    return {low, high};
}

} // namespace sb
