#include "Console.h"

#include "MainWindow.h"
#include "common/ConsolePreferences.h"
#include "common/Theme.h"
#include "runtime/Runtime.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QMessageBox>
#include <QTranslator>

namespace sb {

namespace {

// The language chosen in Settings (else the system's), from the .qm files embedded under :/i18n,
// plus Qt's own strings (standard buttons) where the system has them.
void installTranslators(QApplication &app)
{
    const auto code = ConsolePreferences::language();
    const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    if (!code.isEmpty())
        QLocale::setDefault(locale);
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("switchboard"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(own);
    else
        delete own;
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    else
        delete qt;
}

// Server settings saved in Settings apply unless this run's flags or environment set them (an
// option still at its default counts as not set).
void applyStoredServerSettings(RuntimeOptions &options)
{
    const RuntimeOptions defaults;
    const auto listen = ConsolePreferences::listen();
    if (!listen.isEmpty() && options.listenAddress == defaults.listenAddress
        && options.listenPort == defaults.listenPort
        && !options.environment.contains(QStringLiteral("SWITCHBOARD_LISTEN"))) {
        QString ignored;
        RuntimeOptions::parseListen(listen, &options.listenAddress, &options.listenPort, &ignored);
    }
    const auto publicUrl = ConsolePreferences::publicUrl();
    if (!publicUrl.isEmpty() && options.publicUrl.isEmpty())
        options.publicUrl = publicUrl;
    const auto policy = ConsolePreferences::urlPolicy();
    if (!policy.isEmpty() && options.urlPolicy == defaults.urlPolicy)
        options.urlPolicy = policy;
}

} // namespace

int runConsole(QApplication &app, RuntimeOptions options)
{
    QApplication::setOrganizationName(QStringLiteral("Switchboard"));
    QApplication::setApplicationName(QStringLiteral("switchboard"));
    installTranslators(app);
    QApplication::setApplicationDisplayName(QObject::tr("Switchboard"));
    applyTheme(ConsolePreferences::theme());
    applyStoredServerSettings(options);
    Runtime runtime(std::move(options));
    QString error;
    if (!runtime.start(&error)) {
        QMessageBox::critical(nullptr, QObject::tr("Switchboard cannot start"), error);
        return 1;
    }
    std::printf("listening on %s\n", qPrintable(runtime.listenUrl()));
    std::fflush(stdout);
    MainWindow window(runtime);
    window.show();
    if (!runtime.firstRunApiKey().isEmpty()) {
        QMessageBox::information(&window, QObject::tr("Admin API key"),
            QObject::tr("This is the admin API key for Switchboard's HTTP API. It is shown only "
                        "once; store it now.\n\n%1")
                .arg(runtime.firstRunApiKey()));
    }
    const int code = app.exec();
    runtime.stop();
    return code;
}

} // namespace sb
