#pragma once

#include "LiveHub.h"

namespace sb {

// The Server-Sent Events streams (seed 003 and the event stream): GET /api/stream/events?topics=…
// and GET /api/stream/conversation/{leadId}. Each event is "id: <seq>", "event: <type>" and
// "data: <the /ws event object>"; Last-Event-ID resumes; a ": heartbeat" comment every
// LiveOptions::heartbeatMs. Admin routes: the key in Authorization / X-API-Key.
namespace SseEndpoint {

ApiResult events(LiveHub &hub, const ApiRequest &request);
ApiResult conversation(LiveHub &hub, const ApiRequest &request);

} // namespace SseEndpoint
} // namespace sb
