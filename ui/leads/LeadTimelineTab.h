#pragma once

#include "storage/LeadTimeline.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace sb {

class Runtime;

// The lead view's Timeline tab: one list across SMS, email, calls, the AI agent's turns, memos,
// activities, status changes and follow-up tasks, newest first (storage/LeadTimeline, the same
// reading as GET /api/leads/{id}/timeline), filterable by kind, 100 at a time with "Show older".
// "Add task…" makes a follow-up task for the lead; a task's row offers Done and Snooze 1 h.
class LeadTimelineTab : public QWidget
{
    Q_OBJECT
public:
    explicit LeadTimelineTab(Runtime &runtime, QWidget *parent = nullptr);

    void showLead(qint64 leadId);
    void reload() { showLead(m_leadId); }
    QTreeWidget *list() const { return m_list; }
    QComboBox *kindFilter() const { return m_kinds; }
    // "7 calls · 5 answered · avg 3:12 · 2 positive" (storage/CallAnalytics, the last 365 days).
    QLabel *callFigures() const { return m_calls; }

    // Adds a task for the shown lead (what the dialog's OK does).
    void addTask(const QString &title, qint64 dueAtMs, const QString &owner, const QString &notes);
    // Marks the task done, or snoozes it an hour (the same change as PUT /api/tasks/{id}).
    void markDone(qint64 taskId);
    void snooze(qint64 taskId);

public Q_SLOTS:
    void openAddTask();

Q_SIGNALS:
    void loaded();
    void taskChanged();

private:
    void fetch(bool more);
    void fetchCallFigures();
    void present(const LeadTimeline::Page &page, bool more);
    void menuAt(const QPoint &position);
    void changeTask(qint64 taskId, bool done);
    QStringList wantedKinds() const;

    Runtime &m_runtime;
    qint64 m_leadId = 0;
    int m_request = 0;
    std::optional<LeadTimeline::Cursor> m_next;
    QComboBox *m_kinds;
    QTreeWidget *m_list;
    QPushButton *m_more;
    QPushButton *m_add;
    QLabel *m_empty;
    QLabel *m_calls;
};

} // namespace sb
