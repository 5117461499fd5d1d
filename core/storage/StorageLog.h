#pragma once

#include <QLoggingCategory>

// The storage layer's log lines ("switchboard.storage"): info and up by default; debug with --verbose
// or QT_LOGGING_RULES="switchboard.storage.debug=true". Never a secret, key, token or signature value.
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
