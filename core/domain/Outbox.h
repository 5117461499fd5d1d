#pragma once

#include "Messaging.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringView>
#include <optional>

namespace sb {

// Where one outgoing message stands in the outbox:
//   pending — waiting for its (first or next) attempt;
//   sending — an attempt is under way (set and committed BEFORE the provider is called);
//   sent    — the provider accepted it;
//   failed  — refused by the provider, or retries exhausted;
//   unknown — an attempt was interrupted (crash) with no answer recorded: the provider may or may
//             not have the message, so it is not sent again ("check provider").
enum class OutboxStatus
{
    Pending,
    Sending,
    Sent,
    Failed,
    Unknown
};
// "pending", "sending", "sent", "failed", "unknown"
QString outboxStatusName(OutboxStatus status);
std::optional<OutboxStatus> outboxStatusFromName(QStringView name);

// One row of `outbox`: a message on its way to one provider.
struct OutboxEntry
{
    qint64 id = 0;
    qint64 messageId = 0;
    qint64 serviceId = 0; // 0: a service configured from the environment
    QString provider; // ServiceProvider wire name
    Channel channel = Channel::Sms;
    QJsonObject request; // the outgoing message (to, from, subject, body, statusCallback, ...)
    QString idempotencyKey; // unique; stable across attempts
    OutboxStatus status = OutboxStatus::Pending;
    int attempts = 0;
    qint64 nextAttemptAt = 0;
    int lastStatus = 0;
    QString lastError;
    QString providerId;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

// One HTTP attempt of an outbox entry, with its credentials masked before it is stored.
struct OutboxAttempt
{
    qint64 outboxId = 0;
    int attempt = 0;
    qint64 startedAt = 0;
    QString url;
    QList<QPair<QByteArray, QByteArray>> requestHeaders;
    QByteArray requestBody;
    int responseStatus = 0; // 0: no answer
    QList<QPair<QByteArray, QByteArray>> responseHeaders;
    QByteArray responseBody;
    qint64 latencyMs = 0;
    QString error;
};

} // namespace sb
