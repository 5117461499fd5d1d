#pragma once

#include <QLabel>

class QTimer;

namespace sb {

class Runtime;

// "Queue: N pending" in the status bar: a count of pending deliveries (the partial index
// deliveries_due covers it), read on the reader thread every few seconds and, coalesced, when
// deliveries are queued or attempted.
class DeliveryQueueLabel : public QLabel
{
    Q_OBJECT
public:
    explicit DeliveryQueueLabel(Runtime &runtime, QWidget *parent = nullptr);

    qint64 pending() const { return m_pending; }

public Q_SLOTS:
    void poll();

Q_SIGNALS:
    void updated(qint64 pending);

private:
    void schedule();

    Runtime &m_runtime;
    QTimer *m_coalesce;
    qint64 m_pending = -1;
    bool m_inFlight = false;
};

} // namespace sb
