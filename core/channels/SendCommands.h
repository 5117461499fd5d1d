#pragma once

#include "ProviderAdapter.h"
#include "domain/ExternalService.h"
#include "domain/Lead.h"
#include "domain/Messaging.h"
#include "http/HttpTypes.h"

#include <QJsonObject>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <functional>
#include <optional>
#include <variant>

namespace sb {

class OutboxDispatcher;
class SqlContext;

// What a send asks for: the send APIs read it from a request body, the console's composer fills it.
struct SendRequest
{
    Channel channel = Channel::Sms;
    QString to; // empty with a conversationId: the lead's address on the channel
    QString from; // empty: the service's sender
    QString subject;
    QString body;
    std::optional<qint64> leadId;
    std::optional<qint64> serviceId;
    std::optional<qint64> conversationId; // send into this thread (its lead; its channel by default)
    bool channelGiven = true; // false: the conversation's channel
    QString idempotencyKey; // "api:<key>" when the caller gave one
};

// What a send needs from the running instance.
struct SendSettings
{
    std::function<QString()> publicUrl; // read per send: Settings may change it
    QString phoneRegion = QStringLiteral("US");
    QProcessEnvironment environment;
};

// A queued send: its message and outbox rows (committed with the job that queued them).
struct SendQueued
{
    qint64 messageId = 0;
    qint64 outboxId = 0;
    bool repeated = false; // the idempotency key had been used: the first send's rows
    QJsonObject answer; // the send APIs' 202 body
};

using SendResult = std::variant<SendQueued, ApiError>;

// The send command, run on the writer's SqlContext (one job = one commit). For a conversation, the
// lead and channel come from the thread (404 when missing; 400 for a channel that cannot be sent,
// or a lead without an address on it). Then: a repeated idempotency key answers the first send;
// the recipient is checked (E.164 for SMS, address syntax for email: 400); the lead is found (404
// for an unknown leadId) or, without one, found or created by address; a do-not-contact lead is
// refused (409 with the reason); the service is resolved (ServiceResolver); the message (queued)
// and its outbox row are written. Twilio sends carry the public URL's status callback.
SendResult queueSend(SqlContext &context, SendRequest send, const SendSettings &settings);

// The service test (POST /api/communications/external-services/{id}/test and Settings → Channels):
// checks the recipient against the service's type (400), then sends `message` once through
// `service` right away (no outbox row; <PROVIDER>_API_BASE_URL applied) and answers 200 with seed
// 004's shape: success, status_code, response_time, message, and provider_message_id /
// provider_status, or error / error_code (the provider's words). `done` runs in `context`'s thread.
void sendTestMessage(OutboxDispatcher &outbox, ExternalService service,
    const channels::OutgoingMessage &message, const QProcessEnvironment &environment, QObject *context,
    std::function<void(const ApiResult &)> done);

// The lead's address on a channel: phone (E.164 when known) for SMS, email for email.
QString leadAddressFor(const Lead &lead, Channel channel);

} // namespace sb
