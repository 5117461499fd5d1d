#pragma once

#include <QMainWindow>
#include <memory>

class QListWidget;
class QPushButton;
class QStackedWidget;

namespace sb {

class CampaignsView;
class ConsoleView;
class ConversationsView;
class DashboardView;
class LeadsView;
class MessageNotifier;
class SettingsView;
class DeliveriesView;
class InboundRequestsView;
class Runtime;
class UiDatabase;
class WebhooksView;

// The console: a navigation list of sections driving a stack of views, and a status bar with
// what the server listens on and how providers reach it.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // The order of the navigation list.
    enum class Section
    {
        Dashboard,
        Conversations,
        Leads,
        Campaigns,
        Webhooks,
        Deliveries,
        InboundRequests,
        Settings,
        Count
    };

    explicit MainWindow(Runtime &runtime, QWidget *parent = nullptr);
    ~MainWindow() override;

    void showSection(Section section);
    Section currentSection() const;
    ConsoleView *view(Section section) const;
    InboundRequestsView *inboundView() const { return m_inbound; }
    DashboardView *dashboardView() const { return m_dashboard; }
    ConversationsView *conversationsView() const { return m_conversations; }
    LeadsView *leadsView() const { return m_leads; }
    CampaignsView *campaignsView() const { return m_campaigns; }
    SettingsView *settingsView() const { return m_settings; }
    MessageNotifier *notifier() const { return m_notifier; }
    WebhooksView *webhooksView() const { return m_webhooks; }
    DeliveriesView *deliveriesView() const { return m_deliveries; }
    // Opens the "Send test webhook" simulator (the side bar's button, Ctrl+Shift+T).
    void openSimulator();
    // Jumps to a record in its section and selects it.
    void showInboundRequest(const QString &id);
    void showDelivery(const QString &id);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void addSection(Section section, const QString &title, ConsoleView *view);
    ConsoleView *placeholder(const QString &title, const QString &explanation);
    void buildSections();
    void addInboundSection();
    void addConversationsSection();
    void connectJumps();
    void buildNotifier();
    // The listen address or public URL changed in Settings.
    void updateServerStatus();
    void addOutboundSections();
    void buildStatusBar();
    void buildShortcuts();
    QWidget *buildSideBar();
    void saveWindowState();

    Runtime &m_runtime;
    std::unique_ptr<UiDatabase> m_database;
    QListWidget *m_navigation;
    QStackedWidget *m_views;
    InboundRequestsView *m_inbound = nullptr;
    DashboardView *m_dashboard = nullptr;
    ConversationsView *m_conversations = nullptr;
    LeadsView *m_leads = nullptr;
    CampaignsView *m_campaigns = nullptr;
    SettingsView *m_settings = nullptr;
    MessageNotifier *m_notifier = nullptr;
    WebhooksView *m_webhooks = nullptr;
    DeliveriesView *m_deliveries = nullptr;
};

} // namespace sb
