#pragma once

#include <QLoggingCategory>

// The server layer's log lines ("switchboard.server"): info and up by default; debug with --verbose
// or QT_LOGGING_RULES="switchboard.server.debug=true". Never a secret, key, token or signature value.
Q_DECLARE_LOGGING_CATEGORY(lcServer)
