#pragma once

#include "http/HttpTypes.h"

namespace sb {

// The URL a provider called, which its signature covers (DESIGN.md "HTTP surface rules"; issue 3
// item 2). In order:
//   1. `configuredBase` (--public-url / SWITCHBOARD_PUBLIC_URL, e.g. https://abc.ngrok-free.app)
//      + the raw request target;
//   2. behind a trusted proxy (request.viaProxy, set by resolveClient from --trusted-proxy; the local
//      ngrok agent by default): X-Forwarded-Proto :// X-Forwarded-Host + raw target, the last value of
//      each (the hop nearest to us, the one we trust); a missing one falls back to http / Host;
//   3. http://<Host header><raw target>.
// The raw target is used as it stood in the request line, so the query's bytes (escapes, order,
// '+') are exactly those the provider signed.
struct PublicUrl
{
    static QByteArray of(const ApiRequest &request, const QString &configuredBase);
    // The last comma-separated element of the last occurrence of a header.
    static QByteArray lastValue(const ApiRequest &request, QByteArrayView name);
};

} // namespace sb
