#pragma once

#include "LeadQueries.h"

#include <QMessageBox>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTreeWidget;

namespace sb {

class LeadTimelineTab;
class Runtime;

// One lead: its fields, timeline, contacts, memos, activities, status history and qualified profile, read on
// the reader thread. "Edit…" opens the form; "Delete…" archives the lead or erases all its data
// (GDPR) after a confirmation naming what goes; the pane re-reads when events name the lead.
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
    LeadTimelineTab *timeline() const { return m_timeline; }
    QPushButton *callButton() const { return m_call; }
    QLabel *callStatus() const { return m_callStatus; }
    QPushButton *deleteButton() const { return m_delete; }
    // Why "Call" cannot be used for the shown lead (ElevenLabs not configured, no phone,
    // do-not-contact); empty when it can.
    QString callUnavailableReason() const;

public Q_SLOTS:
    void editLead();
    // Asks, then places the AI-agent call (placeCall).
    void confirmCall();
    // Queues the ElevenLabs outbound call for the shown lead through the outbox (the same command as
    // POST /api/elevenlabs/outbound-call); the call appears at once in the lead's voice thread.
    void placeCall();
    // Asks "Archive" or "Erase all data (GDPR)…"; erasing asks again, naming what goes.
    void confirmDelete();
    // Archives the shown lead, or erases it and every row about it (the same command as
    // DELETE /api/leads/{id}[?purge=true], so lead.deleted goes out alike).
    void deleteLead(bool erase);

Q_SIGNALS:
    // A read finished (for tests).
    void loaded();
    // The call was queued (its calls row), or refused with the reason shown.
    void callQueued(qint64 callId);
    void callRefused(const QString &reason);
    // The lead was archived or erased (`answer`: the DELETE route's answer), or the reason it was not.
    void leadDeleted(qint64 id, bool erased, const QJsonObject &answer);
    void deleteFailed(const QString &reason);

private:
    void present(std::optional<LeadDetail> detail);
    void showPlaceholder(const QString &text);
    void updateCallButton();
    // A non-modal message box over the pane.
    void notify(QMessageBox::Icon icon, const QString &title, const QString &text);
    QTreeWidget *list(const QString &objectName, const QStringList &headers);
    void fill(QTreeWidget *list, const std::vector<LeadDetail::Entry> &entries,
        const std::function<QStringList(const LeadDetail::Entry &)> &columns, const QString &title);

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
    QPushButton *m_delete;
    QLabel *m_callStatus;
    bool m_calling = false;
    QTabWidget *m_tabs;
    QLabel *m_overview;
    LeadTimelineTab *m_timeline;
    QTreeWidget *m_contacts;
    QTreeWidget *m_memos;
    QTreeWidget *m_activities;
    QTreeWidget *m_history;
    QPlainTextEdit *m_profile;
};

} // namespace sb
