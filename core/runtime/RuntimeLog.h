#pragma once

#include <QLoggingCategory>

// The runtime layer's log lines ("switchboard.runtime"): info and up by default; debug with --verbose
// or QT_LOGGING_RULES="switchboard.runtime.debug=true". Never a secret, key, token or signature value.
Q_DECLARE_LOGGING_CATEGORY(lcRuntime)
