#include "LiveHub.h"
#include "SseEndpoint.h"
#include "WebSocketEndpoint.h"

namespace sb {

void registerLiveRoutes(Router &router, LiveHub &hub)
{
    // /ws checks its key itself (in the handshake or the first message); the streams are admin
    // routes (key header, this machine unless --admin-remote). None is rate limited: the connection
    // limit bounds them and a burst of reconnecting clients must not lock out the admin API.
    Route ws;
    ws.method = "GET";
    ws.pattern = QStringLiteral("/ws");
    ws.family = ApiFamily::WebhookAdmin;
    ws.kind = RouteKind::Immediate;
    ws.handlerName = QStringLiteral("live.websocket");
    ws.immediate = [&hub](const ApiRequest &request) { return WebSocketEndpoint::route(hub, request); };
    router.add(std::move(ws));

    Route events;
    events.method = "GET";
    events.pattern = QStringLiteral("/api/stream/events");
    events.family = ApiFamily::WebhookAdmin;
    events.kind = RouteKind::Immediate;
    events.admin = true;
    events.handlerName = QStringLiteral("live.sse.events");
    events.immediate = [&hub](const ApiRequest &request) { return SseEndpoint::events(hub, request); };
    router.add(std::move(events));

    Route conversation;
    conversation.method = "GET";
    conversation.pattern = QStringLiteral("/api/stream/conversation/{leadId}");
    conversation.family = ApiFamily::Communications;
    conversation.kind = RouteKind::Immediate;
    conversation.admin = true;
    conversation.handlerName = QStringLiteral("live.sse.conversation");
    conversation.immediate
        = [&hub](const ApiRequest &request) { return SseEndpoint::conversation(hub, request); };
    router.add(std::move(conversation));
}

} // namespace sb
