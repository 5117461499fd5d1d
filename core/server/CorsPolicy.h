#pragma once

#include "http/HttpTypes.h"

#include <QStringList>

namespace sb {

// Which browser origins may call the API (--cors-origin / SWITCHBOARD_CORS_ORIGINS) and the CORS
// headers their requests get. Pure: the pipeline asks it per request (RequestPipeline::handle).
// Webhook paths never get CORS headers (providers are not browsers); the pipeline decides that.
class CorsPolicy
{
public:
    // "*" (any origin, never with credentials) or scheme://host[:port] with no path, query or
    // credentials; normalised (lower case, default port dropped). False + message otherwise.
    static bool parseOrigin(const QString &text, QString *origin, QString *error);
    // Each value may hold several origins separated by commas (the environment variable's form).
    static bool parseOrigins(const QStringList &values, QStringList *origins, QString *error);

    CorsPolicy() = default;
    explicit CorsPolicy(QStringList origins);

    bool enabled() const { return !m_origins.isEmpty(); }
    const QStringList &origins() const { return m_origins; }
    // Whether an Origin header names an allowed origin.
    bool allows(const QByteArray &origin) const;
    // Headers of an answer to an allowed origin's request.
    HeaderList responseHeaders(const QByteArray &origin) const;
    // Headers of a 204 answer to an allowed origin's preflight; `methods` are those of the path.
    HeaderList preflightHeaders(const QByteArray &origin, const QByteArrayList &methods) const;

    static constexpr int maxAgeSeconds = 600;
    // Request headers a browser may send: credentials, bodies, idempotency and stream resumption.
    static QByteArray allowedHeaders();
    // Answer headers a script may read.
    static QByteArray exposedHeaders();

private:
    QByteArray allowOrigin(const QByteArray &origin) const;
    QStringList m_origins;
    bool m_any = false;
};

} // namespace sb
