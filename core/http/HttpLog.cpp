#include "HttpLog.h"

Q_LOGGING_CATEGORY(lcHttp, "switchboard.http", QtInfoMsg)
