#pragma once

#include "server/Router.h"

#include <QProcessEnvironment>
#include <functional>

namespace sb {

class OutboxDispatcher;
class SqlWorker;

struct SendDependencies
{
    OutboxDispatcher &outbox;
    SqlWorker &reader; // reads the service of a test send
    std::function<QString()> publicUrl; // read per request: Settings may change it
    QString phoneRegion = QStringLiteral("US");
    QProcessEnvironment environment;
};

// The send APIs (admin key): POST /api/twilio/send-sms (seed 003), POST /api/conversations and
// POST /api/conversations/{id}/messages (seed 000) queue a message and its outbox row in one commit
// and answer 202 with the queued message; an Idempotency-Key header (or client_message_id) makes a
// repeat answer the first send. Do-not-contact leads: 409; bad recipients: 400.
// POST /api/communications/external-services/{id}/test sends once through the service right away.
void registerSendRoutes(Router &router, const SendDependencies &dependencies);

} // namespace sb
