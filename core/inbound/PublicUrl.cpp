#include "PublicUrl.h"

namespace sb {

QByteArray PublicUrl::lastValue(const ApiRequest &request, QByteArrayView name)
{
    const auto values = request.headerValues(name);
    if (values.isEmpty())
        return {};
    const auto items = values.last().split(',');
    return items.last().trimmed();
}

QByteArray PublicUrl::of(const ApiRequest &request, const QString &configuredBase)
{
    // An absolute-form target ([rfc9112] 3.2.2) already names scheme and authority; only its path
    // and query are the provider's.
    QByteArray target = request.rawTarget;
    if (target.startsWith("http://") || target.startsWith("https://")) {
        const auto slash = target.indexOf('/', target.indexOf("//") + 2);
        target = slash < 0 ? QByteArray("/") : target.mid(slash);
    }
    if (!configuredBase.isEmpty()) {
        QByteArray base = configuredBase.trimmed().toUtf8();
        while (base.endsWith('/'))
            base.chop(1);
        return base + target;
    }
    QByteArray scheme = "http";
    QByteArray host = request.header("Host").trimmed();
    // The scheme and host a tunnel forwarded are believed from a trusted proxy and from a loopback
    // peer (the local tunnel agent, e.g. ngrok, with no --public-url or --trusted-proxy set). They only
    // choose which URL the signature must match — a client can name any host in Host already — so
    // believing them gives a forger nothing, while the client address, rate limits and admin
    // locality still follow X-Forwarded-For only from trusted proxies.
    if (request.viaProxy || request.peer.isLoopback()) {
        const auto proto = lastValue(request, "X-Forwarded-Proto").toLower();
        if (proto == "https" || proto == "http")
            scheme = proto;
        const auto forwardedHost = lastValue(request, "X-Forwarded-Host");
        if (!forwardedHost.isEmpty())
            host = forwardedHost;
    }
    return scheme + "://" + host + target;
}

} // namespace sb
