#pragma once

#include "storage/SecretStore.h"

#include <QHostAddress>
#include <QProcessEnvironment>
#include <QSet>
#include <QString>
#include <QStringList>
#include <optional>

namespace sb {

// Everything the command line and the environment decide (DESIGN.md, "Command line and
// environment"). Flags win over environment variables.
struct RuntimeOptions
{
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = 8080;
    QString dataDir;
    QString databaseUrl;
    QString publicUrl;
    int rateLimitPerMinute = 100;
    // --trusted-proxy as given; unset = automatic, see effectiveTrustedProxies().
    std::optional<QString> trustedProxies;
    QSet<QString> acceptUnverified;
    QString urlPolicy = QStringLiteral("dev");
    QString phoneRegion = QStringLiteral("US");
    bool adminRemote = false;
    bool demo = false;
    bool headless = false;
    bool synchronousFull = false;
    // Where the key of stored secrets lives (--secret-store / SWITCHBOARD_SECRET_STORE).
    SecretStore::KeySource secretStore = SecretStore::KeySource::Auto;
    QByteArray apiKey; // SWITCHBOARD_API_KEY
    // Browser origins allowed to call the API routes (--cors-origin, repeatable, or
    // SWITCHBOARD_CORS_ORIGINS, comma-separated), normalised; "*" = any. Empty = no CORS.
    QStringList corsOrigins;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();

    // The peers whose X-Forwarded-* headers are believed (client IP for the rate limit, public URL
    // for signatures): the --trusted-proxy list when given; else loopback (the local tunnel agent)
    // when a public URL is configured; else none, so a local process cannot pose as many clients.
    QString effectiveTrustedProxies() const;
    // One line for Settings and the log: the list in effect and why.
    QString trustedProxiesDescription() const;
    static QString loopbackProxies() { return QStringLiteral("127.0.0.0/8,::1"); }

    // Parses "HOST:PORT", "[v6]:PORT" or ":PORT".
    static bool parseListen(const QString &text, QHostAddress *address, quint16 *port, QString *error);
    static QStringList knownProviders();
    // --cors-origin values (each may hold a comma-separated list) into corsOrigins; false + message
    // for a value that is not scheme://host[:port] or *.
    static bool parseCorsOrigins(const QStringList &values, QStringList *origins, QString *error);
};

} // namespace sb
