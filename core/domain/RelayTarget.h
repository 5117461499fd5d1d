#pragma once

#include "domain/RetryPolicy.h"
#include "http/HttpTypes.h"

#include <QJsonObject>
#include <QString>
#include <optional>

namespace sb {

// Where accepted provider callbacks of one webhook route are forwarded raw (issue 13 item 9, as
// smee and the Hookdeck CLI do). `route` is the route's handler name (twilio.sms, mailgun.events,
// ...) or allRoutes ("*") for every provider route.
struct RelayTarget
{
    qint64 id = 0;
    QString route;
    QString url; // http(s); the original path + query is appended unless appendPath is false
    bool appendPath = true;
    bool enabled = true;
    QString description;
    std::optional<RetryPolicy> retry; // none: the default policy
    qint64 createdAt = 0;
    qint64 updatedAt = 0;

    static QString allRoutes() { return QStringLiteral("*"); }
    bool matches(const QString &routeName) const { return route == allRoutes() || route == routeName; }
    RetryPolicy retryPolicy() const { return retry.value_or(RetryPolicy {}); }
    QJsonObject toJson() const;
};

// The request a relay forwards, fixed when the callback is accepted.
namespace relay {

// The original path and query exactly as they stood in the request line (an absolute-form target
// loses its scheme and authority).
QByteArray pathAndQuery(const ApiRequest &request);
// The URL a relay is sent to: `base` + the original path + query (smee/Hookdeck behaviour:
// https://backend.example/hooks + /api/webhooks/twilio/sms?x=1 →
// https://backend.example/hooks/api/webhooks/twilio/sms?x=1); a query of `base` comes first, joined
// by '&'. With appendPath false, `base` itself.
QString targetUrl(const QString &base, bool appendPath, const QByteArray &pathAndQuery);
// Whether a header is hop-by-hop (RFC 9110 7.6.1: Connection, Keep-Alive, Proxy-*, TE, Trailer,
// Transfer-Encoding, Upgrade) or named by the request's Connection header.
bool isHopByHop(QByteArrayView name, const QList<QByteArray> &connectionNames);
// The headers forwarded: the original ones in order (a repeated field joined into its first
// position, "; " for Cookie and ", " otherwise), without hop-by-hop ones, Host and Content-Length;
// then X-Forwarded-For (the original chain + the peer), X-Forwarded-Proto and X-Forwarded-Host of
// `originalUrl`, X-Switchboard-Original-Url and X-Switchboard-Request-Id.
HeaderList forwardedHeaders(const ApiRequest &request, const QByteArray &originalUrl);

} // namespace relay

} // namespace sb
