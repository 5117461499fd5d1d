#include "SettingsView.h"

#include "AiSettingsPage.h"
#include "ApiKeysPage.h"
#include "ChannelsPage.h"
#include "EndpointsPage.h"
#include "PreferencesPage.h"
#include "RecordingsPage.h"
#include "RelayPage.h"
#include "SecretsPage.h"
#include "ServerSettingsPage.h"

#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

namespace sb {

namespace {

QWidget *scrollable(QWidget *page, QWidget *parent)
{
    auto *area = new QScrollArea(parent);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setWidget(page);
    return area;
}

} // namespace

SettingsView::SettingsView(Runtime &runtime, QWidget *parent)
    : ConsoleView(parent)
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("settingsTabs"));
    m_server = new ServerSettingsPage(runtime, this);
    m_endpoints = new EndpointsPage(runtime, this);
    m_secrets = new SecretsPage(runtime, this);
    m_keys = new ApiKeysPage(runtime, this);
    m_channels = new ChannelsPage(runtime, this);
    m_preferences = new PreferencesPage(this);
    m_relays = new RelayPage(runtime, this);
    m_relays->setObjectName(QStringLiteral("relayPage"));
    m_tabs->addTab(scrollable(m_server, m_tabs), tr("Server and tunnel"));
    m_tabs->addTab(m_endpoints, tr("Provider endpoints"));
    m_tabs->addTab(scrollable(m_secrets, m_tabs), tr("Provider secrets"));
    m_tabs->addTab(m_channels, tr("Channels"));
    m_tabs->addTab(m_keys, tr("API keys"));
    m_tabs->addTab(m_relays, tr("Relay"));
    m_ai = new AiSettingsPage(runtime, this);
    m_ai->setObjectName(QStringLiteral("aiPage"));
    m_tabs->addTab(scrollable(m_ai, m_tabs), tr("AI"));
    m_recordings = new RecordingsPage(runtime, this);
    m_recordings->setObjectName(QStringLiteral("recordingsPage"));
    m_tabs->addTab(scrollable(m_recordings, m_tabs), tr("Recordings"));
    m_tabs->addTab(scrollable(m_preferences, m_tabs), tr("Preferences"));
    connect(m_server, &ServerSettingsPage::serverChanged, m_endpoints, &EndpointsPage::rebuild);
    connect(m_server, &ServerSettingsPage::serverChanged, this, &SettingsView::serverChanged);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
}

void SettingsView::refresh()
{
    m_endpoints->rebuild();
    m_keys->reload();
    m_channels->reload();
    m_relays->reload();
}

void SettingsView::showChannels()
{
    m_tabs->setCurrentWidget(m_channels);
}

} // namespace sb
