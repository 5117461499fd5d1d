#include "LiveRouteDocs.h"

#include "OpenApi.h"

#include <limits>

namespace sb {

namespace {

using namespace schema;

const QString topicsText = QStringLiteral(
    "Topics: leads, conversations (messages, calls, recordings, ElevenLabs conversations), deliveries, "
    "inbound, campaigns, notifications, lead:{id} (everything about one lead) and conversation:{id}.");

const QString eventText = QStringLiteral(
    "An event object is {\"type\":\"event\",\"topic\",\"seq\",\"event\",\"at\",\"data\"}: seq is the "
    "durable event log's sequence (commit order, kept across restarts), at the commit's time (ISO 8601 "
    "UTC), data the payload outbound webhooks get.");

const QString scopeText = QStringLiteral(
    "Any API key scope may follow the streams (x-required-scope: read); an unknown or revoked key is "
    "refused.");

ParamDoc lastEventId()
{
    return ParamDoc {QStringLiteral("Last-Event-ID"),
        QStringLiteral("The seq of the last event received: every stored event after it comes first (or "
                       "event: resync when those were pruned)"),
        integerRange(0, std::numeric_limits<qint64>::max()), false};
}

ResponseDoc eventStream(const QString &description)
{
    return ResponseDoc {200,
        description
            + QStringLiteral(" Each event is `id: <seq>`, `event: <type>`, `data: <event object>`; a "
                             "`: heartbeat` comment every 15 s."),
        string(QStringLiteral("Server-Sent Events")), "text/event-stream"};
}

} // namespace

void documentLiveRoutes(Router &router)
{
    RouteDoc ws;
    ws.summary = QStringLiteral("Live events over a WebSocket");
    ws.tag = QStringLiteral("Live streams");
    ws.description
        = QStringLiteral(
              "A GET with `Upgrade: websocket` (RFC 6455) on the server's port, subprotocol switchboard.v1. "
              "The API key goes in `Authorization: Bearer <key>` / `X-API-Key`, as a subprotocol entry "
              "`key.<key>` next to switchboard.v1 (browsers), or as the first message "
              "{\"type\":\"auth\",\"key\":\"…\"} within 5 s; never in the URL (400). ")
        + scopeText
        + QStringLiteral(
            " Only on this machine unless the server runs with --admin-remote.\n\nClient frames (JSON "
            "text): {\"type\":\"subscribe\",\"topics\":[…]} and {\"type\":\"unsubscribe\",\"topics\":[…]} "
            "(answered {\"type\":\"subscribed\",\"topics\":[all followed]}); "
            "{\"type\":\"resume\",\"since\":<seq>,\"topics\":[…]} (every stored matching event after seq, "
            "then live ones, or {\"type\":\"resync\"} when they were pruned); {\"type\":\"auth\",\"key\"} "
            "(answered {\"type\":\"authenticated\"}).\n\nServer frames: event objects, "
            "{\"type\":\"error\",\"message\"} for a bad message (the connection stays), "
            "{\"type\":\"resync\"}. ")
        + eventText + QLatin1Char(' ') + topicsText
        + QStringLiteral(
            "\n\nPing every 30 s; no pong for 60 s closes. Close codes: 1000 normal, 1008 binary frame, "
            "1009 message over 64 KB, 1013 try again later, 4401 no valid key in time, a message before "
            "auth, or a wrong key in auth. A client 4 MB behind is disconnected.");
    ws.headers = {ParamDoc {QStringLiteral("Upgrade"), QStringLiteral("websocket"),
                      oneOfValues({QStringLiteral("websocket")}), true},
        ParamDoc {QStringLiteral("Sec-WebSocket-Protocol"),
            QStringLiteral("switchboard.v1, optionally with key.<API key>"), {}, false}};
    ws.responses = {ResponseDoc {101, QStringLiteral("Switching Protocols: the WebSocket is open"), {}, {}},
        errorResponse(400, QStringLiteral("Not a WebSocket upgrade, or an API key in the URL")),
        errorResponse(401, QStringLiteral("The key presented in a header or subprotocol is not valid")),
        errorResponse(403, QStringLiteral("A remote client while the server runs without --admin-remote")),
        errorResponse(503, QStringLiteral("Too many live clients; Retry-After says when to try again"))};
    router.document("GET", QStringLiteral("/ws"), ws);

    RouteDoc events;
    events.summary = QStringLiteral("Live events as Server-Sent Events");
    events.tag = ws.tag;
    events.description
        = QStringLiteral("The /ws event objects of the topics named, as an EventSource stream. ") + eventText
        + QLatin1Char(' ') + topicsText + QLatin1Char(' ') + scopeText;
    events.query = {ParamDoc {QStringLiteral("topics"),
        QStringLiteral("Comma-separated topics, e.g. leads,conversation:42"), string(), true}};
    events.headers = {lastEventId()};
    events.responses = {eventStream(QStringLiteral("The stream.")),
        errorResponse(400, QStringLiteral("topics missing or unknown, or a bad Last-Event-ID")),
        errorResponse(503, QStringLiteral("Too many live clients; Retry-After says when to try again"))};
    router.document("GET", QStringLiteral("/api/stream/events"), events);

    RouteDoc conversation;
    conversation.summary = QStringLiteral("One lead's live conversation as Server-Sent Events");
    conversation.tag = ws.tag;
    conversation.description
        = QStringLiteral("Seed 003: everything about one lead (topic lead:{leadId}): the lead, its messages, "
                         "calls and conversations. ")
        + eventText + QLatin1Char(' ') + scopeText;
    conversation.pathParams = {ParamDoc {QStringLiteral("leadId"), QStringLiteral("The lead's id"),
        integerRange(1, std::numeric_limits<qint64>::max()), true}};
    conversation.headers = {lastEventId()};
    conversation.responses = {eventStream(QStringLiteral("The lead's stream.")),
        errorResponse(400, QStringLiteral("leadId is not a positive integer, or a bad Last-Event-ID")),
        errorResponse(503, QStringLiteral("Too many live clients; Retry-After says when to try again"))};
    router.document("GET", QStringLiteral("/api/stream/conversation/{leadId}"), conversation);
}

} // namespace sb
