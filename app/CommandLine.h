#pragma once

#include "runtime/RuntimeOptions.h"

#include <QStringList>

namespace sb {

struct CommandLine
{
    enum class Action
    {
        Run,
        Help,
        Version,
        Error
    };
    Action action = Action::Run;
    RuntimeOptions options;
    bool verbose = false; // debug lines of every switchboard.* log category
    QString message; // help text or error
};

// Reads flags and environment (DESIGN.md's contract); flags win.
CommandLine parseCommandLine(const QStringList &arguments, const QProcessEnvironment &environment);

} // namespace sb
