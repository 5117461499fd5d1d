-- Switchboard schema, version 12: API keys get a scope (read | write | admin; the keys stored so far
-- were admin keys) and remember when and from which client (IP and User-Agent) they were last used,
-- written at most once a minute per key. Events raised over POST /api/events are kept with their
-- optional idempotency key: the same key again finds the first event instead of raising another.
ALTER TABLE api_keys ADD COLUMN scope TEXT NOT NULL DEFAULT 'admin';
ALTER TABLE api_keys ADD COLUMN last_used_at INTEGER;
ALTER TABLE api_keys ADD COLUMN last_used_client TEXT;

CREATE TABLE api_events (
    id TEXT PRIMARY KEY,
    event_type TEXT NOT NULL,
    payload TEXT NOT NULL,
    idempotency_key TEXT UNIQUE,
    key_id TEXT,
    deliveries INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
