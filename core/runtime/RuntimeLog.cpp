#include "RuntimeLog.h"

Q_LOGGING_CATEGORY(lcRuntime, "switchboard.runtime", QtInfoMsg)
