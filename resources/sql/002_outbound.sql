-- Switchboard schema, version 2: outbound webhook configurations, deliveries and attempts.
CREATE TABLE webhook_configs (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    description TEXT,
    event_types TEXT NOT NULL,
    status TEXT NOT NULL,
    headers TEXT NOT NULL DEFAULT '{}',
    retry_config TEXT NOT NULL,
    filters TEXT NOT NULL DEFAULT '{}',
    metadata TEXT NOT NULL DEFAULT '{}',
    timeout_ms INTEGER NOT NULL DEFAULT 15000,
    disable_after_failures INTEGER NOT NULL DEFAULT 0,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    disabled_reason TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- Several secrets are active during a rotation; the newest signs X-Webhook-Signature.
CREATE TABLE webhook_secrets (
    id INTEGER PRIMARY KEY,
    config_id INTEGER NOT NULL REFERENCES webhook_configs(id) ON DELETE CASCADE,
    secret TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER
);
CREATE INDEX webhook_secrets_config ON webhook_secrets(config_id);

-- One row per event and config; its id is the stable webhook-id across attempts.
CREATE TABLE deliveries (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    config_id INTEGER,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    source TEXT,
    payload BLOB NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    last_status INTEGER,
    last_error TEXT,
    is_test INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX deliveries_due ON deliveries(next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_config ON deliveries(config_id, seq);
CREATE INDEX deliveries_created ON deliveries(created_at);

CREATE TABLE delivery_attempts (
    id INTEGER PRIMARY KEY,
    delivery_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    url TEXT NOT NULL,
    request_headers TEXT NOT NULL,
    request_body BLOB NOT NULL,
    response_status INTEGER,
    response_headers TEXT,
    response_body BLOB,
    latency_ms INTEGER NOT NULL,
    error TEXT
);
CREATE INDEX delivery_attempts_delivery ON delivery_attempts(delivery_id);
