-- Switchboard schema, version 9: external services (seed 004), the registered providers that send
-- SMS, email, push and chat messages. `config` is the provider's keys as a JSON object; the values
-- of secret keys (auth tokens, API keys, private keys, webhook URLs) are sealed (SecretStore), never
-- stored in clear. Indexed for the list's filters (service_type, provider, active_only).
CREATE TABLE external_services (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    service_type TEXT NOT NULL,
    provider TEXT NOT NULL,
    config TEXT NOT NULL DEFAULT '{}',
    is_active INTEGER NOT NULL DEFAULT 1,
    description TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX external_services_type ON external_services(service_type, is_active, id);
CREATE INDEX external_services_provider ON external_services(provider, is_active, id);
CREATE INDEX external_services_active ON external_services(is_active, id);
