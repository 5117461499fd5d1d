#include "InboundFilter.h"

#include "storage/SqlPattern.h"

#include <QVariant>

namespace sb {

namespace {

bool isRecordId(const QString &text)
{
    return text.startsWith(QLatin1String("evt_"), Qt::CaseInsensitive) && !text.contains(QLatin1Char(' '));
}

} // namespace

bool InboundFilter::isEmpty() const
{
    return status.isEmpty() && search.trimmed().isEmpty() && provider.isEmpty() && eventType.isEmpty()
        && fromMs == 0 && toMs == 0;
}

QString InboundFilter::clauses(QVariantList *values) const
{
    QString sql;
    if (!status.isEmpty()) {
        if (const auto known = inboundStatusFromName(status)) {
            sql += QStringLiteral(" AND status = ?");
            values->append(inboundStatusName(*known));
        } else {
            sql += QStringLiteral(" AND 0");
        }
    }
    if (!provider.isEmpty()) {
        sql += QStringLiteral(" AND provider = ?");
        values->append(provider);
    }
    if (!eventType.isEmpty()) {
        sql += QStringLiteral(" AND event_type = ?");
        values->append(eventType);
    }
    if (fromMs != 0) {
        sql += QStringLiteral(" AND received_at >= ?");
        values->append(fromMs);
    }
    if (toMs != 0) {
        sql += QStringLiteral(" AND received_at < ?");
        values->append(toMs);
    }
    const auto text = search.trimmed();
    if (text.isEmpty())
        return sql;
    if (isRecordId(text)) {
        sql += QStringLiteral(" AND id = ?"); // ids are looked up, not scanned
        values->append(QString(QStringLiteral("evt_") + text.mid(4).toUpper())); // ULIDs are upper case
        return sql;
    }
    // Substring search; the console bounds it with a keyset window so no query scans the table.
    sql += QStringLiteral(
        " AND (path LIKE ? ESCAPE '\\' OR provider LIKE ? ESCAPE '\\' OR event_type LIKE ? ESCAPE '\\' "
        "OR status LIKE ? ESCAPE '\\' OR client_ip LIKE ? ESCAPE '\\' OR response_status = ?)");
    const auto pattern = containsPattern(text);
    for (int i = 0; i < 5; ++i)
        values->append(pattern);
    bool numeric = false;
    const int code = text.toInt(&numeric);
    values->append(numeric ? QVariant(code) : QVariant(-1));
    return sql;
}

bool InboundFilter::matches(const InboundSummary &s) const
{
    if (!status.isEmpty() && (!inboundStatusFromName(status) || s.status != status))
        return false;
    if (!provider.isEmpty() && s.provider != provider)
        return false;
    if (!eventType.isEmpty() && s.eventType != eventType)
        return false;
    if ((fromMs != 0 && s.receivedAtMs < fromMs) || (toMs != 0 && s.receivedAtMs >= toMs))
        return false;
    const auto text = search.trimmed();
    if (text.isEmpty())
        return true;
    if (isRecordId(text))
        return s.id.compare(text, Qt::CaseInsensitive) == 0;
    for (const auto *field : {&s.path, &s.provider, &s.eventType, &s.status, &s.clientIp}) {
        if (field->contains(text, Qt::CaseInsensitive))
            return true;
    }
    return QString::number(s.responseStatus) == text;
}

} // namespace sb
