#include "DeliveryQueries.h"

#include "storage/Database.h"
#include "storage/DeliveryMapper.h"

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
