#include "UiLog.h"

Q_LOGGING_CATEGORY(lcUi, "switchboard.ui", QtInfoMsg)
