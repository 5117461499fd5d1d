#include "CommandLine.h"

#include "storage/SecretStore.h"

#include <QCommandLineParser>

namespace sb {

CommandLine parseCommandLine(const QStringList &arguments, const QProcessEnvironment &environment)
{
    CommandLine result;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Switchboard — webhook operations console with an embedded server.\n"
        "Provider callbacks (Twilio, SignalWire, Mailgun, ElevenLabs, CRM) are verified, stored and "
        "shown live; outbound webhooks are delivered with retries."));
    const QCommandLineOption help(
        {QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption version(
        QStringLiteral("version"), QStringLiteral("Print the version and exit."));
    const QCommandLineOption headless(QStringLiteral("headless"),
        QStringLiteral("Run the server without windows; SIGINT/SIGTERM drain and exit."));
    const QCommandLineOption listen(QStringLiteral("listen"),
        QStringLiteral("Address to listen on (default 127.0.0.1:8080; port 0 = any free port)."),
        QStringLiteral("HOST:PORT"));
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"), QStringLiteral("Data directory."), QStringLiteral("DIR"));
    const QCommandLineOption database(QStringLiteral("database"),
        QStringLiteral("Database URL (default: sqlite in the data directory)."), QStringLiteral("URL"));
    const QCommandLineOption publicUrl(QStringLiteral("public-url"),
        QStringLiteral("The URL providers call, e.g. https://abc.ngrok-free.app."), QStringLiteral("URL"));
    const QCommandLineOption rateLimit(QStringLiteral("rate-limit"),
        QStringLiteral("Requests per minute per client IP (default 100; 0 = off)."), QStringLiteral("N"));
    const QCommandLineOption trustedProxy(QStringLiteral("trusted-proxy"),
        QStringLiteral("Peers whose X-Forwarded-* headers are believed. Default: "
                       "loopback (127.0.0.0/8,::1, the local tunnel agent) when "
                       "--public-url is set, none otherwise."),
        QStringLiteral("CIDR[,CIDR]"));
    const QCommandLineOption acceptUnverified(QStringLiteral("accept-unverified"),
        QStringLiteral("Accept PROVIDER's callbacks without a configured secret (local experiments only)."),
        QStringLiteral("PROVIDER"));
    const QCommandLineOption urlPolicy(QStringLiteral("url-policy"),
        QStringLiteral("Outbound target policy: dev or strict."), QStringLiteral("dev|strict"));
    const QCommandLineOption phoneRegion(QStringLiteral("phone-region"),
        QStringLiteral("Default region for phone numbers without +country (default US)."),
        QStringLiteral("CC"));
    const QCommandLineOption adminRemote(
        QStringLiteral("admin-remote"), QStringLiteral("Allow admin routes through the tunnel too."));
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Seed realistic sample data."));
    const QCommandLineOption syncFull(QStringLiteral("synchronous-full"),
        QStringLiteral("Commit with SQLite synchronous=FULL (survives power loss; slower)."));
    const QCommandLineOption secretStore(QStringLiteral("secret-store"),
        QStringLiteral(
            "Where the key of stored secrets lives: the OS keychain (Keychain, Credential Manager, Secret "
            "Service) or a 0600 key file beside the database; auto (default) = keychain when one answers. "
            "Secrets are stored encrypted either way."),
        QStringLiteral("auto|keychain|file"));
    const QCommandLineOption corsOrigin(QStringLiteral("cors-origin"),
        QStringLiteral("A browser origin (scheme://host[:port], or *) allowed to call the API routes; "
                       "repeatable. Webhook routes never answer CORS."),
        QStringLiteral("ORIGIN"));
    const QCommandLineOption verbose(QStringLiteral("verbose"),
        QStringLiteral(
            "Also log debug lines (switchboard.* categories); without it, info and up. QT_LOGGING_RULES, "
            "where set, has the last word."));
    parser.addOptions({help, version, headless, listen, dataDir, database, publicUrl, rateLimit, trustedProxy,
        acceptUnverified, urlPolicy, phoneRegion, adminRemote, demo, syncFull, secretStore, corsOrigin,
        verbose});

    auto fail = [&result](const QString &message) {
        result.action = CommandLine::Action::Error;
        result.message = message;
        return result;
    };
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(help)) {
        result.action = CommandLine::Action::Help;
        // Every provider setting the secret store knows, wrapped for an 80-column terminal.
        QString settings = QStringLiteral("provider secrets and settings:");
        int column = int(settings.size());
        const auto names = SecretStore::knownNames();
        for (qsizetype i = 0; i < names.size(); ++i) {
            const QString item
                = names[i] + (i + 1 < names.size() ? QStringLiteral(",") : QStringLiteral("."));
            if (column + 1 + item.size() > 80) {
                settings += QLatin1Char('\n');
                column = 0;
            } else {
                settings += QLatin1Char(' ');
                ++column;
            }
            settings += item;
            column += int(item.size());
        }
        result.message = parser.helpText()
            + QStringLiteral("\nEnvironment: SWITCHBOARD_LISTEN, SWITCHBOARD_DATA_DIR, SWITCHBOARD_DATABASE, "
                             "SWITCHBOARD_PUBLIC_URL,\nSWITCHBOARD_RATE_LIMIT, SWITCHBOARD_API_KEY, "
                             "SWITCHBOARD_SECRET_STORE, SWITCHBOARD_CORS_ORIGINS;\n")
            + settings + QLatin1Char('\n');
        return result;
    }
    if (parser.isSet(version)) {
        result.action = CommandLine::Action::Version;
        result.message
            = QStringLiteral("switchboard ") + QStringLiteral(SWITCHBOARD_VERSION) + QLatin1Char('\n');
        return result;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().first()));

    auto &options = result.options;
    options.environment = environment;
    auto pick = [&](const QCommandLineOption &option, const char *variable) {
        return parser.isSet(option) ? parser.value(option) : environment.value(QString::fromLatin1(variable));
    };
    options.headless = parser.isSet(headless);
    result.verbose = parser.isSet(verbose);
    const auto listenText = pick(listen, "SWITCHBOARD_LISTEN");
    QString error;
    if (!listenText.isEmpty()
        && !RuntimeOptions::parseListen(listenText, &options.listenAddress, &options.listenPort, &error))
        return fail(error);
    options.dataDir = pick(dataDir, "SWITCHBOARD_DATA_DIR");
    options.databaseUrl = pick(database, "SWITCHBOARD_DATABASE");
    options.publicUrl = pick(publicUrl, "SWITCHBOARD_PUBLIC_URL");
    const auto rate = pick(rateLimit, "SWITCHBOARD_RATE_LIMIT");
    if (!rate.isEmpty()) {
        bool ok = false;
        options.rateLimitPerMinute = rate.toInt(&ok);
        if (!ok || options.rateLimitPerMinute < 0)
            return fail(
                QStringLiteral("--rate-limit expects a number of requests per minute (0 = off), got '%1'")
                    .arg(rate));
    }
    if (parser.isSet(trustedProxy))
        options.trustedProxies = parser.value(trustedProxy);
    for (const auto &value : parser.values(acceptUnverified)) {
        for (const auto &provider : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto name = provider.trimmed().toLower();
            if (!RuntimeOptions::knownProviders().contains(name))
                return fail(QStringLiteral("--accept-unverified: unknown provider '%1' (known: %2)")
                                .arg(name, RuntimeOptions::knownProviders().join(QStringLiteral(", "))));
            options.acceptUnverified.insert(name);
        }
    }
    if (parser.isSet(urlPolicy)) {
        options.urlPolicy = parser.value(urlPolicy);
        if (options.urlPolicy != QLatin1String("dev") && options.urlPolicy != QLatin1String("strict"))
            return fail(QStringLiteral("--url-policy must be 'dev' or 'strict'"));
    }
    if (parser.isSet(phoneRegion))
        options.phoneRegion = parser.value(phoneRegion).toUpper();
    options.adminRemote = parser.isSet(adminRemote);
    options.demo = parser.isSet(demo);
    options.synchronousFull = parser.isSet(syncFull);
    const auto store = pick(secretStore, "SWITCHBOARD_SECRET_STORE");
    if (!SecretStore::parseKeySource(store, &options.secretStore))
        return fail(QStringLiteral("--secret-store must be auto, keychain or file, got '%1'").arg(store));
    options.apiKey = environment.value(QStringLiteral("SWITCHBOARD_API_KEY")).toUtf8();
    const auto cors = parser.isSet(corsOrigin)
        ? parser.values(corsOrigin)
        : QStringList {environment.value(QStringLiteral("SWITCHBOARD_CORS_ORIGINS"))};
    if (!RuntimeOptions::parseCorsOrigins(cors, &options.corsOrigins, &error))
        return fail(error);
    return result;
}

} // namespace sb
