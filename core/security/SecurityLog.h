#pragma once

#include <QLoggingCategory>

// The security layer's log lines ("switchboard.security"): info and up by default; debug with --verbose
// or QT_LOGGING_RULES="switchboard.security.debug=true". Never a secret, key, token or signature value.
Q_DECLARE_LOGGING_CATEGORY(lcSecurity)
