#pragma once

#include "LeadQueries.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTreeWidget;

namespace sb {

class Runtime;

// One lead: its fields, contacts, memos, activities, status history and qualified profile, read on
// the reader thread. "Edit…" opens the form; the pane re-reads when events name the lead.
class LeadDetailPane : public QWidget
{
    Q_OBJECT
public:
    explicit LeadDetailPane(Runtime &runtime, QWidget *parent = nullptr);

    // Shows the lead (0 clears the pane).
    void load(qint64 id);
    void reload() { load(m_id); }
    qint64 leadId() const { return m_id; }
    const std::optional<LeadDetail> &detail() const { return m_detail; }
    QTreeWidget *historyList() const { return m_history; }
    QTabWidget *tabs() const { return m_tabs; }
    QPushButton *callButton() const { return m_call; }
    // Why "Call" is disabled: no ElevenLabs outbound-call command exists yet.
    static QString callUnavailableReason();

public Q_SLOTS:
    void editLead();

Q_SIGNALS:
    // A read finished (for tests).
    void loaded();

private:
    void present(std::optional<LeadDetail> detail);
    void showPlaceholder(const QString &text);
    QTreeWidget *list(const QString &objectName, const QStringList &headers);
    void fill(QTreeWidget *list, const std::vector<LeadDetail::Entry> &entries,
        const std::function<QStringList(const LeadDetail::Entry &)> &columns, int tab, const QString &title);

    Runtime &m_runtime;
    qint64 m_id = 0;
    int m_request = 0;
    std::optional<LeadDetail> m_detail;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QLabel *m_title;
    QLabel *m_subtitle;
    QPushButton *m_edit;
    QPushButton *m_call;
    QTabWidget *m_tabs;
    QLabel *m_overview;
    QTreeWidget *m_contacts;
    QTreeWidget *m_memos;
    QTreeWidget *m_activities;
    QTreeWidget *m_history;
    QPlainTextEdit *m_profile;
};

} // namespace sb
