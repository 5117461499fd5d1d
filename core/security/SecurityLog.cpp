#include "SecurityLog.h"

Q_LOGGING_CATEGORY(lcSecurity, "switchboard.security", QtInfoMsg)
