#include "NetworkTrust.h"

#include "http/HttpTypes.h"

namespace sb {

bool CidrList::parse(const QString &text, QString *error)
{
    QList<QPair<QHostAddress, int>> ranges;
    for (const auto &entry : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto trimmed = entry.trimmed();
        auto range = QHostAddress::parseSubnet(trimmed);
        if (range.first.isNull()) {
            QHostAddress single(trimmed);
            if (single.isNull()) {
                if (error)
                    *error = QStringLiteral("not an address or CIDR range: %1").arg(trimmed);
                return false;
            }
            range = {single, single.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32};
        }
        ranges.append(range);
    }
    m_ranges = ranges;
    return true;
}

bool CidrList::contains(const QHostAddress &address) const
{
    bool ok = false;
    const QHostAddress v4(address.toIPv4Address(&ok));
    for (const auto &range : m_ranges) {
        if (address.isInSubnet(range) || (ok && v4.isInSubnet(range)))
            return true;
    }
    return false;
}

QString CidrList::toString() const
{
    QStringList parts;
    for (const auto &range : m_ranges)
        parts.append(range.first.toString() + QLatin1Char('/') + QString::number(range.second));
    return parts.join(QLatin1Char(','));
}

bool hasForwardingHeaders(const ApiRequest &request)
{
    for (const auto &[name, value] : request.headers) {
        if (name.size() > 12
            && QByteArrayView(name).first(12).compare("x-forwarded-", Qt::CaseInsensitive) == 0)
            return true;
        if (QByteArrayView(name).compare("forwarded", Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

void resolveClient(ApiRequest &request, const CidrList &trustedProxies)
{
    bool ok = false;
    const QHostAddress v4(request.peer.toIPv4Address(&ok));
    request.clientIp = ok ? v4.toString() : request.peer.toString();
    request.viaProxy = false;
    if (!trustedProxies.contains(request.peer))
        return;
    request.viaProxy = hasForwardingHeaders(request);
    const auto forwardedFor = request.headerValues("X-Forwarded-For");
    if (!forwardedFor.isEmpty()) {
        const auto hops = forwardedFor.last().split(',');
        const auto last = QString::fromLatin1(hops.last().trimmed());
        if (!QHostAddress(last).isNull())
            request.clientIp = last;
    }
}

} // namespace sb
