#include "MainWindow.h"

#include "runtime/Runtime.h"

#include <QLabel>
#include <QStatusBar>

namespace sb {

MainWindow::MainWindow(Runtime &runtime, QWidget *parent) : QMainWindow(parent), m_runtime(runtime)
{
    setWindowTitle(tr("Switchboard"));
    setCentralWidget(new QLabel(tr("Listening on %1").arg(runtime.listenUrl()), this));
    statusBar()->showMessage(runtime.listenUrl());
    resize(1100, 700);
}

} // namespace sb
