#include "UrlPolicy.h"

namespace sb {

bool UrlPolicy::parse(const QString &name, Mode *mode)
{
    if (name == QLatin1String("dev"))
        *mode = Mode::Dev;
    else if (name == QLatin1String("strict"))
        *mode = Mode::Strict;
    else
        return false;
    return true;
}

QString UrlPolicy::check(const QHostAddress &address) const
{
    if (m_mode == Mode::Dev)
        return {};
    bool isV4 = false;
    const QHostAddress v4(address.toIPv4Address(&isV4));
    const QHostAddress &candidate = isV4 ? v4 : address;
    static const QList<QPair<QPair<QHostAddress, int>, const char *>> blocked{
        {QHostAddress::parseSubnet(QStringLiteral("0.0.0.0/8")), "an unspecified address"},
        {QHostAddress::parseSubnet(QStringLiteral("127.0.0.0/8")), "a loopback address"},
        {QHostAddress::parseSubnet(QStringLiteral("10.0.0.0/8")), "a private network address"},
        {QHostAddress::parseSubnet(QStringLiteral("172.16.0.0/12")), "a private network address"},
        {QHostAddress::parseSubnet(QStringLiteral("192.168.0.0/16")), "a private network address"},
        {QHostAddress::parseSubnet(QStringLiteral("100.64.0.0/10")), "a carrier-grade NAT address"},
        {QHostAddress::parseSubnet(QStringLiteral("169.254.0.0/16")), "a link-local address (cloud metadata lives here)"},
        {QHostAddress::parseSubnet(QStringLiteral("224.0.0.0/4")), "a multicast address"},
        {QHostAddress::parseSubnet(QStringLiteral("::1/128")), "a loopback address"},
        {QHostAddress::parseSubnet(QStringLiteral("::/128")), "an unspecified address"},
        {QHostAddress::parseSubnet(QStringLiteral("fc00::/7")), "a private network address"},
        {QHostAddress::parseSubnet(QStringLiteral("fe80::/10")), "a link-local address"},
        {QHostAddress::parseSubnet(QStringLiteral("ff00::/8")), "a multicast address"},
    };
    for (const auto &[range, reason] : blocked) {
        if (candidate.isInSubnet(range))
            return QStringLiteral("outbound URL policy 'strict' refuses %1 (%2) as %3")
                .arg(address.toString(), range.first.toString() + QLatin1Char('/') + QString::number(range.second),
                     QString::fromLatin1(reason));
    }
    return {};
}

} // namespace sb
