#pragma once

#include "domain/InboundRecord.h"

#include <QSqlRecord>
#include <QString>

namespace sb {

// The `inbound_requests` table as an InboundSummary / InboundRecord. Columns are read by name, so a
// query may select them in any order; a column it did not select leaves that field at its default.
// A status the program does not know throws SqlError naming the row.
class InboundMapper
{
public:
    // The columns of an InboundSummary (the inspector's list rows).
    static QString summaryColumns();
    // Every column an InboundRecord holds.
    static QString columns();
    static InboundSummary summaryFromRecord(const QSqlRecord &row);
    static InboundRecord fromRecord(const QSqlRecord &row);
};

} // namespace sb
