#pragma once

#include "domain/Messaging.h"

#include <QSqlRecord>
#include <QString>

namespace sb {

// The `messages`, `conversations` and `calls` tables as their domain types. Columns are read by name
// (a column not selected leaves its field at the default); a status, channel or direction the program
// does not know throws SqlError naming the row. `columns(alias)` lists every column, each spelled
// "alias.name AS name" when an alias is given (for joins).
class MessageMapper
{
public:
    static QString columns(const QString &alias = {});
    static Message fromRecord(const QSqlRecord &row);
};

class ConversationMapper
{
public:
    static QString columns(const QString &alias = {});
    static Conversation fromRecord(const QSqlRecord &row);
};

class CallMapper
{
public:
    static QString columns(const QString &alias = {});
    static Call fromRecord(const QSqlRecord &row);
};

// "a.x AS x, a.y AS y" (or "x, y" without an alias).
QString aliasedColumns(const QStringList &names, const QString &alias);

} // namespace sb
