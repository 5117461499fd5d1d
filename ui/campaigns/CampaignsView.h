#pragma once

#include "common/ConsoleView.h"

#include <QHash>
#include <QJsonObject>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTimer;

namespace sb {

class CampaignEditorDialog;
class CampaignLaunchDialog;
class CampaignListModel;
class CampaignAnalyticsPanel;
class Runtime;

// The Campaigns section: the list (name, channel, state, progress bar, recipients, created/started;
// filter by state; live while campaigns run), and for the selected campaign its progress with the
// per-state counts, the commands its state allows (edit, launch, pause, resume, cancel, delete) and
// its analytics. Every change goes through the campaign API's handlers (CampaignCommands).
class CampaignsView : public ConsoleView
{
    Q_OBJECT
public:
    explicit CampaignsView(Runtime &runtime, QWidget *parent = nullptr);

    void refresh() override;

    CampaignListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    bool selectCampaign(qint64 id);
    qint64 selectedId() const;
    QJsonObject selectedCampaign() const;
    // The count shown for a recipient state of the selected campaign ("skippedDoNotContact" too).
    qint64 shownCount(const QString &state) const;
    QString message() const;

    // Opens the editor (non-modal, window-modal) for a new campaign or the selected one.
    CampaignEditorDialog *newCampaign();
    CampaignEditorDialog *editSelected();
    // Reads the selected campaign afresh and opens the launch confirmation.
    void launchSelected();
    CampaignLaunchDialog *launchDialog() const { return m_launchDialog; }
    // pause, resume, cancel (execute goes through launchSelected).
    void act(const QString &action);

Q_SIGNALS:
    void loaded();
    void actionDone(const QString &action, bool ok);
    void launchDialogOpened();

private:
    QWidget *buildList();
    QWidget *buildDetail();
    QWidget *buildProgressTab();
    void scheduleRefresh();
    void showCampaigns(const QList<QJsonObject> &campaigns);
    void updateDetail();
    void showMessage(const QString &text, bool error);
    CampaignEditorDialog *openEditor(const QJsonObject &campaign);
    void removeSelected();

    Runtime &m_runtime;
    CampaignListModel *m_model;
    QStackedWidget *m_pages;
    QComboBox *m_stateFilter;
    QTableView *m_table;
    QLabel *m_title;
    QLabel *m_subtitle;
    QPushButton *m_edit;
    QPushButton *m_launch;
    QPushButton *m_pause;
    QPushButton *m_resume;
    QPushButton *m_cancel;
    QPushButton *m_delete;
    QLabel *m_message;
    CampaignAnalyticsPanel *m_analytics = nullptr;
    qint64 m_analyticsId = 0;
    QTabWidget *m_tabs;
    QProgressBar *m_progress;
    QLabel *m_progressText;
    QHash<QString, QLabel *> m_counts;
    QTimer *m_coalesce;
    QTimer *m_poll;
    CampaignLaunchDialog *m_launchDialog = nullptr;
    bool m_loading = false;
    bool m_again = false;
    qint64 m_wantSelected = 0;
};

} // namespace sb
