#pragma once

#include "storage/Database.h"

#include <QObject>
#include <QString>
#include <QThread>
#include <functional>

namespace sb {

class Clock;
class SqlContext;

// Opens a database connection of its own on `thread` (named `prefix-N`, unique within the process)
// and builds there, through `make`, the object that reads with it. The connection and its context
// live as long as that object. Returns the object, or nullptr with `error` set when the database
// could not be opened. `thread` must be running.
QObject *openOnThread(QThread &thread, const QString &prefix, const DatabaseOptions &database,
    const Clock &clock, const std::function<QObject *(SqlContext *reads)> &make, QString *error);

} // namespace sb
