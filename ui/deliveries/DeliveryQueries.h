#pragma once

#include "domain/Delivery.h"
#include "storage/DeliveryFilter.h"
#include "storage/OutboxFilter.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <optional>
#include <vector>

namespace sb {

// Short, bounded queries over `deliveries` (rows without their payload, see
// DeliveryMapper::summaryColumns): keyset ranges of the `seq` primary key (with the
// indexes of migration 004 for the filters) or rows by their unique id.
class DeliveryQueries
{
public:
    // Rows with floorSeq <= seq < belowSeq matching `filter`, newest first, at most `limit`.
    static std::vector<Delivery> page(QSqlDatabase db, const DeliveryFilter &filter, qint64 belowSeq,
        qint64 floorSeq, int limit, QString *error);
    // Rows with aboveSeq < seq <= upToSeq matching `filter`, oldest first, at most `limit`.
    static std::vector<Delivery> newer(QSqlDatabase db, const DeliveryFilter &filter, qint64 aboveSeq,
        qint64 upToSeq, int limit, QString *error);
    static std::vector<Delivery> byIds(QSqlDatabase db, const QStringList &ids, QString *error);
    // The smallest and largest seq (0 when empty): O(1) on the primary key.
    static std::pair<qint64, qint64> seqRange(QSqlDatabase db, QString *error);
    // The seq range of rows created in [fromMs, toMs) — one index probe per end (created_at grows
    // with seq), so a date filter becomes a keyset range instead of a scan.
    static std::pair<qint64, qint64> seqRangeOfDates(
        QSqlDatabase db, qint64 fromMs, qint64 toMs, QString *error);
    // id → name of every configuration (a handful of rows).
    static QList<std::pair<qint64, QString>> configNames(QSqlDatabase db, QString *error);
    // The exact body of a delivery (for "Copy as curl" before its first attempt).
    static QByteArray payload(QSqlDatabase db, const QString &id, QString *error);
};

} // namespace sb

namespace sb {

// One row of the send log: an outbox entry keyed by its id (its keyset "seq").
struct SendRow
{
    qint64 seq = 0; // outbox.id
    OutboxEntry entry;
};

// The same bounded queries over `outbox` (keyset ranges of its primary key), read through
// OutboxMapper.
class SendQueries
{
public:
    static std::vector<SendRow> page(QSqlDatabase db, const OutboxFilter &filter, qint64 belowId,
        qint64 floorId, int limit, QString *error);
    static std::vector<SendRow> newer(QSqlDatabase db, const OutboxFilter &filter, qint64 aboveId,
        qint64 upToId, int limit, QString *error);
    static std::vector<SendRow> byIds(QSqlDatabase db, const QList<qint64> &ids, QString *error);
    static std::pair<qint64, qint64> idRange(QSqlDatabase db, QString *error);
    // Ids grow with created_at: a date filter becomes an id range (one probe per end).
    static std::pair<qint64, qint64> idRangeOfDates(
        QSqlDatabase db, qint64 fromMs, qint64 toMs, QString *error);
};

} // namespace sb
