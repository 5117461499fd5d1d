#pragma once

#include <QLoggingCategory>

// The inbound layer's log lines ("switchboard.inbound"): info and up by default; debug with --verbose
// or QT_LOGGING_RULES="switchboard.inbound.debug=true". Never a secret, key, token or signature value.
Q_DECLARE_LOGGING_CATEGORY(lcInbound)
