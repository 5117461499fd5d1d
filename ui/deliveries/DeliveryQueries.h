#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <optional>
#include <vector>

namespace sb {

// What the log shows of one delivery, without its payload.
struct DeliveryRow
{
    qint64 seq = 0;
    QString id;
    qint64 configId = 0;
    QString eventId;
    QString eventType;
    QString source; // who raised the event: crm, twilio, ..., api, console, test, demo
    QString inboundRequestId;
    QString status; // pending | delivered | failed, untranslated
    int attempts = 0;
    qint64 nextAttemptAt = 0;
    int lastStatus = 0;
    QString lastError;
    bool isTest = false;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

// The log's filters, turned into SQL for the page queries on the GUI connection and for the
// writer's "retry failed" job alike, so both see exactly the same set.
struct DeliveryFilter
{
    qint64 configId = 0;  // 0 = every configuration
    QString status;       // empty = any
    QString eventType;    // empty = any
    QString source;       // empty = any
    qint64 fromMs = 0;    // created_at >= fromMs; 0 = open
    qint64 toMs = 0;      // created_at < toMs; 0 = open
    QString search;       // a delivery/event id, or text in event type, source, error or HTTP status

    bool isEmpty() const;
    // " AND ..." clauses (empty when nothing is filtered) and their values, in order.
    QString clauses(QVariantList *values) const;
    bool operator==(const DeliveryFilter &) const = default;
};

// Short, bounded queries over `deliveries`: keyset ranges of the `seq` primary key (with the
// indexes of migration 004 for the filters) or rows by their unique id.
class DeliveryQueries
{
public:
    // Rows with floorSeq <= seq < belowSeq matching `filter`, newest first, at most `limit`.
    static std::vector<DeliveryRow> page(QSqlDatabase db, const DeliveryFilter &filter, qint64 belowSeq,
                                         qint64 floorSeq, int limit, QString *error);
    // Rows with aboveSeq < seq <= upToSeq matching `filter`, oldest first, at most `limit`.
    static std::vector<DeliveryRow> newer(QSqlDatabase db, const DeliveryFilter &filter, qint64 aboveSeq,
                                          qint64 upToSeq, int limit, QString *error);
    static std::vector<DeliveryRow> byIds(QSqlDatabase db, const QStringList &ids, QString *error);
    // The smallest and largest seq (0 when empty): O(1) on the primary key.
    static std::pair<qint64, qint64> seqRange(QSqlDatabase db, QString *error);
    // The seq range of rows created in [fromMs, toMs) — one index probe per end (created_at grows
    // with seq), so a date filter becomes a keyset range instead of a scan.
    static std::pair<qint64, qint64> seqRangeOfDates(QSqlDatabase db, qint64 fromMs, qint64 toMs, QString *error);
    // id → name of every configuration (a handful of rows).
    static QList<std::pair<qint64, QString>> configNames(QSqlDatabase db, QString *error);
    // The exact body of a delivery (for "Copy as curl" before its first attempt).
    static QByteArray payload(QSqlDatabase db, const QString &id, QString *error);
};

} // namespace sb
