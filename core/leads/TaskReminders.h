#pragma once

#include <QObject>
#include <QTimer>

namespace sb {

class SqlWorker;

// Fires the reminders of follow-up tasks: every `intervalMs` (and at start) a writer job marks the
// tasks that have fallen due as reminded and raises task.due for each, once per due time — the
// console shows a tray notification for it and outbound webhooks may subscribe. Time is the
// writer's clock, so a test moves it by hand.
class TaskReminders : public QObject
{
public:
    TaskReminders(SqlWorker &writer, int intervalMs, QObject *parent = nullptr);
    // Checks now (also what the timer does).
    void check();

private:
    SqlWorker &m_writer;
    QTimer m_timer;
    bool m_running = false;
};

} // namespace sb
