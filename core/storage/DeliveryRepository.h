#pragma once

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QSqlRecord>
#include <QString>

#include <optional>

namespace sb {

class SqlContext;

// One event on its way to one configuration. `id` is the stable webhook-id across attempts.
struct Delivery
{
    QString id;
    qint64 configId = 0;
    QString eventId;
    QString eventType;
    QString source;           // who raised the event: crm, twilio, ..., api, console, test, demo
    QString inboundRequestId; // the inbound request that raised it, if one did
    QByteArray payload; // the exact body sent
    QString status = QStringLiteral("pending"); // pending | delivered | failed
    int attempts = 0;
    qint64 nextAttemptAt = 0; // 0 = nothing scheduled
    int lastStatus = 0;
    QString lastError;
    bool isTest = false;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

// What one HTTP attempt sent and got back.
struct DeliveryAttempt
{
    QString deliveryId;
    int attempt = 0;
    qint64 startedAt = 0;
    QString url;
    QList<QPair<QByteArray, QByteArray>> requestHeaders;
    QByteArray requestBody;
    int responseStatus = 0; // 0 = no answer
    QList<QPair<QByteArray, QByteArray>> responseHeaders;
    QByteArray responseBody; // at most 1 MB kept
    bool responseTruncated = false; // the receiver sent more than was kept; reading stopped there
    qint64 latencyMs = 0;
    QString error;
};

class DeliveryRepository
{
public:
    static void insert(SqlContext &context, Delivery &delivery);
    static std::optional<Delivery> find(SqlContext &context, const QString &id);
    // Pending deliveries due at `nowMs`, oldest due first.
    static QList<Delivery> due(SqlContext &context, qint64 nowMs, int limit);
    // Only the ids of those (cheap to skip the ones already in flight).
    static QStringList dueIds(SqlContext &context, qint64 nowMs, int limit);
    // The earliest scheduled attempt (0 when none is pending).
    static qint64 nextDue(SqlContext &context);
    // Persists an attempt and the delivery's new state in one go.
    // Rewrites stored attempts whose headers still hold credentials in full (written before they
    // were redacted on insert); returns how many rows changed.
    static int redactStoredCredentials(SqlContext &context);
    static void recordAttempt(SqlContext &context, const DeliveryAttempt &attempt, const QString &status,
                              qint64 nextAttemptAt);
    // Puts a delivery back in the queue for an immediate attempt (manual retry).
    static bool requeue(SqlContext &context, const QString &id);
    // Manual retry (API and console): re-queues each delivery and wakes the dispatcher after the
    // commit. Returns how many were re-queued.
    static int retry(SqlContext &context, const QStringList &ids);
    static QList<DeliveryAttempt> attempts(SqlContext &context, const QString &id);

    static Delivery fromRecord(const QSqlRecord &row);
    static QString columns();
    static QJsonObject attemptJson(const DeliveryAttempt &attempt);
};

} // namespace sb
