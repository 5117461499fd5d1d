#pragma once

#include "server/Router.h"

#include <QJsonObject>

namespace sb {

// The OpenAPI documentation of the channels layer's routes: external services (seed 004), sending
// SMS and conversation messages, AI-agent calls, inbound-email auto-responses, and the conversations
// REST reads (ConversationApiRoutes).
void documentChannelRoutes(Router &router);

// JSON Schema of one stored conversation row (ISO 8601 times), as the lead detail of GET
// /api/leads/{id} lists its threads.
QJsonObject conversationSchema();

} // namespace sb
