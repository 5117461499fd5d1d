-- Switchboard schema, version 16: lead scoring and lead status from activity (issue 14).
-- One score per lead (0..100) with the reasons that made it, recomputed in the transaction that
-- changes the lead's activity (leads/LeadScores.h). reasons: JSON [{"rule", "points", "reason"}].
CREATE TABLE lead_scores (
    lead_id INTEGER PRIMARY KEY REFERENCES leads(id) ON DELETE CASCADE,
    score INTEGER NOT NULL,
    reasons TEXT NOT NULL DEFAULT '[]',
    computed_at INTEGER NOT NULL
);
CREATE INDEX lead_scores_score ON lead_scores(score, lead_id);

-- A call's outcome where the provider judges it (ElevenLabs analysis.call_successful): positive or
-- negative; NULL when unknown (Twilio and SignalWire calls are judged by status and duration).
ALTER TABLE calls ADD COLUMN outcome TEXT;

-- Automatic lead status changes: when `trigger` happens to a lead whose lead_status is one of
-- `from_statuses` (JSON array), its status moves to `to_status` through the lead status command.
CREATE TABLE lead_status_rules (
    id TEXT PRIMARY KEY,
    trigger TEXT NOT NULL,
    from_statuses TEXT NOT NULL,
    to_status TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    updated_at INTEGER NOT NULL
);
INSERT INTO lead_status_rules(id, trigger, from_statuses, to_status, enabled, updated_at)
    VALUES ('reply_contacted', 'inbound_reply', '["new"]', 'contacted', 1, 0);
INSERT INTO lead_status_rules(id, trigger, from_statuses, to_status, enabled, updated_at)
    VALUES ('positive_call_qualified', 'positive_call', '["new","contacted"]', 'qualified', 1, 0);
