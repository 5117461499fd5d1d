#pragma once

#include <QLoggingCategory>

// The ui layer's log lines ("switchboard.ui"): info and up by default; debug with --verbose
// or QT_LOGGING_RULES="switchboard.ui.debug=true". Never a secret, key, token or signature value.
Q_DECLARE_LOGGING_CATEGORY(lcUi)
