#pragma once

#include "runtime/RuntimeOptions.h"

class QApplication;

namespace sb {

// Runs the console: starts the runtime, shows the main window, returns the exit code.
int runConsole(QApplication &app, RuntimeOptions options);

} // namespace sb
