#pragma once

#include "security/SecretStore.h"

#include <QHostAddress>
#include <QProcessEnvironment>
#include <QSet>
#include <QString>
#include <QStringList>

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
    QString trustedProxies = QStringLiteral("127.0.0.0/8,::1");
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
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();

    // Parses "HOST:PORT", "[v6]:PORT" or ":PORT".
    static bool parseListen(const QString &text, QHostAddress *address, quint16 *port, QString *error);
    static QStringList knownProviders();
};

} // namespace sb
