#include "CorsPolicy.h"

#include <QUrl>

namespace sb {

bool CorsPolicy::parseOrigin(const QString &text, QString *origin, QString *error)
{
    const auto trimmed = text.trimmed();
    if (trimmed == QLatin1String("*")) {
        *origin = trimmed;
        return true;
    }
    const QUrl url(trimmed, QUrl::StrictMode);
    const auto scheme = url.scheme().toLower();
    const bool bare = url.path().isEmpty() || url.path() == QLatin1String("/");
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        || url.host().isEmpty() || !bare || url.hasQuery() || url.hasFragment()
        || !url.userInfo().isEmpty()) {
        *error = QStringLiteral("--cors-origin: '%1' is not an origin (expected scheme://host[:port], e.g. "
                                "https://crm.example.com, or *)")
                     .arg(trimmed);
        return false;
    }
    const int defaultPort = scheme == QLatin1String("https") ? 443 : 80;
    const int port = url.port(defaultPort);
    auto host = url.host(QUrl::FullyEncoded).toLower();
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    *origin = scheme + QStringLiteral("://") + host
        + (port == defaultPort ? QString() : QLatin1Char(':') + QString::number(port));
    return true;
}

bool CorsPolicy::parseOrigins(const QStringList &values, QStringList *origins, QString *error)
{
    for (const auto &value : values) {
        for (const auto &part : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            if (part.trimmed().isEmpty())
                continue;
            QString origin;
            if (!parseOrigin(part, &origin, error))
                return false;
            if (!origins->contains(origin))
                origins->append(origin);
        }
    }
    return true;
}

CorsPolicy::CorsPolicy(QStringList origins)
    : m_origins(std::move(origins))
    , m_any(m_origins.contains(QStringLiteral("*")))
{ }

bool CorsPolicy::allows(const QByteArray &origin) const
{
    if (origin.isEmpty() || m_origins.isEmpty())
        return false;
    QString normalized;
    QString ignored;
    // "null" (sandboxed frames, file: pages) and anything that is not an origin are never allowed.
    if (!parseOrigin(QString::fromUtf8(origin), &normalized, &ignored) || normalized == QLatin1String("*"))
        return false;
    return m_any || m_origins.contains(normalized);
}

QByteArray CorsPolicy::allowOrigin(const QByteArray &origin) const
{
    // With "*" configured the answer is "*", which browsers accept only without credentials; this
    // server never sends Access-Control-Allow-Credentials (API keys travel in headers, not cookies).
    return m_any ? QByteArray("*") : origin;
}

HeaderList CorsPolicy::responseHeaders(const QByteArray &origin) const
{
    return {{"Access-Control-Allow-Origin", allowOrigin(origin)}, {"Vary", "Origin"},
        {"Access-Control-Expose-Headers", exposedHeaders()}};
}

HeaderList CorsPolicy::preflightHeaders(const QByteArray &origin, const QByteArrayList &methods) const
{
    QByteArrayList allowed = methods;
    if (allowed.contains("GET") && !allowed.contains("HEAD"))
        allowed.append("HEAD");
    return {{"Access-Control-Allow-Origin", allowOrigin(origin)}, {"Vary", "Origin"},
        {"Access-Control-Allow-Methods", allowed.join(", ")},
        {"Access-Control-Allow-Headers", allowedHeaders()},
        {"Access-Control-Max-Age", QByteArray::number(maxAgeSeconds)}};
}

QByteArray CorsPolicy::allowedHeaders()
{
    return "Authorization, Content-Type, X-API-Key, Idempotency-Key, Last-Event-ID";
}

QByteArray CorsPolicy::exposedHeaders()
{
    return "Retry-After, WWW-Authenticate, Allow, Location";
}

} // namespace sb
