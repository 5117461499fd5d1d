// Switchboard entry point: reads the command line, then runs the console or the headless server.
// No logic of its own beyond wiring core and ui together.
#include "CommandLine.h"
#include "ShutdownSignals.h"
#include "SignatureCommand.h"
#include "runtime/Runtime.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>
#include <cstdio>

#ifdef SWITCHBOARD_WITH_GUI
#include "Console.h"

#include <QApplication>
#endif

namespace {

#ifdef SWITCHBOARD_WITH_GUI
bool displayAvailable(const QProcessEnvironment &environment)
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    const auto platform = environment.value(QStringLiteral("QT_QPA_PLATFORM"));
    if (!platform.isEmpty())
        return true; // offscreen, xcb, wayland... the user chose
    return !environment.value(QStringLiteral("DISPLAY")).isEmpty()
        || !environment.value(QStringLiteral("WAYLAND_DISPLAY")).isEmpty();
#else
    Q_UNUSED(environment);
    return true;
#endif
}
#endif

void printErr(const QString &text)
{
    std::fputs(qPrintable(text), stderr);
    std::fflush(stderr);
}

int runHeadless(int argc, char **argv, sb::RuntimeOptions options)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Switchboard"));
    QCoreApplication::setApplicationName(QStringLiteral("switchboard"));
    sb::ShutdownSignals shutdown;
    sb::Runtime runtime(std::move(options));
    QString error;
    if (!runtime.start(&error)) {
        printErr(QStringLiteral("switchboard: %1\n").arg(error));
        return 1;
    }
    for (const auto &provider : runtime.options().acceptUnverified)
        printErr(
            QStringLiteral("switchboard: WARNING: accepting %1 callbacks without signature verification\n")
                .arg(provider));
    if (!runtime.firstRunApiKey().isEmpty())
        printErr(QStringLiteral("switchboard: first run — admin API key (shown once, store it now): %1\n")
                     .arg(runtime.firstRunApiKey()));
    printErr(QStringLiteral("switchboard: data in %1\n").arg(runtime.databaseOptions().path));
    printErr(QStringLiteral("switchboard: secrets: %1\n").arg(runtime.secrets().storageDescription()));
    std::printf("listening on %s\n", qPrintable(runtime.listenUrl()));
    std::fflush(stdout);
    QObject::connect(&shutdown, &sb::ShutdownSignals::shutdownRequested, &app, [&runtime] {
        printErr(QStringLiteral("switchboard: shutting down (draining requests)\n"));
        runtime.stop();
        QCoreApplication::exit(0);
    });
    return app.exec();
}

} // namespace

int main(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    if (arguments.size() > 1 && arguments.at(1) == QLatin1String("signature"))
        return sb::runSignatureCommand(arguments.mid(2));
    const auto environment = QProcessEnvironment::systemEnvironment();
    auto command = sb::parseCommandLine(arguments, environment);
    switch (command.action) {
    case sb::CommandLine::Action::Help:
    case sb::CommandLine::Action::Version:
        std::fputs(qPrintable(command.message), stdout);
        return 0;
    case sb::CommandLine::Action::Error:
        printErr(QStringLiteral("switchboard: %1\nTry 'switchboard --help'.\n").arg(command.message));
        return 2;
    case sb::CommandLine::Action::Run:
        break;
    }
    // Rules given in QT_LOGGING_RULES are applied after these, so they win where both speak.
    if (command.verbose)
        QLoggingCategory::setFilterRules(QStringLiteral("switchboard.*.debug=true"));
#ifdef SWITCHBOARD_WITH_GUI
    if (!command.options.headless && displayAvailable(environment)) {
        QApplication app(argc, argv);
        return sb::runConsole(app, std::move(command.options));
    }
#endif
    return runHeadless(argc, argv, std::move(command.options));
}
