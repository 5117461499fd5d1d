-- Switchboard schema, version 10: the durable outbox. A send commits its message row and its
-- outbox row together; the outbox dispatcher sends it through the service's provider, retrying
-- 429/5xx/network errors. An entry is marked `sending` (committed) before each HTTP request, so an
-- attempt cut short by a crash is found at the next start and never resent blindly (`unknown`).
-- `idempotency_key` is unique: a repeated API call with the same key finds the first send.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES messages(id),
    service_id INTEGER,
    provider TEXT NOT NULL,
    channel TEXT NOT NULL,
    request TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    last_status INTEGER,
    last_error TEXT,
    provider_id TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_message ON outbox(message_id);

-- Every HTTP attempt of an outbox entry, like delivery_attempts. Credentials (Authorization,
-- API keys, secret config values in the URL or the body) are stored masked.
CREATE TABLE outbox_attempts (
    id INTEGER PRIMARY KEY,
    outbox_id INTEGER NOT NULL REFERENCES outbox(id),
    attempt INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    url TEXT NOT NULL,
    request_headers TEXT NOT NULL DEFAULT '',
    request_body BLOB,
    response_status INTEGER,
    response_headers TEXT NOT NULL DEFAULT '',
    response_body BLOB,
    latency_ms INTEGER NOT NULL DEFAULT 0,
    error TEXT
);
CREATE INDEX outbox_attempts_entry ON outbox_attempts(outbox_id, attempt);
