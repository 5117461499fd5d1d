#include "InboundQueries.h"

#include "storage/Database.h"
#include "storage/InboundMapper.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

namespace sb {

namespace {

std::vector<InboundSummary> summaries(
    QSqlDatabase db, const QString &sql, const QVariantList &values, QString *error)
{
    std::vector<InboundSummary> rows;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        *error = query.lastError().text();
        return rows;
    }
    for (const auto &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        *error = query.lastError().text();
        return rows;
    }
    try {
        while (query.next())
            rows.push_back(InboundMapper::summaryFromRecord(query.record()));
    } catch (const SqlError &failure) {
        *error = QString::fromStdString(failure.what());
        rows.clear();
    }
    return rows;
}

} // namespace

std::vector<InboundSummary> InboundQueries::newerThan(
    QSqlDatabase db, qint64 newerThan, int limit, QString *error)
{
    return summaries(db,
        QStringLiteral("SELECT ") + InboundMapper::summaryColumns()
            + QStringLiteral(" FROM inbound_requests WHERE seq > ? ORDER BY seq ASC LIMIT ?"),
        {newerThan, limit}, error);
}

std::vector<InboundSummary> InboundQueries::page(
    QSqlDatabase db, const InboundFilter &filter, qint64 belowSeq, qint64 floorSeq, int limit, QString *error)
{
    QVariantList values {belowSeq, floorSeq};
    const QString sql = QStringLiteral("SELECT ") + InboundMapper::summaryColumns()
        + QStringLiteral(" FROM inbound_requests WHERE seq < ? AND seq >= ?") + filter.clauses(&values)
        + QStringLiteral(" ORDER BY seq DESC LIMIT ?");
    values.append(limit);
    return summaries(db, sql, values, error);
}

std::pair<qint64, qint64> InboundQueries::seqRange(QSqlDatabase db, QString *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(
            QStringLiteral("SELECT COALESCE(MIN(seq), 0), COALESCE(MAX(seq), 0) FROM inbound_requests"))
        || !query.next()) {
        *error = query.lastError().text();
        return {0, 0};
    }
    return {query.value(0).toLongLong(), query.value(1).toLongLong()};
}

std::optional<InboundRecord> InboundQueries::record(QSqlDatabase db, const QString &id, QString *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + InboundMapper::columns()
        + QStringLiteral(" FROM inbound_requests WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec()) {
        *error = query.lastError().text();
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    try {
        return InboundMapper::fromRecord(query.record());
    } catch (const SqlError &failure) {
        *error = QString::fromStdString(failure.what());
        return std::nullopt;
    }
}

} // namespace sb
