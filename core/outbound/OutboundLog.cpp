#include "OutboundLog.h"

Q_LOGGING_CATEGORY(lcOutbound, "switchboard.outbound", QtInfoMsg)
