#include "InboundLog.h"

Q_LOGGING_CATEGORY(lcInbound, "switchboard.inbound", QtInfoMsg)
