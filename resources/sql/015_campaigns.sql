-- Switchboard schema, version 15: campaigns that run (issue 14). A campaign is a template sent to
-- the leads its audience (a saved filter, JSON) selects, through one external service, at a throttle.
-- Starting it materialises one recipient row per lead (UNIQUE per campaign and lead); each recipient
-- is sent through the outbox with the idempotency key campaign:<campaign id>:<lead id>, so a restart
-- never sends twice. `next_send_at` is the throttle's clock (the earliest time of the next send).
CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    channel TEXT NOT NULL,
    service_id INTEGER,
    subject TEXT,
    body TEXT NOT NULL,
    audience TEXT NOT NULL DEFAULT '{}',
    throttle_per_minute INTEGER NOT NULL DEFAULT 0,
    scheduled_at INTEGER,
    time_zone TEXT,
    state TEXT NOT NULL,
    skipped_do_not_contact INTEGER NOT NULL DEFAULT 0,
    next_send_at INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    started_at INTEGER,
    completed_at INTEGER
);
CREATE INDEX campaigns_state ON campaigns(state);

CREATE TABLE campaign_recipients (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL,
    lead_id INTEGER NOT NULL,
    state TEXT NOT NULL,
    message_id INTEGER,
    outbox_id INTEGER,
    error TEXT,
    queued_at INTEGER NOT NULL,
    sent_at INTEGER,
    delivered_at INTEGER,
    opened_at INTEGER,
    clicked_at INTEGER,
    replied_at INTEGER,
    ended_at INTEGER, -- bounced, failed or unsubscribed
    updated_at INTEGER NOT NULL,
    UNIQUE(campaign_id, lead_id)
);
CREATE INDEX campaign_recipients_state ON campaign_recipients(campaign_id, state, id);
CREATE INDEX campaign_recipients_message ON campaign_recipients(message_id) WHERE message_id IS NOT NULL;
CREATE INDEX campaign_recipients_lead ON campaign_recipients(lead_id);
