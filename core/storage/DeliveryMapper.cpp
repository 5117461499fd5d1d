#include "DeliveryMapper.h"

#include "storage/Database.h"

#include <QJsonArray>
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

} // namespace

QString DeliveryMapper::columns()
{
    return summaryColumns() + QStringLiteral(", payload, relay_method, relay_path, relay_headers");
}

QString DeliveryMapper::summaryColumns()
{
    return QStringLiteral(
        "seq, id, config_id, event_id, event_type, source, status, attempts, next_attempt_at, "
        "last_status, last_error, is_test, created_at, updated_at, inbound_request_id, relay_target_id");
}

Delivery DeliveryMapper::fromRecord(const QSqlRecord &row)
{
    Delivery d;
    d.seq = column(row, QStringLiteral("seq")).toLongLong();
    d.id = column(row, QStringLiteral("id")).toString();
    d.configId = column(row, QStringLiteral("config_id")).toLongLong();
    d.eventId = column(row, QStringLiteral("event_id")).toString();
    d.eventType = column(row, QStringLiteral("event_type")).toString();
    d.source = column(row, QStringLiteral("source")).toString();
    d.payload = column(row, QStringLiteral("payload")).toByteArray();
    const auto status = column(row, QStringLiteral("status"));
    if (status.isValid()) {
        const auto known = deliveryStatusFromName(status.toString());
        if (!known)
            throw SqlError(
                QStringLiteral("delivery %1 has an unknown status '%2'").arg(d.id, status.toString()));
        d.status = *known;
    }
    d.attempts = column(row, QStringLiteral("attempts")).toInt();
    d.nextAttemptAt = column(row, QStringLiteral("next_attempt_at")).toLongLong();
    d.lastStatus = column(row, QStringLiteral("last_status")).toInt();
    d.lastError = column(row, QStringLiteral("last_error")).toString();
    d.isTest = column(row, QStringLiteral("is_test")).toInt() != 0;
    d.createdAt = column(row, QStringLiteral("created_at")).toLongLong();
    d.updatedAt = column(row, QStringLiteral("updated_at")).toLongLong();
    d.inboundRequestId = column(row, QStringLiteral("inbound_request_id")).toString();
    d.relayTargetId = column(row, QStringLiteral("relay_target_id")).toLongLong();
    d.relayMethod = column(row, QStringLiteral("relay_method")).toString().toLatin1();
    d.relayPath = column(row, QStringLiteral("relay_path")).toString().toLatin1();
    d.relayHeaders = relayHeadersFrom(column(row, QStringLiteral("relay_headers")).toString());
    return d;
}

// Latin-1 both ways: a forwarded header keeps its exact bytes, whatever they are.
QString DeliveryMapper::relayHeadersJson(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QJsonArray array;
    for (const auto &[name, value] : headers)
        array.append(QJsonArray {QString::fromLatin1(name), QString::fromLatin1(value)});
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<QPair<QByteArray, QByteArray>> DeliveryMapper::relayHeadersFrom(const QString &json)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (json.isEmpty())
        return headers;
    for (const auto &item : QJsonDocument::fromJson(json.toUtf8()).array()) {
        const auto pair = item.toArray();
        headers.append({pair.at(0).toString().toLatin1(), pair.at(1).toString().toLatin1()});
    }
    return headers;
}

QString DeliveryAttemptMapper::columns()
{
    return QStringLiteral(
        "delivery_id, attempt, started_at, url, request_headers, request_body, response_status, "
        "response_headers, response_body, response_truncated, latency_ms, error");
}

DeliveryAttempt DeliveryAttemptMapper::fromRecord(const QSqlRecord &row)
{
    DeliveryAttempt a;
    a.deliveryId = column(row, QStringLiteral("delivery_id")).toString();
    a.attempt = column(row, QStringLiteral("attempt")).toInt();
    a.startedAt = column(row, QStringLiteral("started_at")).toLongLong();
    a.url = column(row, QStringLiteral("url")).toString();
    a.requestHeaders = headersFrom(column(row, QStringLiteral("request_headers")).toByteArray());
    a.requestBody = column(row, QStringLiteral("request_body")).toByteArray();
    a.responseStatus = column(row, QStringLiteral("response_status")).toInt();
    a.responseHeaders = headersFrom(column(row, QStringLiteral("response_headers")).toByteArray());
    a.responseBody = column(row, QStringLiteral("response_body")).toByteArray();
    a.responseTruncated = column(row, QStringLiteral("response_truncated")).toInt() != 0;
    a.latencyMs = column(row, QStringLiteral("latency_ms")).toLongLong();
    a.error = column(row, QStringLiteral("error")).toString();
    return a;
}

QList<QPair<QByteArray, QByteArray>> DeliveryAttemptMapper::headersFrom(const QByteArray &json)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    for (const auto &item : QJsonDocument::fromJson(json).array()) {
        const auto pair = item.toArray();
        headers.append({pair.at(0).toString().toLatin1(), pair.at(1).toString().toUtf8()});
    }
    return headers;
}

// Written directly, not through QJsonDocument: this runs twice for every delivery attempt.
QByteArray DeliveryAttemptMapper::headersJson(const QList<QPair<QByteArray, QByteArray>> &headers)
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

} // namespace sb
