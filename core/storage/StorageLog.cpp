#include "StorageLog.h"

Q_LOGGING_CATEGORY(lcStorage, "switchboard.storage", QtInfoMsg)
