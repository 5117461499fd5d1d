#pragma once

#include "domain/Lead.h"

#include <QSqlRecord>
#include <QString>

namespace sb {

// The `leads` table as a Lead: columns read by name (one not selected keeps its default); a status,
// lifecycle or priority the program does not know throws SqlError naming the row.
class LeadMapper
{
public:
    static QString columns(const QString &alias = {});
    static Lead fromRecord(const QSqlRecord &row);
};

} // namespace sb
