#pragma once

#include "domain/InboundRecord.h"
#include "storage/InboundFilter.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>
#include <optional>
#include <vector>

namespace sb {

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
    static std::vector<InboundSummary> newerThan(
        QSqlDatabase db, qint64 newerThan, int limit, QString *error);
    static std::optional<InboundRecord> record(QSqlDatabase db, const QString &id, QString *error);
};

} // namespace sb
