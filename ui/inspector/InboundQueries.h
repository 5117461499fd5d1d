#pragma once

#include "domain/DomainEvent.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <optional>
#include <vector>

namespace sb {

// One stored inbound request with everything the detail pane shows.
struct InboundRecord
{
    InboundSummary summary;
    QString target;
    QByteArray rawHead; // request line + header lines exactly as received
    QByteArray body;
    QString peer;
    QString handler;
    QString source;
    QString verificationDetail;
    QByteArray stringToSign;
    QByteArray responseBody;
    QString error;
    qint64 durationUs = 0;
    QString replayOf;      // set on a replay: the record it re-ran
    qint64 replayedAtMs = 0;

    QString requestLine() const;
    // Header lines of raw_head in arrival order, names as sent.
    QList<QPair<QString, QString>> headers() const;
    QByteArray header(QByteArrayView name) const;
};

// The inspector's filters, turned into SQL for the page queries and into the same test for requests
// that arrive live.
struct InboundFilter
{
    QString status; // processed | duplicate | rejected; empty = any
    // Text in path, provider, event, status, client address or HTTP status, or a record id.
    QString search;

    bool isEmpty() const { return status.isEmpty() && search.trimmed().isEmpty(); }
    // " AND ..." clauses (empty when nothing is filtered) and their values, in order.
    QString clauses(QVariantList *values) const;
    bool matches(const InboundSummary &summary) const;
    bool operator==(const InboundFilter &) const = default;
};

// The short, indexed queries the inbound views run on the GUI connection. Every one is bounded:
// a keyset range over the `seq` primary key or a single row by its unique id.
class InboundQueries
{
public:
    // Up to `limit` summaries with floorSeq <= seq < belowSeq matching `filter`, newest first.
    static std::vector<InboundSummary> page(QSqlDatabase db, const InboundFilter &filter, qint64 belowSeq,
                                            qint64 floorSeq, int limit, QString *error);
    // The lowest and highest seq stored (0, 0 when there is none).
    static std::pair<qint64, qint64> seqRange(QSqlDatabase db, QString *error);
    // Up to `limit` summaries with seq > `newerThan`, oldest first (so a caller can page forward).
    static std::vector<InboundSummary> newerThan(QSqlDatabase db, qint64 newerThan, int limit, QString *error);
    static std::optional<InboundRecord> record(QSqlDatabase db, const QString &id, QString *error);
};

} // namespace sb
