-- Switchboard schema, version 3: provider callbacks become conversations, messages and calls
-- (issue 3 "Into the domain"; the Conversations view of issue 5 reads these tables).

-- Leads are found by normalised phone (E.164, libphonenumber) or by email, case-insensitively.
-- `phone` keeps what the CRM or provider sent; `phone_e164` is the lookup key.
ALTER TABLE leads ADD COLUMN phone_e164 TEXT;
-- Set by Mailgun unsubscribes/complaints (and Twilio STOP): nothing more is sent to this lead.
ALTER TABLE leads ADD COLUMN do_not_contact INTEGER NOT NULL DEFAULT 0;
ALTER TABLE leads ADD COLUMN do_not_contact_reason TEXT;
ALTER TABLE leads ADD COLUMN do_not_contact_at INTEGER;
CREATE INDEX leads_phone_e164 ON leads(phone_e164);
CREATE INDEX leads_email_lower ON leads(lower(email));

-- A replay (issue 5 item 6) is a new inbound record pointing at the one it re-ran; received_at stays
-- the original arrival (timestamps are judged as of then), replayed_at is when it was re-run.
ALTER TABLE inbound_requests ADD COLUMN replay_of TEXT;
ALTER TABLE inbound_requests ADD COLUMN replayed_at INTEGER;
CREATE INDEX inbound_requests_replay_of ON inbound_requests(replay_of) WHERE replay_of IS NOT NULL;

-- One thread per lead and channel (sms | email | voice). The last_* columns are the list view's
-- row, kept up to date by every message and call so the thread list needs no join.
CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES leads(id),
    channel TEXT NOT NULL,
    last_message_at INTEGER,
    last_message_preview TEXT,
    last_direction TEXT,
    unread_count INTEGER NOT NULL DEFAULT 0,
    message_count INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (lead_id, channel)
);
CREATE INDEX conversations_last_message_at ON conversations(last_message_at);

-- SMS and email, both directions. status: received (inbound) or the delivery states of an outbound
-- message, moving forward only: queued < sending < sent < delivered, with failed / undelivered as
-- final states (a late `sent` never overwrites `delivered`). Email adds opened / clicked as events.
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    lead_id INTEGER NOT NULL REFERENCES leads(id),
    direction TEXT NOT NULL,
    channel TEXT NOT NULL,
    provider TEXT NOT NULL,
    provider_message_id TEXT,
    from_address TEXT,
    to_address TEXT,
    subject TEXT,
    body TEXT,
    status TEXT NOT NULL,
    error_code TEXT,
    error_message TEXT,
    attachments TEXT NOT NULL DEFAULT '[]',
    inbound_request_id TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX messages_conversation ON messages(conversation_id, created_at);
CREATE INDEX messages_provider_id ON messages(provider, provider_message_id);

-- What happened to a message after it was sent (Mailgun events, Twilio status callbacks).
CREATE TABLE message_events (
    id INTEGER PRIMARY KEY,
    message_id INTEGER REFERENCES messages(id),
    provider TEXT NOT NULL,
    provider_message_id TEXT,
    event TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}',
    occurred_at INTEGER NOT NULL
);
CREATE INDEX message_events_message ON message_events(message_id);

-- Voice calls (Twilio, SignalWire) and ElevenLabs agent conversations, threaded into the lead's
-- voice conversation. call_ref is the provider's id: CallSid, SignalWire call_id, ElevenLabs
-- conversation_id.
CREATE TABLE calls (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER REFERENCES conversations(id),
    lead_id INTEGER REFERENCES leads(id),
    provider TEXT NOT NULL,
    call_ref TEXT NOT NULL,
    direction TEXT,
    from_number TEXT,
    to_number TEXT,
    status TEXT NOT NULL,
    duration_seconds INTEGER,
    recording_sid TEXT,
    recording_url TEXT,
    recording_duration_seconds INTEGER,
    transcript TEXT,
    summary TEXT,
    started_at INTEGER,
    ended_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (provider, call_ref)
);
CREATE INDEX calls_conversation ON calls(conversation_id, created_at);

-- Campaign executions triggered by POST /api/webhooks/campaign/execute (seed 000).
CREATE TABLE campaign_runs (
    id INTEGER PRIMARY KEY,
    campaign_id TEXT NOT NULL,
    status TEXT NOT NULL,
    request TEXT NOT NULL,
    lead_count INTEGER NOT NULL DEFAULT 0,
    inbound_request_id TEXT,
    created_at INTEGER NOT NULL,
    completed_at INTEGER
);
CREATE INDEX campaign_runs_campaign ON campaign_runs(campaign_id);
