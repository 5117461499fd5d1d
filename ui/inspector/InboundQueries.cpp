#include "InboundQueries.h"

#include "common/SqlPattern.h"
#include "security/Redaction.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace sb {

namespace {

const QString summaryColumns = QStringLiteral(
    "seq, id, received_at, method, path, provider, event_type, status, response_status, verification, body_size, "
    "client_ip");

InboundSummary readSummary(const QSqlQuery &query)
{
    InboundSummary s;
    s.seq = query.value(0).toLongLong();
    s.id = query.value(1).toString();
    s.receivedAtMs = query.value(2).toLongLong();
    s.method = query.value(3).toString();
    s.path = query.value(4).toString();
    s.provider = query.value(5).toString();
    s.eventType = query.value(6).toString();
    s.status = query.value(7).toString();
    s.responseStatus = query.value(8).toInt();
    s.verification = query.value(9).toString();
    s.bodySize = query.value(10).toLongLong();
    s.clientIp = query.value(11).toString();
    return s;
}

std::vector<InboundSummary> summaries(QSqlDatabase db, const QString &sql, const QVariantList &values, QString *error)
{
    std::vector<InboundSummary> rows;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        *error = query.lastError().text();
        return rows;
    }
    for (const auto &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        *error = query.lastError().text();
        return rows;
    }
    while (query.next())
        rows.push_back(readSummary(query));
    return rows;
}

} // namespace

std::vector<InboundSummary> InboundQueries::newerThan(QSqlDatabase db, qint64 newerThan, int limit, QString *error)
{
    return summaries(db,
                     QStringLiteral("SELECT ") + summaryColumns
                         + QStringLiteral(" FROM inbound_requests WHERE seq > ? ORDER BY seq ASC LIMIT ?"),
                     {newerThan, limit}, error);
}

namespace {

bool isRecordId(const QString &text)
{
    return text.startsWith(QLatin1String("evt_"), Qt::CaseInsensitive) && !text.contains(QLatin1Char(' '));
}

} // namespace

QString InboundFilter::clauses(QVariantList *values) const
{
    QString sql;
    if (!status.isEmpty()) {
        sql += QStringLiteral(" AND status = ?");
        values->append(status);
    }
    const auto text = search.trimmed();
    if (text.isEmpty())
        return sql;
    if (isRecordId(text)) {
        sql += QStringLiteral(" AND id = ?"); // ids are looked up, not scanned
        values->append(QString(QStringLiteral("evt_") + text.mid(4).toUpper())); // ULIDs are upper case
        return sql;
    }
    // Substring search; the caller bounds it with a keyset window so no query scans the table.
    sql += QStringLiteral(" AND (path LIKE ? ESCAPE '\\' OR provider LIKE ? ESCAPE '\\' OR event_type LIKE ? ESCAPE '\\' "
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
    if (!status.isEmpty() && s.status != status)
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

std::vector<InboundSummary> InboundQueries::page(QSqlDatabase db, const InboundFilter &filter, qint64 belowSeq,
                                                 qint64 floorSeq, int limit, QString *error)
{
    QVariantList values{belowSeq, floorSeq};
    const QString sql = QStringLiteral("SELECT ") + summaryColumns
        + QStringLiteral(" FROM inbound_requests WHERE seq < ? AND seq >= ?") + filter.clauses(&values)
        + QStringLiteral(" ORDER BY seq DESC LIMIT ?");
    values.append(limit);
    return summaries(db, sql, values, error);
}

std::pair<qint64, qint64> InboundQueries::seqRange(QSqlDatabase db, QString *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT COALESCE(MIN(seq), 0), COALESCE(MAX(seq), 0) FROM inbound_requests"))
        || !query.next()) {
        *error = query.lastError().text();
        return {0, 0};
    }
    return {query.value(0).toLongLong(), query.value(1).toLongLong()};
}

std::optional<InboundRecord> InboundQueries::record(QSqlDatabase db, const QString &id, QString *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + summaryColumns
                  + QStringLiteral(", target, raw_head, body, peer, handler, source, verification_detail, "
                                   "string_to_sign, response_body, error, duration_us, replay_of, replayed_at "
                                   "FROM inbound_requests WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec()) {
        *error = query.lastError().text();
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    InboundRecord r;
    r.summary = readSummary(query);
    r.target = query.value(12).toString();
    r.rawHead = query.value(13).toByteArray();
    r.body = query.value(14).toByteArray();
    r.peer = query.value(15).toString();
    r.handler = query.value(16).toString();
    r.source = query.value(17).toString();
    r.verificationDetail = query.value(18).toString();
    r.stringToSign = query.value(19).toByteArray();
    r.responseBody = query.value(20).toByteArray();
    r.error = query.value(21).toString();
    r.durationUs = query.value(22).toLongLong();
    r.replayOf = query.value(23).toString();
    r.replayedAtMs = query.value(24).toLongLong();
    return r;
}

QString InboundRecord::requestLine() const
{
    const auto end = rawHead.indexOf('\n');
    return QString::fromLatin1(rawHead.left(end < 0 ? rawHead.size() : end)).trimmed();
}

QList<QPair<QString, QString>> InboundRecord::headers() const
{
    // [rfc9112] 5: field-line = field-name ":" OWS field-value OWS; the first line is the request line.
    QList<QPair<QString, QString>> result;
    const auto lines = rawHead.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const auto line = lines[i].trimmed();
        const auto colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        // Header values are bytes: Latin-1 shows every byte as one character (RFC 9110 5.5), except
        // a redacted credential's "••••" hint, which is UTF-8.
        result.append({QString::fromLatin1(line.left(colon)), HeaderRedaction::headerText(line.mid(colon + 1).trimmed())});
    }
    return result;
}

QByteArray InboundRecord::header(QByteArrayView name) const
{
    const auto nameText = QString::fromLatin1(name);
    for (const auto &[key, value] : headers()) {
        if (key.compare(nameText, Qt::CaseInsensitive) == 0)
            return value.toLatin1();
    }
    return {};
}

} // namespace sb
