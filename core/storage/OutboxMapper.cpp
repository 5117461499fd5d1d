#include "OutboxMapper.h"

#include "DeliveryMapper.h"
#include "storage/Database.h"

#include <QJsonDocument>
#include <QVariant>

namespace sb {

namespace {

// The value of `name`, or an invalid QVariant when the query did not select it.
QVariant column(const QSqlRecord &row, const QString &name)
{
    const int index = row.indexOf(name);
    return index < 0 ? QVariant() : row.value(index);
}

const QLatin1String recordPrefix("snd_");

} // namespace

QString OutboxMapper::columns()
{
    return QStringLiteral(
        "id, message_id, service_id, provider, channel, request, idempotency_key, status, attempts, "
        "next_attempt_at, last_status, last_error, provider_id, created_at, updated_at");
}

OutboxEntry OutboxMapper::fromRecord(const QSqlRecord &row)
{
    OutboxEntry entry;
    entry.id = column(row, QStringLiteral("id")).toLongLong();
    entry.messageId = column(row, QStringLiteral("message_id")).toLongLong();
    entry.serviceId = column(row, QStringLiteral("service_id")).toLongLong();
    entry.provider = column(row, QStringLiteral("provider")).toString();
    const auto channel = column(row, QStringLiteral("channel"));
    if (channel.isValid()) {
        const auto known = channelFromName(channel.toString());
        if (!known)
            throw SqlError(QStringLiteral("outbox entry %1 has an unknown channel '%2'")
                               .arg(QString::number(entry.id), channel.toString()));
        entry.channel = *known;
    }
    const auto request = column(row, QStringLiteral("request"));
    if (request.isValid())
        entry.request = QJsonDocument::fromJson(request.toString().toUtf8()).object();
    entry.idempotencyKey = column(row, QStringLiteral("idempotency_key")).toString();
    const auto status = column(row, QStringLiteral("status"));
    if (status.isValid()) {
        const auto known = outboxStatusFromName(status.toString());
        if (!known)
            throw SqlError(QStringLiteral("outbox entry %1 has an unknown status '%2'")
                               .arg(QString::number(entry.id), status.toString()));
        entry.status = *known;
    }
    entry.attempts = column(row, QStringLiteral("attempts")).toInt();
    entry.nextAttemptAt = column(row, QStringLiteral("next_attempt_at")).toLongLong();
    entry.lastStatus = column(row, QStringLiteral("last_status")).toInt();
    entry.lastError = column(row, QStringLiteral("last_error")).toString();
    entry.providerId = column(row, QStringLiteral("provider_id")).toString();
    entry.createdAt = column(row, QStringLiteral("created_at")).toLongLong();
    entry.updatedAt = column(row, QStringLiteral("updated_at")).toLongLong();
    return entry;
}

QString OutboxMapper::recipient(const OutboxEntry &entry)
{
    return entry.request.value(QStringLiteral("to")).toString();
}

QString OutboxMapper::recordId(qint64 outboxId)
{
    return QString(recordPrefix) + QString::number(outboxId);
}

qint64 OutboxMapper::outboxIdOf(const QString &recordId)
{
    if (!recordId.startsWith(recordPrefix))
        return 0;
    bool ok = false;
    const auto id = recordId.mid(recordPrefix.size()).toLongLong(&ok);
    return ok && id > 0 ? id : 0;
}

QString OutboxAttemptMapper::columns()
{
    return QStringLiteral(
        "outbox_id, attempt, started_at, url, request_headers, request_body, response_status, "
        "response_headers, response_body, latency_ms, error");
}

OutboxAttempt OutboxAttemptMapper::fromRecord(const QSqlRecord &row)
{
    OutboxAttempt a;
    a.outboxId = column(row, QStringLiteral("outbox_id")).toLongLong();
    a.attempt = column(row, QStringLiteral("attempt")).toInt();
    a.startedAt = column(row, QStringLiteral("started_at")).toLongLong();
    a.url = column(row, QStringLiteral("url")).toString();
    a.requestHeaders = DeliveryAttemptMapper::headersFrom(
        column(row, QStringLiteral("request_headers")).toString().toUtf8());
    a.requestBody = column(row, QStringLiteral("request_body")).toByteArray();
    a.responseStatus = column(row, QStringLiteral("response_status")).toInt();
    a.responseHeaders = DeliveryAttemptMapper::headersFrom(
        column(row, QStringLiteral("response_headers")).toString().toUtf8());
    a.responseBody = column(row, QStringLiteral("response_body")).toByteArray();
    a.latencyMs = column(row, QStringLiteral("latency_ms")).toLongLong();
    a.error = column(row, QStringLiteral("error")).toString();
    return a;
}

} // namespace sb
