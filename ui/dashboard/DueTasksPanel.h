#pragma once

#include "storage/TaskRepository.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;
class QTreeWidget;

namespace sb {

class Runtime;
struct DomainEvent;

// The Dashboard's "Due today / Overdue" panel (issue 15 item 4): open and snoozed follow-up tasks due
// before the end of today in the user's time zone, oldest first (TaskRepository::due, read on the
// reader thread), with the lead, title, due time and owner. Mark done, Snooze 1 h and Snooze until
// tomorrow 9:00 change the selected task on the writer (task.completed is raised as for the API);
// double-click opens the lead. Refreshed on task events and every minute (tasks fall due).
class DueTasksPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DueTasksPanel(Runtime &runtime, QWidget *parent = nullptr);

    static QString title();

    void refresh();
    void markDone(qint64 taskId);
    void snoozeHour(qint64 taskId);
    void snoozeTomorrow(qint64 taskId);

    const TaskRepository::DueSummary &summary() const { return m_summary; }
    int generation() const { return m_generation; }
    QTreeWidget *list() const { return m_list; }
    QLabel *countLabel() const { return m_count; }
    QPushButton *doneButton() const { return m_done; }
    // The task of the selected row, 0 when none.
    qint64 selectedTask() const;

Q_SIGNALS:
    void openLead(qint64 id);
    void refreshed();

private:
    void onEvents(const QList<DomainEvent> &events);
    void present(TaskRepository::DueSummary summary);
    void change(qint64 taskId, int kind);
    void updateButtons();

    Runtime &m_runtime;
    TaskRepository::DueSummary m_summary;
    QLabel *m_count;
    QTreeWidget *m_list;
    QPushButton *m_done;
    QPushButton *m_snoozeHour;
    QPushButton *m_snoozeTomorrow;
    QTimer *m_coalesce;
    QTimer *m_periodic;
    bool m_inFlight = false;
    bool m_dirty = false;
    int m_generation = 0;
};

} // namespace sb
