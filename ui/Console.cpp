#include "Console.h"

#include "MainWindow.h"
#include "runtime/Runtime.h"

#include <QApplication>
#include <QMessageBox>

namespace sb {

int runConsole(QApplication &app, RuntimeOptions options)
{
    QApplication::setOrganizationName(QStringLiteral("Switchboard"));
    QApplication::setApplicationName(QStringLiteral("switchboard"));
    QApplication::setApplicationDisplayName(QObject::tr("Switchboard"));
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
