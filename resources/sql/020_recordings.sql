-- Switchboard schema, version 20: call recordings kept (issue 15 item 2). One row per call: queued in
-- the transaction that stores the call's recording URL, downloaded by the RecordingFetcher into
-- <data dir>/recordings/<call id>.<ext> (or decoded from an ElevenLabs post_call_audio webhook).
-- state: queued | downloading | stored | failed | refused (URL not on the provider's API host) |
-- pruned (file deleted by retention). Times in ms since the epoch.
CREATE TABLE recordings (
    id INTEGER PRIMARY KEY,
    call_id INTEGER NOT NULL UNIQUE,
    provider TEXT NOT NULL,
    source_url TEXT,
    file_path TEXT,
    content_type TEXT,
    bytes_expected INTEGER,
    bytes_stored INTEGER NOT NULL DEFAULT 0,
    duration_seconds INTEGER,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    stored_at INTEGER
);
CREATE INDEX recordings_due ON recordings(state, next_attempt_at);
