#include "OutboxRepository.h"

#include "DeliveryMapper.h"
#include "MessagingRepository.h"
#include "SqlWorker.h"
#include "domain/ServiceConfigSchema.h"
#include "security/Redaction.h"

#include <QJsonDocument>
#include <QSqlRecord>
#include <QUrl>

namespace sb {

namespace {

const QString columns = QStringLiteral(
    "id, message_id, service_id, provider, channel, request, idempotency_key, status, attempts, "
    "next_attempt_at, last_status, last_error, provider_id, created_at, updated_at");

QVariant nullable(qint64 value)
{
    return value == 0 ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(value);
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

OutboxEntry entryFrom(const QSqlQuery &query)
{
    OutboxEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.messageId = query.value(1).toLongLong();
    entry.serviceId = query.value(2).toLongLong();
    entry.provider = query.value(3).toString();
    entry.channel = channelFromName(query.value(4).toString()).value_or(Channel::Sms);
    entry.request = QJsonDocument::fromJson(query.value(5).toString().toUtf8()).object();
    entry.idempotencyKey = query.value(6).toString();
    entry.status = outboxStatusFromName(query.value(7).toString()).value_or(OutboxStatus::Unknown);
    entry.attempts = query.value(8).toInt();
    entry.nextAttemptAt = query.value(9).toLongLong();
    entry.lastStatus = query.value(10).toInt();
    entry.lastError = query.value(11).toString();
    entry.providerId = query.value(12).toString();
    entry.createdAt = query.value(13).toLongLong();
    entry.updatedAt = query.value(14).toLongLong();
    return entry;
}

std::optional<OutboxEntry> one(SqlContext &context, const QString &where, const QVariant &value)
{
    auto &query = context.run(
        QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM outbox WHERE ") + where, {value});
    std::optional<OutboxEntry> entry;
    if (query.next())
        entry = entryFrom(query);
    query.finish();
    return entry;
}

// Every spelling of `secret` a request may carry: as is, percent-encoded (URLs, forms) and
// JSON-escaped.
QList<QByteArray> spellings(const QString &secret)
{
    QList<QByteArray> forms {secret.toUtf8(), QUrl::toPercentEncoding(secret)};
    auto json = QJsonDocument(QJsonArray {secret}).toJson(QJsonDocument::Compact);
    json = json.mid(2, json.size() - 4); // ["..."] → ...
    forms.append(json);
    QByteArray plus = QUrl::toPercentEncoding(secret, " ");
    plus.replace(' ', '+');
    forms.append(plus);
    return forms;
}

QByteArray maskBytes(QByteArray bytes, const QStringList &secrets)
{
    for (const auto &secret : secrets) {
        if (secret.size() < 4)
            continue;
        const auto hint = maskSecretValue(secret).toUtf8();
        for (const auto &form : spellings(secret))
            bytes.replace(form, hint);
    }
    return bytes;
}

} // namespace

OutboxAttempt OutboxRepository::masked(const OutboxAttempt &attempt, const QStringList &secrets)
{
    const HeaderRedaction redaction;
    OutboxAttempt stored = attempt;
    stored.url = QString::fromUtf8(maskBytes(attempt.url.toUtf8(), secrets));
    stored.requestHeaders
        = redaction.redactHeaders(attempt.requestHeaders, HeaderRedaction::Match::NamesAndValues);
    for (auto &[name, value] : stored.requestHeaders)
        value = maskBytes(value, secrets);
    stored.requestBody = maskBytes(attempt.requestBody, secrets);
    stored.responseHeaders = redaction.redactHeaders(attempt.responseHeaders, HeaderRedaction::Match::Names);
    stored.responseBody = maskBytes(attempt.responseBody, secrets);
    stored.error = QString::fromUtf8(maskBytes(attempt.error.toUtf8(), secrets));
    return stored;
}

void OutboxRepository::enqueue(SqlContext &context, OutboxEntry &entry)
{
    const auto now = context.nowMs();
    entry.status = OutboxStatus::Pending;
    entry.attempts = 0;
    entry.nextAttemptAt = now;
    entry.createdAt = now;
    entry.updatedAt = now;
    entry.id = context.write(
        QStringLiteral(
            "INSERT INTO outbox(message_id, service_id, provider, channel, request, idempotency_key, "
            "status, attempts, next_attempt_at, created_at, updated_at) VALUES(?,?,?,?,?,?,?,0,?,?,?)"),
        {entry.messageId, nullable(entry.serviceId), entry.provider, channelName(entry.channel),
            QString::fromUtf8(QJsonDocument(entry.request).toJson(QJsonDocument::Compact)),
            entry.idempotencyKey, outboxStatusName(entry.status), now, now, now});
}

std::optional<OutboxEntry> OutboxRepository::find(SqlContext &context, qint64 id)
{
    return one(context, QStringLiteral("id = ?"), id);
}

std::optional<OutboxEntry> OutboxRepository::byIdempotencyKey(SqlContext &context, const QString &key)
{
    return one(context, QStringLiteral("idempotency_key = ?"), key);
}

std::optional<OutboxEntry> OutboxRepository::byMessage(SqlContext &context, qint64 messageId)
{
    return one(context, QStringLiteral("message_id = ? ORDER BY id LIMIT 1"), messageId);
}

QList<qint64> OutboxRepository::dueIds(SqlContext &context, qint64 nowMs, int limit)
{
    auto &query
        = context.run(QStringLiteral("SELECT id FROM outbox WHERE status = ? AND next_attempt_at <= ? "
                                     "ORDER BY next_attempt_at, id LIMIT ?"),
            {outboxStatusName(OutboxStatus::Pending), nowMs, limit});
    QList<qint64> ids;
    while (query.next())
        ids.append(query.value(0).toLongLong());
    query.finish();
    return ids;
}

qint64 OutboxRepository::nextDue(SqlContext &context)
{
    auto &query = context.run(QStringLiteral("SELECT MIN(next_attempt_at) FROM outbox WHERE status = ?"),
        {outboxStatusName(OutboxStatus::Pending)});
    qint64 next = 0;
    if (query.next())
        next = query.value(0).toLongLong();
    query.finish();
    return next;
}

bool OutboxRepository::markSending(SqlContext &context, qint64 id)
{
    auto &query = context.run(
        QStringLiteral("UPDATE outbox SET status = ?, updated_at = ? WHERE id = ? AND status = ?"),
        {outboxStatusName(OutboxStatus::Sending), context.nowMs(), id,
            outboxStatusName(OutboxStatus::Pending)});
    return query.numRowsAffected() > 0;
}

QList<OutboxEntry> OutboxRepository::interrupted(SqlContext &context)
{
    auto &query = context.run(
        QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM outbox WHERE status = ? ORDER BY id"),
        {outboxStatusName(OutboxStatus::Sending)});
    QList<OutboxEntry> entries;
    while (query.next())
        entries.append(entryFrom(query));
    query.finish();
    return entries;
}

void OutboxRepository::setStatus(
    SqlContext &context, qint64 id, OutboxStatus status, qint64 nextAttemptAt, const QString &error)
{
    context.write(
        QStringLiteral("UPDATE outbox SET status = ?, next_attempt_at = ?, last_error = COALESCE(?, "
                       "last_error), updated_at = ? WHERE id = ?"),
        {outboxStatusName(status), nullable(nextAttemptAt), textOrNull(error), context.nowMs(), id});
}

void OutboxRepository::recordAttempt(SqlContext &context, const OutboxAttempt &attempt,
    const QStringList &secrets, OutboxStatus status, qint64 nextAttemptAt, const QString &providerId)
{
    const auto stored = masked(attempt, secrets);
    const auto status0
        = [](int status) { return status == 0 ? QVariant(QMetaType(QMetaType::Int)) : QVariant(status); };
    context.write(QStringLiteral("INSERT INTO outbox_attempts(outbox_id, attempt, started_at, url, "
                                 "request_headers, request_body, response_status, response_headers, "
                                 "response_body, latency_ms, error) VALUES(?,?,?,?,?,?,?,?,?,?,?)"),
        {stored.outboxId, stored.attempt, stored.startedAt, stored.url,
            QString::fromUtf8(DeliveryAttemptMapper::headersJson(stored.requestHeaders)), stored.requestBody,
            status0(stored.responseStatus),
            QString::fromUtf8(DeliveryAttemptMapper::headersJson(stored.responseHeaders)),
            stored.responseBody, stored.latencyMs, textOrNull(stored.error)});
    context.write(
        QStringLiteral("UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_status = ?, "
                       "last_error = ?, provider_id = COALESCE(?, provider_id), updated_at = ? "
                       "WHERE id = ?"),
        {outboxStatusName(status), stored.attempt, nullable(nextAttemptAt), status0(stored.responseStatus),
            textOrNull(stored.error), textOrNull(providerId), context.nowMs(), stored.outboxId});
}

void OutboxRepository::updateMessage(SqlContext &context, const OutboxEntry &entry, const QString &providerId,
    std::optional<MessageStatus> status, const QString &errorCode, const QString &errorMessage,
    const QString &event)
{
    QString reference = providerId;
    if (reference.isEmpty()) {
        auto &query = context.run(
            QStringLiteral("SELECT provider_message_id FROM messages WHERE id = ?"), {entry.messageId});
        if (query.next())
            reference = query.value(0).toString();
        query.finish();
    }
    if (reference.isEmpty())
        reference = entry.idempotencyKey;
    context.write(QStringLiteral("UPDATE messages SET provider = ?, provider_message_id = ? WHERE id = ?"),
        {entry.provider, reference, entry.messageId});
    MessageStatusUpdate update;
    update.provider = entry.provider;
    update.providerMessageId = reference;
    update.status = status;
    update.event = event;
    update.errorCode = errorCode;
    update.errorMessage = errorMessage;
    update.detail = QJsonObject {{QStringLiteral("outboxId"), entry.id}};
    MessagingRepository::updateMessageStatus(context, update);
}

QList<OutboxAttempt> OutboxRepository::attempts(SqlContext &context, qint64 outboxId)
{
    auto &query = context.run(
        QStringLiteral("SELECT outbox_id, attempt, started_at, url, request_headers, request_body, "
                       "response_status, response_headers, response_body, latency_ms, error "
                       "FROM outbox_attempts WHERE outbox_id = ? ORDER BY attempt, id"),
        {outboxId});
    QList<OutboxAttempt> list;
    while (query.next()) {
        OutboxAttempt attempt;
        attempt.outboxId = query.value(0).toLongLong();
        attempt.attempt = query.value(1).toInt();
        attempt.startedAt = query.value(2).toLongLong();
        attempt.url = query.value(3).toString();
        attempt.requestHeaders = DeliveryAttemptMapper::headersFrom(query.value(4).toString().toUtf8());
        attempt.requestBody = query.value(5).toByteArray();
        attempt.responseStatus = query.value(6).toInt();
        attempt.responseHeaders = DeliveryAttemptMapper::headersFrom(query.value(7).toString().toUtf8());
        attempt.responseBody = query.value(8).toByteArray();
        attempt.latencyMs = query.value(9).toLongLong();
        attempt.error = query.value(10).toString();
        list.append(attempt);
    }
    query.finish();
    return list;
}

} // namespace sb
