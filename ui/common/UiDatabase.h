#pragma once

#include "storage/Database.h"

#include <QSqlDatabase>
#include <QString>

namespace sb {

// The GUI thread's own read-only connection. Views run only short, indexed queries on it (keyset
// pages, one row by id): in WAL mode they read a consistent snapshot while the writer commits, so
// the GUI never waits behind the group commit or behind the HTTP API's queries on the reader.
class UiDatabase
{
public:
    explicit UiDatabase(const DatabaseOptions &options);
    ~UiDatabase();
    UiDatabase(const UiDatabase &) = delete;
    UiDatabase &operator=(const UiDatabase &) = delete;

    bool isOpen() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    QSqlDatabase db() const;

private:
    QString m_name;
    QString m_error;
};

} // namespace sb
