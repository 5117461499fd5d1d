#pragma once

#include <QObject>

namespace sb {

// Turns SIGINT/SIGTERM (or a console close on Windows) into a Qt signal on the main thread.
class ShutdownSignals : public QObject
{
    Q_OBJECT
public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;

Q_SIGNALS:
    void shutdownRequested();
};

} // namespace sb
