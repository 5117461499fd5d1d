#include "RuntimeOptions.h"

#include "server/CorsPolicy.h"

namespace sb {

bool RuntimeOptions::parseListen(const QString &text, QHostAddress *address, quint16 *port, QString *error)
{
    const auto colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon < 0) {
        *error = QStringLiteral("--listen expects HOST:PORT, got '%1'").arg(text);
        return false;
    }
    auto host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const int value = text.mid(colon + 1).toInt(&ok);
    if (!ok || value < 0 || value > 65535) {
        *error = QStringLiteral("--listen: '%1' is not a port number (0-65535)").arg(text.mid(colon + 1));
        return false;
    }
    QHostAddress parsed;
    if (host.isEmpty() || host == QLatin1String("localhost"))
        parsed = QHostAddress::LocalHost;
    else if (host == QLatin1String("*") || host == QLatin1String("0.0.0.0"))
        parsed = QHostAddress::AnyIPv4;
    else
        parsed = QHostAddress(host);
    if (parsed.isNull()) {
        *error = QStringLiteral("--listen: '%1' is not an IP address").arg(host);
        return false;
    }
    *address = parsed;
    *port = quint16(value);
    return true;
}

QString RuntimeOptions::effectiveTrustedProxies() const
{
    if (trustedProxies)
        return *trustedProxies;
    return publicUrl.isEmpty() ? QString() : loopbackProxies();
}

QString RuntimeOptions::trustedProxiesDescription() const
{
    if (trustedProxies)
        return trustedProxies->trimmed().isEmpty()
            ? QStringLiteral("none (set with --trusted-proxy)")
            : *trustedProxies + QStringLiteral(" (set with --trusted-proxy)");
    if (!publicUrl.isEmpty())
        return loopbackProxies() + QStringLiteral(" (the local tunnel agent, because a public URL is set)");
    return QStringLiteral(
        "none: X-Forwarded-For does not name the client until a public URL or --trusted-proxy is set "
        "(a local tunnel's forwarded scheme and host still decide the URL signatures are checked against)");
}

QStringList RuntimeOptions::knownProviders()
{
    return {QStringLiteral("crm"), QStringLiteral("twilio"), QStringLiteral("signalwire"),
        QStringLiteral("mailgun"), QStringLiteral("elevenlabs"), QStringLiteral("campaign")};
}

bool RuntimeOptions::parseCorsOrigins(const QStringList &values, QStringList *origins, QString *error)
{
    return CorsPolicy::parseOrigins(values, origins, error);
}

} // namespace sb
