#pragma once

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>

namespace sb {

struct ApiRequest;

// A list of CIDR ranges (e.g. the trusted proxies: the local ngrok agent by default).
class CidrList
{
public:
    // "127.0.0.0/8,::1" — false + message on a malformed entry.
    bool parse(const QString &text, QString *error);
    bool contains(const QHostAddress &address) const;
    bool isEmpty() const { return m_ranges.isEmpty(); }
    QString toString() const;

private:
    QList<QPair<QHostAddress, int>> m_ranges;
};

// Whether the request carries X-Forwarded-* or Forwarded headers: a request a tunnel or proxy
// passed on, whether or not that proxy is trusted.
bool hasForwardingHeaders(const ApiRequest &request);

// Fills request.clientIp and request.viaProxy: behind a trusted proxy the client is the last
// X-Forwarded-For hop; any X-Forwarded-* header from a trusted peer marks the request as tunnelled.
void resolveClient(ApiRequest &request, const CidrList &trustedProxies);

} // namespace sb
