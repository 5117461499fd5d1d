#include "DeliveryRepository.h"

#include "security/Redaction.h"
#include "storage/SqlWorker.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QVariant>

namespace sb {

namespace {

void appendJsonString(QByteArray &out, const QByteArray &text)
{
    out += '"';
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            out += "\\u00";
            out += "0123456789abcdef"[u >> 4];
            out += "0123456789abcdef"[u & 15];
        } else {
            out += c; // UTF-8 passes through
        }
    }
    out += '"';
}

// [["name","value"],...] — written directly: this runs twice for every delivery attempt.
QByteArray headersJson(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArray out = "[";
    for (const auto &[name, value] : headers) {
        if (out.size() > 1)
            out += ',';
        out += '[';
        appendJsonString(out, name);
        out += ',';
        appendJsonString(out, value);
        out += ']';
    }
    out += ']';
    return out;
}

QList<QPair<QByteArray, QByteArray>> headersFrom(const QVariant &value)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    for (const auto &item : QJsonDocument::fromJson(value.toByteArray()).array()) {
        const auto pair = item.toArray();
        headers.append({pair.at(0).toString().toLatin1(), pair.at(1).toString().toUtf8()});
    }
    return headers;
}

QString storedHeaders(const HeaderRedaction &redaction, const QList<QPair<QByteArray, QByteArray>> &headers,
                      HeaderRedaction::Match match)
{
    return QString::fromUtf8(headersJson(redaction.redactHeaders(headers, match)));
}

QVariant nullable(qint64 value)
{
    return value == 0 ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(value);
}

} // namespace

QString DeliveryRepository::columns()
{
    return QStringLiteral("id, config_id, event_id, event_type, source, payload, status, attempts, next_attempt_at, "
                          "last_status, last_error, is_test, created_at, updated_at, inbound_request_id");
}

Delivery DeliveryRepository::fromRecord(const QSqlRecord &row)
{
    Delivery d;
    d.id = row.value(0).toString();
    d.configId = row.value(1).toLongLong();
    d.eventId = row.value(2).toString();
    d.eventType = row.value(3).toString();
    d.source = row.value(4).toString();
    d.payload = row.value(5).toByteArray();
    d.status = row.value(6).toString();
    d.attempts = row.value(7).toInt();
    d.nextAttemptAt = row.value(8).toLongLong();
    d.lastStatus = row.value(9).toInt();
    d.lastError = row.value(10).toString();
    d.isTest = row.value(11).toBool();
    d.createdAt = row.value(12).toLongLong();
    d.updatedAt = row.value(13).toLongLong();
    d.inboundRequestId = row.value(14).toString();
    return d;
}

void DeliveryRepository::insert(SqlContext &context, Delivery &delivery)
{
    delivery.createdAt = delivery.updatedAt = context.nowMs();
    context.run(QStringLiteral("INSERT INTO deliveries(id, config_id, event_id, event_type, source, payload, status, "
                               "attempts, next_attempt_at, is_test, created_at, updated_at, inbound_request_id) "
                               "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)"),
                {delivery.id, delivery.configId, delivery.eventId, delivery.eventType, delivery.source, delivery.payload,
                 delivery.status, delivery.attempts, nullable(delivery.nextAttemptAt), delivery.isTest ? 1 : 0,
                 delivery.createdAt, delivery.updatedAt,
                 delivery.inboundRequestId.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                                     : QVariant(delivery.inboundRequestId)});
}

std::optional<Delivery> DeliveryRepository::find(SqlContext &context, const QString &id)
{
    auto &query = context.run(QStringLiteral("SELECT ") + columns() + QStringLiteral(" FROM deliveries WHERE id = ?"), {id});
    if (!query.next())
        return std::nullopt;
    auto delivery = fromRecord(query.record());
    query.finish();
    return delivery;
}

QList<Delivery> DeliveryRepository::due(SqlContext &context, qint64 nowMs, int limit)
{
    // INDEXED BY: with the console's (status, seq) index the planner would read every pending row
    // and sort them on each poll.
    auto &query = context.run(QStringLiteral("SELECT ") + columns()
                                  + QStringLiteral(" FROM deliveries INDEXED BY deliveries_due "
                                                   "WHERE status = 'pending' AND next_attempt_at <= ? "
                                                   "ORDER BY next_attempt_at LIMIT ?"),
                              {nowMs, limit});
    QList<Delivery> deliveries;
    while (query.next())
        deliveries.append(fromRecord(query.record()));
    query.finish();
    return deliveries;
}

QStringList DeliveryRepository::dueIds(SqlContext &context, qint64 nowMs, int limit)
{
    // INDEXED BY: see due().
    auto &query = context.run(QStringLiteral("SELECT id FROM deliveries INDEXED BY deliveries_due "
                                             "WHERE status = 'pending' AND next_attempt_at <= ? "
                                             "ORDER BY next_attempt_at LIMIT ?"),
                              {nowMs, limit});
    QStringList ids;
    while (query.next())
        ids.append(query.value(0).toString());
    query.finish();
    return ids;
}

qint64 DeliveryRepository::nextDue(SqlContext &context)
{
    auto &query = context.run(
        QStringLiteral("SELECT MIN(next_attempt_at) FROM deliveries INDEXED BY deliveries_due WHERE status = 'pending'"), {});
    const qint64 next = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return next;
}

int DeliveryRepository::redactStoredCredentials(SqlContext &context)
{
    const HeaderRedaction redaction;
    auto &query = context.run(QStringLiteral("SELECT id, request_headers, response_headers FROM delivery_attempts"), {});
    QList<QVariantList> changes;
    while (query.next()) {
        const auto request = storedHeaders(redaction, headersFrom(query.value(1)), HeaderRedaction::Match::NamesAndValues);
        const auto response = storedHeaders(redaction, headersFrom(query.value(2)), HeaderRedaction::Match::Names);
        if (request != query.value(1).toString() || (!query.value(2).isNull() && response != query.value(2).toString()))
            changes.append({request, query.value(2).isNull() ? query.value(2) : QVariant(response), query.value(0)});
    }
    query.finish();
    for (const auto &change : changes)
        context.run(QStringLiteral("UPDATE delivery_attempts SET request_headers = ?, response_headers = ? WHERE id = ?"), change);
    return int(changes.size());
}

void DeliveryRepository::recordAttempt(SqlContext &context, const DeliveryAttempt &attempt, const QString &status,
                                       qint64 nextAttemptAt)
{
    // Custom headers of a configuration may carry the receiver's credentials; a receiver may set
    // cookies. Both are kept as hints only.
    const HeaderRedaction redaction;
    context.write(QStringLiteral("INSERT INTO delivery_attempts(delivery_id, attempt, started_at, url, request_headers, "
                               "request_body, response_status, response_headers, response_body, response_truncated, "
                               "latency_ms, error) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)"),
                {attempt.deliveryId, attempt.attempt, attempt.startedAt, attempt.url,
                 storedHeaders(redaction, attempt.requestHeaders, HeaderRedaction::Match::NamesAndValues), attempt.requestBody,
                 attempt.responseStatus == 0 ? QVariant(QMetaType(QMetaType::Int)) : QVariant(attempt.responseStatus),
                 storedHeaders(redaction, attempt.responseHeaders, HeaderRedaction::Match::Names), attempt.responseBody,
                 attempt.responseTruncated ? 1 : 0, attempt.latencyMs,
                 attempt.error.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(attempt.error)});
    context.write(QStringLiteral("UPDATE deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_status = ?, "
                               "last_error = ?, updated_at = ? WHERE id = ?"),
                {status, attempt.attempt, nullable(nextAttemptAt),
                 attempt.responseStatus == 0 ? QVariant(QMetaType(QMetaType::Int)) : QVariant(attempt.responseStatus),
                 attempt.error.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(attempt.error),
                 context.nowMs(), attempt.deliveryId});
}

bool DeliveryRepository::requeue(SqlContext &context, const QString &id)
{
    auto &query = context.run(QStringLiteral("UPDATE deliveries SET status = 'pending', next_attempt_at = ?, "
                                             "updated_at = ? WHERE id = ?"),
                              {context.nowMs(), context.nowMs(), id});
    return query.numRowsAffected() > 0;
}

int DeliveryRepository::retry(SqlContext &context, const QStringList &ids)
{
    int requeued = 0;
    for (const auto &id : ids)
        requeued += requeue(context, id) ? 1 : 0;
    context.noteDeliveriesQueued(requeued);
    return requeued;
}

QList<DeliveryAttempt> DeliveryRepository::attempts(SqlContext &context, const QString &id)
{
    auto &query = context.run(QStringLiteral("SELECT attempt, started_at, url, request_headers, request_body, "
                                             "response_status, response_headers, response_body, latency_ms, error, "
                                             "response_truncated "
                                             "FROM delivery_attempts WHERE delivery_id = ? ORDER BY attempt, id"),
                              {id});
    QList<DeliveryAttempt> list;
    while (query.next()) {
        DeliveryAttempt a;
        a.deliveryId = id;
        a.attempt = query.value(0).toInt();
        a.startedAt = query.value(1).toLongLong();
        a.url = query.value(2).toString();
        a.requestHeaders = headersFrom(query.value(3));
        a.requestBody = query.value(4).toByteArray();
        a.responseStatus = query.value(5).toInt();
        a.responseHeaders = headersFrom(query.value(6));
        a.responseBody = query.value(7).toByteArray();
        a.latencyMs = query.value(8).toLongLong();
        a.error = query.value(9).toString();
        a.responseTruncated = query.value(10).toInt() != 0;
        list.append(a);
    }
    query.finish();
    return list;
}

QJsonObject DeliveryRepository::attemptJson(const DeliveryAttempt &attempt)
{
    auto headerObject = [](const QList<QPair<QByteArray, QByteArray>> &headers) {
        QJsonObject object;
        for (const auto &[name, value] : headers)
            object.insert(QString::fromLatin1(name).toLower(), QString::fromUtf8(value));
        return object;
    };
    QJsonObject object{{QStringLiteral("attempt"), attempt.attempt},
                       {QStringLiteral("startedAt"),
                        QDateTime::fromMSecsSinceEpoch(attempt.startedAt, Qt::UTC).toString(Qt::ISODateWithMs)},
                       {QStringLiteral("url"), attempt.url},
                       {QStringLiteral("requestHeaders"), headerObject(attempt.requestHeaders)},
                       {QStringLiteral("requestBody"), QString::fromUtf8(attempt.requestBody)},
                       {QStringLiteral("latencyMs"), attempt.latencyMs}};
    object.insert(QStringLiteral("statusCode"), attempt.responseStatus == 0 ? QJsonValue() : QJsonValue(attempt.responseStatus));
    object.insert(QStringLiteral("responseHeaders"), headerObject(attempt.responseHeaders));
    object.insert(QStringLiteral("responseBody"), QString::fromUtf8(attempt.responseBody));
    object.insert(QStringLiteral("responseBodyTruncated"), attempt.responseTruncated);
    object.insert(QStringLiteral("error"), attempt.error.isEmpty() ? QJsonValue() : QJsonValue(attempt.error));
    return object;
}

} // namespace sb
