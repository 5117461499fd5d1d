#pragma once

#include "domain/Delivery.h"

#include <QSqlRecord>
#include <QString>

namespace sb {

// The `deliveries` table as a Delivery. Columns are read by name, so a query may select them in any
// order; a column it did not select leaves that field at its default. A status the program does not
// know throws SqlError naming the row.
class DeliveryMapper
{
public:
    // Every column a Delivery holds.
    static QString columns();
    // The same without the payload (the console's log rows).
    static QString summaryColumns();
    static Delivery fromRecord(const QSqlRecord &row);
    // A relay's forwarded headers as stored (relay_headers) and back, byte for byte.
    static QString relayHeadersJson(const QList<QPair<QByteArray, QByteArray>> &headers);
    static QList<QPair<QByteArray, QByteArray>> relayHeadersFrom(const QString &json);
};

// The `delivery_attempts` table as a DeliveryAttempt (same rules).
class DeliveryAttemptMapper
{
public:
    static QString columns();
    static DeliveryAttempt fromRecord(const QSqlRecord &row);
    // Stored header lists ([["name","value"],...]) and back.
    static QList<QPair<QByteArray, QByteArray>> headersFrom(const QByteArray &json);
    static QByteArray headersJson(const QList<QPair<QByteArray, QByteArray>> &headers);
};

} // namespace sb
