#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringView>
#include <optional>

namespace sb {

// Where a delivery stands: waiting for an attempt (first or retry), done, or given up.
enum class DeliveryStatus
{
    Pending,
    Delivered,
    Failed
};

// The stored and wire name ("pending", "delivered", "failed").
QString deliveryStatusName(DeliveryStatus status);
std::optional<DeliveryStatus> deliveryStatusFromName(QStringView name);
// Every status, in the order the console lists them.
QList<DeliveryStatus> allDeliveryStatuses();

// One event on its way to one configuration. `id` is the stable webhook-id across attempts.
struct Delivery
{
    qint64 seq = 0; // storage order (keyset of the console's log)
    QString id;
    qint64 configId = 0;
    QString eventId;
    QString eventType;
    QString source; // who raised the event: crm, twilio, ..., api, console, test, demo
    QString inboundRequestId; // the inbound request that raised it, if one did
    QByteArray payload; // the exact body sent
    DeliveryStatus status = DeliveryStatus::Pending;
    int attempts = 0;
    qint64 nextAttemptAt = 0; // 0 = nothing scheduled
    int lastStatus = 0;
    QString lastError;
    bool isTest = false;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    // A relay (source "relay") forwards an accepted callback to relay target relayTargetId: the
    // original method, path + query and headers (fixed on acceptance); `payload` is its body.
    qint64 relayTargetId = 0;
    QByteArray relayMethod;
    QByteArray relayPath;
    QList<QPair<QByteArray, QByteArray>> relayHeaders;

    bool isRelay() const { return relayTargetId > 0; }
    bool operator==(const Delivery &) const = default;
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

    bool operator==(const DeliveryAttempt &) const = default;
};

} // namespace sb
