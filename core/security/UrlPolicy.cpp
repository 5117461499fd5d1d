#include "UrlPolicy.h"

#include <array>

namespace sb {

namespace {

struct Range4
{
    quint32 network;
    int prefix;
    const char *reason;
};

struct Range6
{
    const char *network;
    int prefix;
    const char *reason;
};

constexpr quint32 v4(int a, int b, int c, int d)
{
    return quint32(a) << 24 | quint32(b) << 16 | quint32(c) << 8 | quint32(d);
}

// IPv4 ranges that are not the public internet (IANA special-purpose registry).
constexpr std::array ranges4 {
    Range4 {v4(0, 0, 0, 0), 8, "an unspecified address"},
    Range4 {v4(10, 0, 0, 0), 8, "a private network address"},
    Range4 {v4(100, 64, 0, 0), 10, "a carrier-grade NAT address"},
    Range4 {v4(127, 0, 0, 0), 8, "a loopback address"},
    Range4 {v4(169, 254, 0, 0), 16, "a link-local address (cloud metadata lives here)"},
    Range4 {v4(172, 16, 0, 0), 12, "a private network address"},
    Range4 {v4(192, 0, 0, 0), 24, "an IETF protocol assignment"},
    Range4 {v4(192, 0, 2, 0), 24, "a documentation address"},
    Range4 {v4(192, 88, 99, 0), 24, "a 6to4 relay address"},
    Range4 {v4(192, 168, 0, 0), 16, "a private network address"},
    Range4 {v4(198, 18, 0, 0), 15, "a benchmarking network address"},
    Range4 {v4(198, 51, 100, 0), 24, "a documentation address"},
    Range4 {v4(203, 0, 113, 0), 24, "a documentation address"},
    Range4 {v4(224, 0, 0, 0), 4, "a multicast address"},
    Range4 {v4(240, 0, 0, 0), 4, "a reserved address (broadcast included)"},
};

// IPv6 ranges refused as a whole. Ranges that embed an IPv4 address (mapped, NAT64, 6to4) are
// judged by the address they embed, in check().
const std::array ranges6 {
    Range6 {"::", 128, "an unspecified address"},
    Range6 {"::1", 128, "a loopback address"},
    Range6 {"::", 96, "an IPv4-compatible address (deprecated; it embeds an IPv4 address)"},
    Range6 {"64:ff9b:1::", 48, "a local-use NAT64 address"},
    Range6 {"100::", 64, "a discard-only address"},
    Range6 {"2001::", 32, "a Teredo tunnel address"},
    Range6 {"2001:db8::", 32, "a documentation address"},
    Range6 {"fc00::", 7, "a private network address"},
    Range6 {"fe80::", 10, "a link-local address"},
    Range6 {"fec0::", 10, "a site-local address"},
    Range6 {"ff00::", 8, "a multicast address"},
};

bool inPrefix(const Q_IPV6ADDR &address, const Q_IPV6ADDR &network, int prefix)
{
    for (int bit = 0; bit < prefix; ++bit) {
        const int byte = bit / 8;
        const int mask = 0x80 >> (bit % 8);
        if ((address[byte] & mask) != (network[byte] & mask))
            return false;
    }
    return true;
}

quint32 embedded(const Q_IPV6ADDR &address, int offset)
{
    return quint32(address[offset]) << 24 | quint32(address[offset + 1]) << 16
        | quint32(address[offset + 2]) << 8 | quint32(address[offset + 3]);
}

QString refusal(const QHostAddress &address, const QString &range, const QString &reason)
{
    return QStringLiteral("outbound URL policy 'strict' refuses %1 (%2) as %3")
        .arg(address.toString(), range, reason);
}

const Range4 *blocked4(quint32 address)
{
    for (const auto &range : ranges4) {
        const quint32 mask = range.prefix == 0 ? 0 : ~quint32(0) << (32 - range.prefix);
        if ((address & mask) == range.network)
            return &range;
    }
    return nullptr;
}

QString rangeText(const Range4 &range)
{
    return QHostAddress(range.network).toString() + QLatin1Char('/') + QString::number(range.prefix);
}

} // namespace

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
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        if (const auto *range = blocked4(address.toIPv4Address()))
            return refusal(address, rangeText(*range), QString::fromLatin1(range->reason));
        return {};
    }
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return QStringLiteral("outbound URL policy 'strict' refuses '%1': not an IP address")
            .arg(address.toString());
    const auto bytes = address.toIPv6Address();
    // Addresses that carry an IPv4 address are judged by it: IPv4-mapped (::ffff:0:0/96), NAT64
    // (64:ff9b::/96, RFC 6052) and 6to4 (2002::/16, RFC 3056).
    struct Embedding
    {
        const char *network;
        int prefix;
        int offset;
        const char *kind;
    };
    static const std::array embeddings {
        Embedding {"::ffff:0:0", 96, 12, "an IPv4-mapped address of"},
        Embedding {"64:ff9b::", 96, 12, "a NAT64 address of"},
        Embedding {"2002::", 16, 2, "a 6to4 address of"},
    };
    for (const auto &embedding : embeddings) {
        if (!inPrefix(
                bytes, QHostAddress(QLatin1String(embedding.network)).toIPv6Address(), embedding.prefix))
            continue;
        const quint32 inner = embedded(bytes, embedding.offset);
        if (const auto *range = blocked4(inner)) {
            const QString prefix
                = QLatin1String(embedding.network) + QLatin1Char('/') + QString::number(embedding.prefix);
            return refusal(address, prefix,
                QStringLiteral("%1 %2, %3")
                    .arg(QLatin1String(embedding.kind), QHostAddress(inner).toString(),
                        QString::fromLatin1(range->reason)));
        }
        return {};
    }
    for (const auto &range : ranges6) {
        if (inPrefix(bytes, QHostAddress(QLatin1String(range.network)).toIPv6Address(), range.prefix))
            return refusal(address,
                QLatin1String(range.network) + QLatin1Char('/') + QString::number(range.prefix),
                QString::fromLatin1(range.reason));
    }
    return {};
}

} // namespace sb
