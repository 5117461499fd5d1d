#pragma once

#include <QLoggingCategory>

// The http layer's log lines ("switchboard.http"): info and up by default; debug with --verbose
// or QT_LOGGING_RULES="switchboard.http.debug=true". Never a secret, key, token or signature value.
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
