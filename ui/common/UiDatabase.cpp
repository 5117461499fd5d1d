#include "UiDatabase.h"

namespace sb {

UiDatabase::UiDatabase(const DatabaseOptions &options)
{
    // "sb-ui" as the other per-thread connections are named; a second window (or test) in the same
    // process gets its own name, because QSqlDatabase would silently replace a duplicate.
    m_name = QStringLiteral("sb-ui");
    for (int i = 2; QSqlDatabase::contains(m_name); ++i)
        m_name = QStringLiteral("sb-ui-%1").arg(i);
    try {
        auto db = Database::open(m_name, options);
        // The console only reads; writes go through the writer thread so they are group-committed.
        execOrThrow(db, QStringLiteral("PRAGMA query_only=ON"));
    } catch (const SqlError &e) {
        m_error = e.message();
    }
}

UiDatabase::~UiDatabase()
{
    Database::close(m_name);
}

QSqlDatabase UiDatabase::db() const
{
    return QSqlDatabase::database(m_name, false);
}

} // namespace sb
