#pragma once

#include "storage/Database.h"

#include <QSqlRecord>
#include <QString>
#include <QVariant>
#include <optional>

namespace sb {

// Reads one row's columns by name for the table mappers: a column the query did not select gives an
// invalid QVariant (the field keeps its default); an enum column holding a name the program does not
// know throws SqlError naming the table, the row and the value.
class RecordColumns
{
public:
    RecordColumns(const QSqlRecord &row, const char *table)
        : m_row(row)
        , m_table(table)
    { }

    QVariant value(const char *name) const
    {
        const int index = m_row.indexOf(QLatin1String(name));
        return index < 0 ? QVariant() : m_row.value(index);
    }
    bool has(const char *name) const { return m_row.indexOf(QLatin1String(name)) >= 0; }
    QString text(const char *name) const { return value(name).toString(); }
    qint64 number(const char *name) const { return value(name).toLongLong(); }
    std::optional<qint64> optionalNumber(const char *name) const
    {
        const auto v = value(name);
        return v.isValid() && !v.isNull() ? std::optional<qint64>(v.toLongLong()) : std::nullopt;
    }

    // `field` = fromName(column text) when the column was selected and not NULL.
    template <typename Enum, typename FromName>
    void readEnum(const char *name, FromName fromName, Enum &field) const
    {
        const auto v = value(name);
        if (!v.isValid() || v.isNull())
            return;
        const auto text = v.toString();
        const auto known = fromName(text);
        if (!known)
            throw SqlError(
                QStringLiteral("%1 row %2 has an unknown %3 '%4'")
                    .arg(QLatin1String(m_table), value("id").toString(), QLatin1String(name), text));
        field = *known;
    }

private:
    const QSqlRecord &m_row;
    const char *m_table;
};

} // namespace sb
