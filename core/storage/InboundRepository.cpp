#include "InboundRepository.h"

#include "domain/IsoTime.h"
#include "domain/RecordId.h"
#include "storage/InboundMapper.h"
#include "storage/SecretStore.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlRecord>
#include <QVariant>
#include <chrono>

namespace sb {

namespace {

qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

} // namespace

QString InboundRepository::insert(SqlContext &context, const ApiRequest &request,
    const InboundOutcome &outcome, const ApiResponse &response)
{
    const auto id
        = request.recordId.isEmpty() ? newRecordId(u"evt_", request.receivedAtMs) : request.recordId;
    const qint64 durationUs
        = request.receivedMonotonicNs > 0 ? (monotonicNs() - request.receivedMonotonicNs) / 1000 : 0;
    const auto verification = Verification::outcomeName(outcome.verification.outcome);
    static const char *const insertSql
        = "INSERT INTO inbound_requests(id, received_at, method, target, path, raw_head, body, body_size, "
          "peer, "
          "client_ip, provider, handler, event_type, source, verification, verification_detail, "
          "string_to_sign, "
          "status, response_status, response_body, error, duration_us, dedup_key) "
          "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    auto nullIfEmpty = [](const QString &text) { return text.isEmpty() ? QString() : text; };
    // NOT NULL columns: an absent value is stored as empty text.
    auto text = [](const QString &value) { return value.isNull() ? QStringLiteral("") : value; };
    auto bytes = [](const QByteArray &value) { return value.isNull() ? QByteArray("") : value; };
    // Credentials in the head are kept as hints only ("Bearer ••••a1b2"), before anything is stored.
    const auto redaction = context.secrets() ? context.secrets()->headerRedaction() : HeaderRedaction();
    const auto rawHead = redaction.redactHead(request.rawHead);
    qint64 seq = 0;
    if (auto *statement = context.raw(insertSql)) {
        // The one statement every request pays for: through SQLite's API (see RawStatement).
        statement->bind(1, id)
            .bind(2, request.receivedAtMs)
            .bindText(3, bytes(request.method))
            .bindText(4, bytes(request.rawTarget))
            .bind(5, text(request.path))
            .bindBlob(6, bytes(rawHead))
            .bindBlob(7, request.body)
            .bind(8, qint64(request.body.size()))
            .bind(9, request.peer.toString())
            .bind(10, text(request.clientIp))
            .bind(11, text(outcome.provider))
            .bind(12, text(outcome.handler))
            .bind(13, nullIfEmpty(outcome.eventType))
            .bind(14, nullIfEmpty(outcome.source))
            .bind(15, verification)
            .bind(16, nullIfEmpty(outcome.verification.detail))
            .bindBlob(17,
                outcome.verification.stringToSign.isEmpty() ? QByteArray()
                                                            : outcome.verification.stringToSign)
            .bind(18, outcome.status)
            .bind(19, qint64(response.status))
            .bindBlob(20, response.body)
            .bind(21, nullIfEmpty(outcome.error))
            .bind(22, durationUs)
            .bind(23, nullIfEmpty(outcome.dedupKey));
        statement->run();
        seq = statement->lastInsertRowId();
    } else {
        // The same values as above (QtSql binds a null QString as NULL, so the NOT NULL text columns
        // get the empty text here too).
        auto &query = context.run(QString::fromLatin1(insertSql),
            {id, request.receivedAtMs, QString::fromUtf8(bytes(request.method)),
                QString::fromUtf8(bytes(request.rawTarget)), text(request.path), bytes(rawHead), request.body,
                qint64(request.body.size()), request.peer.toString(), text(request.clientIp),
                text(outcome.provider), text(outcome.handler), textOrNull(outcome.eventType),
                textOrNull(outcome.source), verification, textOrNull(outcome.verification.detail),
                outcome.verification.stringToSign.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray))
                                                            : QVariant(outcome.verification.stringToSign),
                outcome.status, response.status, response.body, textOrNull(outcome.error), durationUs,
                textOrNull(outcome.dedupKey)});
        seq = query.lastInsertId().toLongLong();
    }
    InboundSummary summary;
    summary.seq = seq;
    summary.id = id;
    summary.receivedAtMs = request.receivedAtMs;
    summary.method = QString::fromLatin1(request.method);
    summary.path = request.path;
    summary.provider = outcome.provider;
    summary.eventType = outcome.eventType;
    summary.status = outcome.status;
    summary.responseStatus = response.status;
    summary.verification = verification;
    summary.bodySize = request.body.size();
    summary.clientIp = request.clientIp;
    context.recordInbound(std::move(summary));
    return id;
}

std::optional<ProcessedRequest> InboundRepository::firstProcessed(
    SqlContext &context, const QString &dedupKey, qint64 sinceMs)
{
    auto &query
        = context.run(QStringLiteral("SELECT id, response_status, response_body FROM inbound_requests WHERE "
                                     "dedup_key = ? AND status = 'processed' AND received_at >= ? "
                                     "ORDER BY seq LIMIT 1"),
            {dedupKey, sinceMs});
    std::optional<ProcessedRequest> first;
    if (query.next())
        first = ProcessedRequest {
            query.value(0).toString(), query.value(1).toInt(), query.value(2).toByteArray()};
    query.finish();
    return first;
}

int InboundRepository::redactStoredCredentials(SqlContext &context, const HeaderRedaction &redaction)
{
    auto &query = context.run(QStringLiteral("SELECT seq, raw_head FROM inbound_requests"), {});
    QList<QVariantList> changes;
    while (query.next()) {
        const auto head = query.value(1).toByteArray();
        const auto redacted = redaction.redactHead(head);
        if (redacted != head)
            changes.append({redacted, query.value(0)});
    }
    query.finish();
    for (const auto &change : changes)
        context.run(QStringLiteral("UPDATE inbound_requests SET raw_head = ? WHERE seq = ?"), change);
    return int(changes.size());
}

bool InboundRepository::exists(SqlContext &context, const QString &id)
{
    auto &query = context.run(QStringLiteral("SELECT 1 FROM inbound_requests WHERE id = ?"), {id});
    const bool found = query.next();
    query.finish();
    return found;
}

QString InboundRepository::logColumns()
{
    return InboundMapper::columns();
}

QJsonObject InboundRepository::logItem(const QSqlRecord &row)
{
    const auto record = InboundMapper::fromRecord(row);
    const auto &summary = record.summary;
    const auto &body = record.body;
    auto textOrNull = [](const QString &text) { return text.isEmpty() ? QJsonValue() : QJsonValue(text); };
    QJsonObject item;
    item.insert(QStringLiteral("id"), summary.id);
    item.insert(QStringLiteral("direction"), QStringLiteral("incoming"));
    item.insert(QStringLiteral("event"), summary.eventType);
    item.insert(QStringLiteral("source"), record.source);
    item.insert(QStringLiteral("provider"), summary.provider);
    item.insert(QStringLiteral("handler"), record.handler);
    item.insert(QStringLiteral("method"), summary.method);
    item.insert(QStringLiteral("endpoint"), summary.path);
    item.insert(QStringLiteral("status"), summary.status);
    const int responseStatus = summary.responseStatus;
    item.insert(QStringLiteral("status_code"), responseStatus);
    item.insert(QStringLiteral("is_successful"), responseStatus >= 200 && responseStatus < 300);
    item.insert(QStringLiteral("verification"), summary.verification);
    // Both are stored as NULL when empty.
    item.insert(QStringLiteral("verification_detail"), textOrNull(record.verificationDetail));
    item.insert(QStringLiteral("error_message"), textOrNull(record.error));
    item.insert(QStringLiteral("client_ip"), summary.clientIp);
    item.insert(QStringLiteral("processing_time_ms"), record.durationUs / 1000.0);
    item.insert(QStringLiteral("created_at"), isoTime(summary.receivedAtMs));
    item.insert(QStringLiteral("body_size"), summary.bodySize);
    QJsonParseError parseError;
    const auto json = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && json.isObject())
        item.insert(QStringLiteral("payload"), json.object());
    else
        item.insert(QStringLiteral("payload"), QString::fromUtf8(body));
    const auto &responseBody = record.responseBody;
    const auto responseJson = QJsonDocument::fromJson(responseBody);
    item.insert(QStringLiteral("response"),
        responseJson.isObject() ? QJsonValue(responseJson.object())
                                : QJsonValue(QString::fromUtf8(responseBody)));
    QJsonArray headers;
    // Stored heads are redacted on insert; the standard credential headers are masked here too.
    static const HeaderRedaction redaction;
    const auto head = redaction.redactHead(record.rawHead).split('\n');
    for (qsizetype i = 1; i < head.size(); ++i) {
        const auto line = head[i].trimmed();
        const auto colon = line.indexOf(':');
        if (colon > 0)
            headers.append(QJsonArray {QJsonValue(QString::fromLatin1(line.left(colon))),
                QJsonValue(HeaderRedaction::headerText(line.mid(colon + 1).trimmed()))});
    }
    item.insert(QStringLiteral("headers"), headers);
    return item;
}

} // namespace sb
