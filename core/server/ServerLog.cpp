#include "ServerLog.h"

Q_LOGGING_CATEGORY(lcServer, "switchboard.server", QtInfoMsg)
