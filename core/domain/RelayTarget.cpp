#include "RelayTarget.h"

#include "domain/IsoTime.h"

namespace sb {

QJsonObject RelayTarget::toJson() const
{
    QJsonObject object {{QStringLiteral("id"), id}, {QStringLiteral("route"), route},
        {QStringLiteral("url"), url}, {QStringLiteral("appendPath"), appendPath},
        {QStringLiteral("enabled"), enabled},
        {QStringLiteral("description"), description.isEmpty() ? QJsonValue() : QJsonValue(description)},
        {QStringLiteral("retryConfig"), retryPolicy().toJson()},
        {QStringLiteral("createdAt"), isoTime(createdAt)}, {QStringLiteral("updatedAt"), isoTime(updatedAt)}};
    return object;
}

namespace relay {

QByteArray pathAndQuery(const ApiRequest &request)
{
    QByteArray target = request.rawTarget;
    if (target.startsWith("http://") || target.startsWith("https://")) {
        const auto slash = target.indexOf('/', target.indexOf("//") + 2);
        target = slash < 0 ? QByteArray("/") : target.mid(slash);
    }
    if (target.isEmpty())
        target = "/";
    return target;
}

QString targetUrl(const QString &base, bool appendPath, const QByteArray &pathAndQuery)
{
    if (!appendPath)
        return base;
    QString head = base;
    QString baseQuery;
    const auto mark = head.indexOf(QLatin1Char('?'));
    if (mark >= 0) {
        baseQuery = head.mid(mark + 1);
        head.truncate(mark);
    }
    while (head.endsWith(QLatin1Char('/')))
        head.chop(1);
    // The original bytes are ASCII on the wire (a request line is); Latin-1 keeps any other byte.
    const auto original = QString::fromLatin1(pathAndQuery);
    const auto originalMark = original.indexOf(QLatin1Char('?'));
    const auto path = originalMark < 0 ? original : original.left(originalMark);
    const auto query = originalMark < 0 ? QString() : original.mid(originalMark + 1);
    QString url = head + (path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path);
    if (!baseQuery.isEmpty() && !query.isEmpty())
        url += QLatin1Char('?') + baseQuery + QLatin1Char('&') + query;
    else if (!baseQuery.isEmpty() || originalMark >= 0)
        url += QLatin1Char('?') + (baseQuery.isEmpty() ? query : baseQuery);
    return url;
}

bool isHopByHop(QByteArrayView name, const QList<QByteArray> &connectionNames)
{
    static const char *const fixed[]
        = {"connection", "keep-alive", "te", "trailer", "trailers", "transfer-encoding", "upgrade"};
    for (const char *candidate : fixed) {
        if (name.compare(QByteArrayView(candidate), Qt::CaseInsensitive) == 0)
            return true;
    }
    if (name.size() >= 6 && name.first(6).compare("proxy-", Qt::CaseInsensitive) == 0)
        return true;
    return std::any_of(connectionNames.cbegin(), connectionNames.cend(),
        [name](const QByteArray &listed) { return name.compare(listed, Qt::CaseInsensitive) == 0; });
}

namespace {

bool named(QByteArrayView name, const char *candidate)
{
    return name.compare(QByteArrayView(candidate), Qt::CaseInsensitive) == 0;
}

QByteArray peerText(const QHostAddress &peer)
{
    bool mapped = false;
    const auto v4 = peer.toIPv4Address(&mapped);
    if (mapped)
        return QHostAddress(v4).toString().toLatin1();
    return peer.toString().toLatin1();
}

} // namespace

HeaderList forwardedHeaders(const ApiRequest &request, const QByteArray &originalUrl)
{
    QList<QByteArray> connectionNames;
    for (const auto &value : request.headerValues("Connection")) {
        for (const auto &item : value.split(',')) {
            const auto trimmed = item.trimmed();
            if (!trimmed.isEmpty())
                connectionNames.append(trimmed);
        }
    }
    HeaderList headers;
    QByteArrayList forwardedFor;
    for (const auto &[name, value] : request.headers) {
        if (isHopByHop(name, connectionNames) || named(name, "host") || named(name, "content-length"))
            continue;
        if (named(name, "x-forwarded-for")) {
            forwardedFor.append(value.trimmed());
            continue;
        }
        if (named(name, "x-forwarded-proto") || named(name, "x-forwarded-host")
            || named(name, "x-switchboard-original-url") || named(name, "x-switchboard-request-id"))
            continue; // replaced below
        // One field per name: an HTTP client sets each name once (RFC 9110 5.3 allows the join).
        const auto existing
            = std::find_if(headers.begin(), headers.end(), [&name = name](const auto &header) {
                  return header.first.compare(name, Qt::CaseInsensitive) == 0;
              });
        if (existing != headers.end())
            existing->second += (named(name, "cookie") ? QByteArray("; ") : QByteArray(", ")) + value;
        else
            headers.append({name, value});
    }
    forwardedFor.removeAll(QByteArray());
    forwardedFor.append(peerText(request.peer));
    headers.append({"X-Forwarded-For", forwardedFor.join(", ")});
    const auto schemeEnd = originalUrl.indexOf("://");
    if (schemeEnd > 0) {
        const auto authorityStart = schemeEnd + 3;
        auto authorityEnd = originalUrl.indexOf('/', authorityStart);
        if (authorityEnd < 0)
            authorityEnd = originalUrl.size();
        headers.append({"X-Forwarded-Proto", originalUrl.left(schemeEnd)});
        headers.append({"X-Forwarded-Host", originalUrl.mid(authorityStart, authorityEnd - authorityStart)});
    }
    headers.append({"X-Switchboard-Original-Url", originalUrl});
    headers.append({"X-Switchboard-Request-Id", request.recordId.toLatin1()});
    return headers;
}

} // namespace relay

} // namespace sb
