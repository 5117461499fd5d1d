#pragma once

#include <QHostAddress>
#include <QString>

namespace sb {

// Where outbound deliveries may go. `Dev` (workstation default) allows every target, loopback and
// private networks included; `Strict` refuses every address that is not the public internet:
// loopback, link-local (169.254.169.254 among them), private, carrier-grade NAT, benchmarking,
// reserved, documentation, multicast and unspecified addresses, IPv6 tunnels (Teredo), and IPv6
// addresses that embed one of those IPv4 addresses (IPv4-mapped, IPv4-compatible, NAT64, 6to4) —
// checked on the resolved address.
class UrlPolicy
{
public:
    enum class Mode
    {
        Dev,
        Strict
    };

    explicit UrlPolicy(Mode mode = Mode::Dev)
        : m_mode(mode)
    { }
    static bool parse(const QString &name, Mode *mode);

    Mode mode() const { return m_mode; }
    QString name() const { return m_mode == Mode::Dev ? QStringLiteral("dev") : QStringLiteral("strict"); }
    // Empty when allowed; otherwise why not.
    QString check(const QHostAddress &address) const;

private:
    Mode m_mode;
};

} // namespace sb
