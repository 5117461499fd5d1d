#include "ThreadConnection.h"

#include "storage/SqlWorker.h"

#include <atomic>

namespace sb {

namespace {
// Two runtimes in one process (the test suite) must not replace each other's connections.
std::atomic<int> connections = 0;
} // namespace

QObject *openOnThread(QThread &thread, const QString &prefix, const DatabaseOptions &database,
    const Clock &clock, const std::function<QObject *(SqlContext *reads)> &make, QString *error)
{
    QObject *made = nullptr;
    QString failure;
    auto *anchor = new QObject;
    anchor->moveToThread(&thread);
    const QString name = prefix + QLatin1Char('-') + QString::number(++connections);
    QMetaObject::invokeMethod(
        anchor,
        [&] {
            try {
                auto db = Database::open(name, database);
                auto *reads = new SqlContext(db, clock, database.secrets);
                made = make(reads);
                QObject::connect(made, &QObject::destroyed, made, [reads, name] {
                    delete reads;
                    Database::close(name);
                });
            } catch (const SqlError &e) {
                failure = e.message();
                Database::close(name);
            }
            delete anchor;
        },
        Qt::BlockingQueuedConnection);
    if (!made && error)
        *error = failure;
    return made;
}

} // namespace sb
