#pragma once

#include <QLoggingCategory>

// The outbound layer's log lines ("switchboard.outbound"): info and up by default; debug with --verbose
// or QT_LOGGING_RULES="switchboard.outbound.debug=true". Never a secret, key, token or signature value.
Q_DECLARE_LOGGING_CATEGORY(lcOutbound)
