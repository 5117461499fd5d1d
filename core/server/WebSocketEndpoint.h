#pragma once

#include "LiveHub.h"

namespace sb {

// GET /ws: the native WebSocket of the live streams (README, "Live streams"). The route runs on the
// server thread: it refuses a key in the URL, a wrong key, a client past the connection limit and a
// remote client without --admin-remote, then hands the socket to the hub's thread, where Qt
// WebSockets completes the handshake from the bytes given back to the socket.
namespace WebSocketEndpoint {

ApiResult route(LiveHub &hub, const ApiRequest &request);

// Close codes sent by the server.
enum CloseCode : int
{
    PolicyViolation = 1008, // a message that is not JSON or not an object
    MessageTooBig = 1009, // a message over LiveOptions::maxMessageBytes
    TryAgainLater = 1013,
    Unauthorized = 4401, // no valid key in time, or a wrong key in the auth message
};

} // namespace WebSocketEndpoint

// The key a request presents: Authorization: Bearer / X-API-Key, or a Sec-WebSocket-Protocol
// entry "key.<KEY>"; empty when none.
QByteArray presentedLiveKey(const ApiRequest &request);
// A request that names a key in its URL (the URL ends up in logs): the error to answer, or nothing.
std::optional<ApiError> keyInUrl(const ApiRequest &request);
// Whether `key` may open a live stream: a registered (not revoked) key whose scope allows GET /ws
// (any scope: read keys included).
bool liveKeyAccepted(const ApiKeyRegistry &keys, QByteArrayView key);
// Whether the request comes from this machine, not through a proxy (admin routes' rule).
bool isLocalRequest(const ApiRequest &request);

} // namespace sb
