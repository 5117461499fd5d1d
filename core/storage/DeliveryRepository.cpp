#include "DeliveryRepository.h"

#include "domain/IsoTime.h"
#include "security/Redaction.h"
#include "storage/DeliveryMapper.h"
#include "storage/SecretStore.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QVariant>

namespace sb {

namespace {

QString storedHeaders(const HeaderRedaction &redaction, const QList<QPair<QByteArray, QByteArray>> &headers,
    HeaderRedaction::Match match)
{
    return QString::fromUtf8(DeliveryAttemptMapper::headersJson(redaction.redactHeaders(headers, match)));
}

QVariant nullable(qint64 value)
{
    return value == 0 ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(value);
}

// "status = 'pending'" spelled out, not bound: the deliveries_due partial index is usable (and
// INDEXED BY valid) only when the query repeats its WHERE term.
QString duePending()
{
    return QStringLiteral("status = '") + deliveryStatusName(DeliveryStatus::Pending) + QLatin1Char('\'');
}

QList<QPair<QByteArray, QByteArray>> headersFrom(const QVariant &value)
{
    return DeliveryAttemptMapper::headersFrom(value.toByteArray());
}

} // namespace

void DeliveryRepository::insert(SqlContext &context, Delivery &delivery)
{
    delivery.createdAt = delivery.updatedAt = context.nowMs();
    const QVariant noText {QMetaType(QMetaType::QString)};
    QVariant relayHeaders = noText;
    if (delivery.isRelay()) {
        // A credential a provider sent (Basic auth of a callback URL, ...) is forwarded as it came,
        // so it is kept until then, sealed like every stored secret.
        auto headers = delivery.relayHeaders;
        if (const auto *secrets = context.secrets()) {
            const auto redaction = secrets->headerRedaction();
            for (auto &[name, value] : headers) {
                if (redaction.isCredential(name))
                    value = secrets->seal(QString::fromLatin1(value)).toLatin1();
            }
        }
        relayHeaders = DeliveryMapper::relayHeadersJson(headers);
    }
    context.run(
        QStringLiteral("INSERT INTO deliveries(id, config_id, event_id, event_type, source, payload, status, "
                       "attempts, next_attempt_at, is_test, created_at, updated_at, inbound_request_id, "
                       "relay_target_id, relay_method, relay_path, relay_headers) "
                       "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
        {delivery.id, delivery.configId, delivery.eventId, delivery.eventType, delivery.source,
            delivery.payload, deliveryStatusName(delivery.status), delivery.attempts,
            nullable(delivery.nextAttemptAt), delivery.isTest ? 1 : 0, delivery.createdAt, delivery.updatedAt,
            delivery.inboundRequestId.isEmpty() ? noText : QVariant(delivery.inboundRequestId),
            nullable(delivery.relayTargetId),
            delivery.isRelay() ? QVariant(QString::fromLatin1(delivery.relayMethod)) : noText,
            delivery.isRelay() ? QVariant(QString::fromLatin1(delivery.relayPath)) : noText, relayHeaders});
}

std::optional<Delivery> DeliveryRepository::find(SqlContext &context, const QString &id)
{
    auto &query = context.run(QStringLiteral("SELECT ") + DeliveryMapper::columns()
            + QStringLiteral(" FROM deliveries WHERE id = ?"),
        {id});
    if (!query.next())
        return std::nullopt;
    auto delivery = DeliveryMapper::fromRecord(query.record());
    query.finish();
    if (const auto *secrets = context.secrets(); secrets && delivery.isRelay()) {
        const auto redaction = secrets->headerRedaction();
        for (auto &[name, value] : delivery.relayHeaders) {
            if (!redaction.isCredential(name))
                continue;
            const auto revealed = secrets->reveal(QString::fromLatin1(value));
            value = revealed ? revealed->toLatin1() : QByteArray();
        }
    }
    return delivery;
}

QList<Delivery> DeliveryRepository::due(SqlContext &context, qint64 nowMs, int limit)
{
    // INDEXED BY: with the console's (status, seq) index the planner would read every pending row
    // and sort them on each poll.
    auto &query = context.run(QStringLiteral("SELECT ") + DeliveryMapper::columns()
            + QStringLiteral(" FROM deliveries INDEXED BY deliveries_due WHERE ") + duePending()
            + QStringLiteral(" AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?"),
        {nowMs, limit});
    QList<Delivery> deliveries;
    while (query.next())
        deliveries.append(DeliveryMapper::fromRecord(query.record()));
    query.finish();
    return deliveries;
}

QStringList DeliveryRepository::dueIds(SqlContext &context, qint64 nowMs, int limit)
{
    // INDEXED BY: see due().
    auto &query = context.run(QStringLiteral("SELECT id FROM deliveries INDEXED BY deliveries_due WHERE ")
            + duePending() + QStringLiteral(" AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?"),
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
        QStringLiteral("SELECT MIN(next_attempt_at) FROM deliveries INDEXED BY deliveries_due WHERE ")
            + duePending(),
        {});
    const qint64 next = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return next;
}

int DeliveryRepository::redactStoredCredentials(SqlContext &context)
{
    const HeaderRedaction redaction;
    auto &query = context.run(
        QStringLiteral("SELECT id, request_headers, response_headers FROM delivery_attempts"), {});
    QList<QVariantList> changes;
    while (query.next()) {
        const auto request
            = storedHeaders(redaction, headersFrom(query.value(1)), HeaderRedaction::Match::NamesAndValues);
        const auto response
            = storedHeaders(redaction, headersFrom(query.value(2)), HeaderRedaction::Match::Names);
        if (request != query.value(1).toString()
            || (!query.value(2).isNull() && response != query.value(2).toString()))
            changes.append(
                {request, query.value(2).isNull() ? query.value(2) : QVariant(response), query.value(0)});
    }
    query.finish();
    for (const auto &change : changes)
        context.run(
            QStringLiteral(
                "UPDATE delivery_attempts SET request_headers = ?, response_headers = ? WHERE id = ?"),
            change);
    return int(changes.size());
}

void DeliveryRepository::recordAttempt(
    SqlContext &context, const DeliveryAttempt &attempt, DeliveryStatus status, qint64 nextAttemptAt)
{
    // Custom headers of a configuration may carry the receiver's credentials; a receiver may set
    // cookies. Both are kept as hints only.
    const HeaderRedaction redaction;
    // Only while the delivery exists: an attempt that was in flight when its lead was erased
    // (DELETE /api/leads/{id}?purge=true) must not bring the erased request body back.
    context.write(QStringLiteral(
                      "INSERT INTO delivery_attempts(delivery_id, attempt, started_at, url, request_headers, "
                      "request_body, response_status, response_headers, response_body, response_truncated, "
                      "latency_ms, error) SELECT ?,?,?,?,?,?,?,?,?,?,?,? "
                      "WHERE EXISTS (SELECT 1 FROM deliveries WHERE id = ?)"),
        {attempt.deliveryId, attempt.attempt, attempt.startedAt, attempt.url,
            storedHeaders(redaction, attempt.requestHeaders, HeaderRedaction::Match::NamesAndValues),
            attempt.requestBody,
            attempt.responseStatus == 0 ? QVariant(QMetaType(QMetaType::Int))
                                        : QVariant(attempt.responseStatus),
            storedHeaders(redaction, attempt.responseHeaders, HeaderRedaction::Match::Names),
            attempt.responseBody, attempt.responseTruncated ? 1 : 0, attempt.latencyMs,
            attempt.error.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(attempt.error),
            attempt.deliveryId});
    context.write(QStringLiteral(
                      "UPDATE deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_status = ?, "
                      "last_error = ?, updated_at = ? WHERE id = ?"),
        {deliveryStatusName(status), attempt.attempt, nullable(nextAttemptAt),
            attempt.responseStatus == 0 ? QVariant(QMetaType(QMetaType::Int))
                                        : QVariant(attempt.responseStatus),
            attempt.error.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(attempt.error),
            context.nowMs(), attempt.deliveryId});
    // The error text stays out: a network error may name the target URL, which can carry a token.
    if (context.eventLogging()) {
        StreamEvent entry;
        entry.type = QStringLiteral("delivery.updated");
        entry.topic = QStringLiteral("deliveries");
        entry.occurredAtMs = context.nowMs();
        entry.data = QJsonObject {{QStringLiteral("deliveryId"), attempt.deliveryId},
            {QStringLiteral("status"), deliveryStatusName(status)},
            {QStringLiteral("attempt"), attempt.attempt},
            {QStringLiteral("responseStatus"), attempt.responseStatus},
            {QStringLiteral("latencyMs"), attempt.latencyMs},
            {QStringLiteral("nextAttemptAt"), nextAttemptAt > 0 ? QJsonValue(nextAttemptAt) : QJsonValue()}};
        context.logEntry(std::move(entry));
    }
}

bool DeliveryRepository::requeue(SqlContext &context, const QString &id)
{
    auto &query = context.run(
        QStringLiteral("UPDATE deliveries SET status = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?"),
        {deliveryStatusName(DeliveryStatus::Pending), context.nowMs(), context.nowMs(), id});
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
    auto &query = context.run(QStringLiteral("SELECT ") + DeliveryAttemptMapper::columns()
            + QStringLiteral(" FROM delivery_attempts WHERE delivery_id = ? ORDER BY attempt, id"),
        {id});
    QList<DeliveryAttempt> list;
    while (query.next())
        list.append(DeliveryAttemptMapper::fromRecord(query.record()));
    query.finish();
    return list;
}

QStringList DeliveryRepository::ids(SqlContext &context, const DeliveryFilter &filter)
{
    QVariantList values;
    const auto where = filter.clauses(&values);
    auto &query = context.run(QStringLiteral("SELECT id FROM deliveries WHERE 1 = 1") + where, values);
    QStringList ids;
    while (query.next())
        ids.append(query.value(0).toString());
    query.finish();
    return ids;
}

QList<Delivery> DeliveryRepository::list(
    SqlContext &context, const DeliveryFilter &filter, int limit, qint64 offset)
{
    QVariantList values;
    const auto where = filter.clauses(&values);
    values << limit << offset;
    auto &query = context.run(QStringLiteral("SELECT ") + DeliveryMapper::columns()
            + QStringLiteral(" FROM deliveries WHERE 1 = 1") + where
            + QStringLiteral(" ORDER BY seq DESC LIMIT ? OFFSET ?"),
        values);
    QList<Delivery> deliveries;
    while (query.next())
        deliveries.append(DeliveryMapper::fromRecord(query.record()));
    query.finish();
    return deliveries;
}

qint64 DeliveryRepository::pendingCount(SqlContext &context)
{
    auto &query = context.run(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE status = ?"),
        {deliveryStatusName(DeliveryStatus::Pending)});
    const qint64 count = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return count;
}

QJsonObject DeliveryRepository::attemptJson(const DeliveryAttempt &attempt)
{
    auto headerObject = [](const QList<QPair<QByteArray, QByteArray>> &headers) {
        QJsonObject object;
        for (const auto &[name, value] : headers)
            object.insert(QString::fromLatin1(name).toLower(), QString::fromUtf8(value));
        return object;
    };
    QJsonObject object {{QStringLiteral("attempt"), attempt.attempt},
        {QStringLiteral("startedAt"), isoTime(attempt.startedAt)}, {QStringLiteral("url"), attempt.url},
        {QStringLiteral("requestHeaders"), headerObject(attempt.requestHeaders)},
        {QStringLiteral("requestBody"), QString::fromUtf8(attempt.requestBody)},
        {QStringLiteral("latencyMs"), attempt.latencyMs}};
    object.insert(QStringLiteral("statusCode"),
        attempt.responseStatus == 0 ? QJsonValue() : QJsonValue(attempt.responseStatus));
    object.insert(QStringLiteral("responseHeaders"), headerObject(attempt.responseHeaders));
    object.insert(QStringLiteral("responseBody"), QString::fromUtf8(attempt.responseBody));
    object.insert(QStringLiteral("responseBodyTruncated"), attempt.responseTruncated);
    object.insert(
        QStringLiteral("error"), attempt.error.isEmpty() ? QJsonValue() : QJsonValue(attempt.error));
    return object;
}

} // namespace sb
