#pragma once

#include "domain/Outbox.h"

#include <QSqlRecord>
#include <QString>

namespace sb {

// The `outbox` table as an OutboxEntry. Columns are read by name, so a query may select them in any
// order; a column it did not select leaves that field at its default. A status or channel the
// program does not know throws SqlError naming the row.
class OutboxMapper
{
public:
    // Every column an OutboxEntry holds.
    static QString columns();
    static OutboxEntry fromRecord(const QSqlRecord &row);
    // The recipient of an entry (its request's `to`): a phone number, an address, a device token or
    // a chat webhook (whose URL is a credential and is never stored in the request).
    static QString recipient(const OutboxEntry &entry);
    // Sends appear in the event history and the console as "snd_<outbox id>"; 0 when `id` is not one.
    static QString recordId(qint64 outboxId);
    static qint64 outboxIdOf(const QString &recordId);
};

// The `outbox_attempts` table as an OutboxAttempt (same rules).
class OutboxAttemptMapper
{
public:
    static QString columns();
    static OutboxAttempt fromRecord(const QSqlRecord &row);
};

} // namespace sb
