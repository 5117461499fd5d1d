#include "MainWindow.h"

#include "campaigns/CampaignsView.h"
#include "common/DeliveryQueueLabel.h"
#include "common/EmptyState.h"
#include "common/LiveClientsLabel.h"
#include "common/MessageNotifier.h"
#include "common/UiDatabase.h"
#include "conversations/ConversationsView.h"
#include "dashboard/DashboardView.h"
#include "deliveries/DeliveriesView.h"
#include "inspector/InboundRequestsView.h"
#include "leads/LeadsView.h"
#include "runtime/Runtime.h"
#include "settings/SettingsView.h"
#include "simulator/SendTestWebhookDialog.h"
#include "webhooks/WebhooksView.h"

#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace sb {

MainWindow::MainWindow(Runtime &runtime, QWidget *parent)
    : QMainWindow(parent)
    , m_runtime(runtime)
    , m_database(std::make_unique<UiDatabase>(runtime.databaseOptions()))
{
    setWindowTitle(tr("Switchboard"));
    setObjectName(QStringLiteral("mainWindow"));

    m_navigation = new QListWidget(this);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setFixedWidth(190);
    m_navigation->setSpacing(2);
    // The side bar reads as chrome, not content: window background, roomy rows.
    m_navigation->setStyleSheet(
        QStringLiteral("QListWidget { background: palette(window); padding-top: 8px; }"
                       "QListWidget::item { padding: 7px 12px; border-radius: 4px; }"
                       "QListWidget::item:selected { background: palette(highlight); "
                       "color: palette(highlighted-text); }"));
    auto navigationFont = m_navigation->font();
    navigationFont.setPointSizeF(navigationFont.pointSizeF() * 1.05);
    m_navigation->setFont(navigationFont);
    m_views = new QStackedWidget(this);
    m_views->setContentsMargins(8, 8, 8, 0);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(buildSideBar());
    auto *separator = new QFrame(central);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Sunken);
    layout->addWidget(separator);
    layout->addWidget(m_views, 1);
    setCentralWidget(central);

    buildSections();
    connect(m_navigation, &QListWidget::currentRowChanged, m_views, &QStackedWidget::setCurrentIndex);
    buildStatusBar();
    buildShortcuts();
    buildNotifier();

    QSettings settings;
    resize(1280, 800);
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    const int section
        = settings.value(QStringLiteral("window/section"), int(Section::InboundRequests)).toInt();
    showSection(section >= 0 && section < int(Section::Count) ? Section(section) : Section::InboundRequests);
}

MainWindow::~MainWindow()
{
    // Views hold queries on the GUI connection: destroy them before the connection closes.
    delete m_views;
}

ConsoleView *MainWindow::placeholder(const QString &title, const QString &explanation)
{
    return new EmptyState(title, explanation, m_views);
}

void MainWindow::buildSections()
{
    // The order of Section; each add* call appends one page.
    m_dashboard = new DashboardView(m_runtime, m_views);
    addSection(Section::Dashboard, tr("Dashboard"), m_dashboard);
    addConversationsSection();
    m_leads = new LeadsView(m_runtime, m_views);
    addSection(Section::Leads, tr("Leads"), m_leads);
    m_campaigns = new CampaignsView(m_runtime, m_views);
    addSection(Section::Campaigns, tr("Campaigns"), m_campaigns);
    addOutboundSections();
    addInboundSection();
    m_settings = new SettingsView(m_runtime, m_views);
    addSection(Section::Settings, tr("Settings"), m_settings);
    connectJumps();
}

void MainWindow::addConversationsSection()
{
    m_conversations = new ConversationsView(m_runtime, m_views);
    addSection(Section::Conversations, tr("Conversations"), m_conversations);
}

void MainWindow::connectJumps()
{
    connect(m_dashboard, &DashboardView::openInboundRequest, this, &MainWindow::showInboundRequest);
    connect(m_dashboard, &DashboardView::openDelivery, this, &MainWindow::showDelivery);
    connect(m_dashboard, &DashboardView::openLead, this, [this](qint64 id) {
        showSection(Section::Leads);
        m_leads->selectLead(id);
    });

    connect(m_settings, &SettingsView::serverChanged, this, &MainWindow::updateServerStatus);
    connect(m_conversations, &ConversationsView::openChannelSettings, this, [this] {
        showSection(Section::Settings);
        m_settings->showChannels();
    });
}

void MainWindow::showInboundRequest(const QString &id)
{
    showSection(Section::InboundRequests);
    if (m_inbound)
        m_inbound->showRequest(id);
}

void MainWindow::showDelivery(const QString &id)
{
    showSection(Section::Deliveries);
    if (m_deliveries)
        m_deliveries->showDelivery(id);
}

QWidget *MainWindow::buildSideBar()
{
    auto *bar = new QWidget(this);
    bar->setFixedWidth(m_navigation->width());
    auto *simulate = new QPushButton(tr("Send test webhook…"), bar);
    simulate->setObjectName(QStringLiteral("sendTestWebhook"));
    simulate->setToolTip(
        tr("Sign and send a sample Twilio SMS, Mailgun email or ElevenLabs call to this console's own "
           "server (Ctrl+Shift+T)"));
    connect(simulate, &QPushButton::clicked, this, &MainWindow::openSimulator);
    auto *layout = new QVBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 10);
    layout->addWidget(m_navigation, 1);
    auto *buttonRow = new QHBoxLayout;
    buttonRow->setContentsMargins(10, 0, 10, 0);
    buttonRow->addWidget(simulate);
    layout->addLayout(buttonRow);
    return bar;
}

void MainWindow::openSimulator()
{
    if (auto *open = findChild<SendTestWebhookDialog *>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto *dialog = new SendTestWebhookDialog(m_runtime, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SendTestWebhookDialog::openInboundRequest, this, &MainWindow::showInboundRequest);
    connect(dialog, &SendTestWebhookDialog::openConversations, this,
        [this] { showSection(Section::Conversations); });
    dialog->show();
}

void MainWindow::addInboundSection()
{
    if (m_database->isOpen()) {
        m_inbound = new InboundRequestsView(m_database->db(), m_runtime, m_views);
        addSection(Section::InboundRequests, tr("Inbound requests"), m_inbound);
        return;
    }
    addSection(Section::InboundRequests, tr("Inbound requests"),
        placeholder(tr("Inbound requests are unavailable"),
            tr("The console could not open the database: %1").arg(m_database->error())));
}

void MainWindow::addOutboundSections()
{
    if (!m_database->isOpen()) {
        const auto reason = tr("The console could not open the database: %1").arg(m_database->error());
        addSection(Section::Webhooks, tr("Webhooks"), placeholder(tr("Webhooks are unavailable"), reason));
        addSection(
            Section::Deliveries, tr("Deliveries"), placeholder(tr("Deliveries are unavailable"), reason));
        return;
    }
    m_webhooks = new WebhooksView(m_database->db(), m_runtime, m_views);
    addSection(Section::Webhooks, tr("Webhooks"), m_webhooks);
    m_deliveries = new DeliveriesView(m_database->db(), m_runtime, m_views);
    addSection(Section::Deliveries, tr("Deliveries"), m_deliveries);
    connect(m_webhooks, &WebhooksView::showDeliveriesRequested, this, [this](qint64 configId) {
        m_deliveries->showConfig(configId);
        showSection(Section::Deliveries);
    });
}

void MainWindow::addSection(Section section, const QString &title, ConsoleView *view)
{
    Q_ASSERT(m_views->count() == int(section));
    view->setObjectName(QStringLiteral("section%1").arg(int(section)));
    m_views->addWidget(view);
    m_navigation->addItem(title);
}

void MainWindow::buildStatusBar()
{
    const auto &options = m_runtime.options();
    auto *listen = new QLabel(tr("Listening on %1").arg(m_runtime.listenUrl()), this);
    listen->setObjectName(QStringLiteral("statusListen"));
    listen->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *publicUrl = new QLabel(options.publicUrl.isEmpty() ? tr("No public URL — see Settings")
                                                             : tr("Public URL: %1").arg(options.publicUrl),
        this);
    publicUrl->setObjectName(QStringLiteral("statusPublicUrl"));
    publicUrl->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Room between the items: the status bar draws no separators of its own in most styles.
    listen->setContentsMargins(6, 0, 12, 0);
    publicUrl->setContentsMargins(12, 0, 12, 0);
    statusBar()->addWidget(listen);
    auto *separator = new QFrame(this);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Sunken);
    statusBar()->addWidget(separator);
    statusBar()->addWidget(publicUrl);
    // What the dispatcher has waiting, and which targets it may call.
    auto *queue = new DeliveryQueueLabel(m_runtime, this);
    queue->setContentsMargins(12, 0, 12, 0);
    auto *policy = new QLabel(tr("URL policy: %1").arg(m_runtime.dispatcher().policy().name()), this);
    policy->setObjectName(QStringLiteral("statusUrlPolicy"));
    policy->setToolTip(m_runtime.dispatcher().policy().name() == QLatin1String("strict")
            ? tr("Outbound webhooks may call only public https targets")
            : tr("Outbound webhooks may call any http(s) target, including this machine; use strict on "
                 "shared servers"));
    policy->setContentsMargins(12, 0, 6, 0);
    auto *live = new LiveClientsLabel(m_runtime, this);
    live->setContentsMargins(12, 0, 12, 0);
    statusBar()->addPermanentWidget(live);
    statusBar()->addPermanentWidget(queue);
    statusBar()->addPermanentWidget(policy);
    if (!options.acceptUnverified.isEmpty()) {
        auto providers = options.acceptUnverified.values();
        providers.sort();
        // Fail-closed is the default; a console accepting forged callbacks must say so all the time.
        auto *warning = new QLabel(
            tr("⚠ Accepting unverified callbacks from: %1").arg(providers.join(QStringLiteral(", "))), this);
        warning->setObjectName(QStringLiteral("statusUnverified"));
        warning->setStyleSheet(QStringLiteral("QLabel { color: #d93f3f; font-weight: bold; }"));
        warning->setToolTip(
            tr("Started with --accept-unverified: these providers' callbacks are applied without a "
               "signature check. Use this for local experiments only."));
        statusBar()->addPermanentWidget(warning);
    }
}

void MainWindow::updateServerStatus()
{
    const auto publicUrl = m_runtime.options().publicUrl;
    if (auto *listen = statusBar()->findChild<QLabel *>(QStringLiteral("statusListen")))
        listen->setText(tr("Listening on %1").arg(m_runtime.listenUrl()));
    if (auto *label = statusBar()->findChild<QLabel *>(QStringLiteral("statusPublicUrl")))
        label->setText(
            publicUrl.isEmpty() ? tr("No public URL — see Settings") : tr("Public URL: %1").arg(publicUrl));
}

void MainWindow::buildNotifier()
{
    m_notifier = new MessageNotifier(m_runtime.bus(), this);
    connect(m_notifier, &MessageNotifier::openConversations, this, [this] {
        showNormal();
        raise();
        activateWindow();
        showSection(Section::Conversations);
    });
}

void MainWindow::buildShortcuts()
{
    auto *refresh = new QShortcut(QKeySequence(Qt::Key_F5), this);
    connect(refresh, &QShortcut::activated, this, [this] {
        if (auto *current = qobject_cast<ConsoleView *>(m_views->currentWidget()))
            current->refresh();
    });
    auto *simulate = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), this);
    connect(simulate, &QShortcut::activated, this, &MainWindow::openSimulator);
    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        if (auto *current = qobject_cast<ConsoleView *>(m_views->currentWidget()))
            current->focusSearch();
    });
}

void MainWindow::showSection(Section section)
{
    m_navigation->setCurrentRow(int(section));
}

MainWindow::Section MainWindow::currentSection() const
{
    return Section(m_navigation->currentRow());
}

ConsoleView *MainWindow::view(Section section) const
{
    return qobject_cast<ConsoleView *>(m_views->widget(int(section)));
}

void MainWindow::saveWindowState()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/section"), int(currentSection()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    QMainWindow::closeEvent(event);
}

} // namespace sb
