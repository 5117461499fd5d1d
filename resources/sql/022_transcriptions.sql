-- Switchboard schema, version 22: transcription of kept call recordings (issue 15 item 3). One row per
-- recording, made when an AI service is configured and a stored recording's call has no transcript
-- (or on POST /api/recordings/{id}/transcribe). The Transcriber sends the file to the OpenAI-compatible
-- /audio/transcriptions endpoint one at a time; the text goes to calls.transcript and is kept here too,
-- so the call can say where its transcript came from.
-- state: queued | running | done | failed | refused (the file is over the API's size limit).
-- replace_transcript: 1 when asked for on the API (the text replaces a transcript the call has by then);
-- otherwise a transcript the provider delivered meanwhile is kept.
-- Times in ms since the epoch.
CREATE TABLE transcriptions (
    id INTEGER PRIMARY KEY,
    recording_id INTEGER NOT NULL UNIQUE,
    call_id INTEGER NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    model TEXT,
    text TEXT,
    replace_transcript INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    completed_at INTEGER
);
CREATE INDEX transcriptions_due ON transcriptions(state, next_attempt_at);
CREATE INDEX transcriptions_call ON transcriptions(call_id);
