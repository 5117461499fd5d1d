#pragma once

#include "common/ConsoleView.h"

class QTabWidget;

namespace sb {

class AiSettingsPage;
class ApiKeysPage;
class ChannelsPage;
class EndpointsPage;
class PreferencesPage;
class RecordingsPage;
class RelayPage;
class Runtime;
class SecretsPage;
class ServerSettingsPage;

// Settings, one tab per concern: server and tunnel, provider endpoints, secrets, channels (the
// services that send), API keys, relay, AI, preferences.
class SettingsView : public ConsoleView
{
    Q_OBJECT
public:
    explicit SettingsView(Runtime &runtime, QWidget *parent = nullptr);

    void refresh() override;

    QTabWidget *tabs() const { return m_tabs; }
    ServerSettingsPage *serverPage() const { return m_server; }
    EndpointsPage *endpointsPage() const { return m_endpoints; }
    SecretsPage *secretsPage() const { return m_secrets; }
    ApiKeysPage *apiKeysPage() const { return m_keys; }
    ChannelsPage *channelsPage() const { return m_channels; }
    RelayPage *relayPage() const { return m_relays; }
    AiSettingsPage *aiPage() const { return m_ai; }
    RecordingsPage *recordingsPage() const { return m_recordings; }
    // Shows the Channels tab.
    void showChannels();

Q_SIGNALS:
    void serverChanged();

private:
    QTabWidget *m_tabs;
    ServerSettingsPage *m_server;
    EndpointsPage *m_endpoints;
    SecretsPage *m_secrets;
    ApiKeysPage *m_keys;
    ChannelsPage *m_channels;
    RelayPage *m_relays;
    PreferencesPage *m_preferences;
    AiSettingsPage *m_ai;
    RecordingsPage *m_recordings;
};

} // namespace sb
