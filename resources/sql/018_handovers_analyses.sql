-- Switchboard schema, version 18: handover and AI analysis (issue 14, items 5 and 6c).
--
-- A handover asks a person to take over a conversation: raised by a rule on an inbound message
-- (keywords, negative sentiment, high score, unanswered inbound messages, AI intent) or on demand
-- (POST /api/conversations/{id}/evaluate-handover). One open handover per conversation at a time.
-- state: open -> accepted -> closed (or open -> closed). reason: the rule's text; rule: its id.
CREATE TABLE handovers (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    lead_id INTEGER REFERENCES leads(id),
    rule TEXT NOT NULL,
    reason TEXT NOT NULL,
    assigned_to TEXT,
    state TEXT NOT NULL,
    message_id INTEGER,
    notified_via TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    accepted_at INTEGER,
    closed_at INTEGER
);
CREATE INDEX handovers_state ON handovers(state, created_at);
CREATE INDEX handovers_conversation ON handovers(conversation_id, state);
CREATE INDEX handovers_lead ON handovers(lead_id);

-- Handover rules: what raises a handover. kind: keywords | negative_sentiment | high_score |
-- unanswered_inbound | ai_intent. params: JSON (keywords list, score threshold, message count).
CREATE TABLE handover_rules (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    params TEXT NOT NULL DEFAULT '{}',
    enabled INTEGER NOT NULL DEFAULT 1,
    updated_at INTEGER NOT NULL
);
INSERT INTO handover_rules(id, kind, params, enabled, updated_at) VALUES
    ('asks_for_person', 'keywords',
     '{"keywords":["talk to a person","speak to a person","human","agent","representative","call me"]}', 1, 0);
INSERT INTO handover_rules(id, kind, params, enabled, updated_at) VALUES
    ('pricing_question', 'keywords', '{"keywords":["price","pricing","quote","cost","discount"]}', 1, 0);
INSERT INTO handover_rules(id, kind, params, enabled, updated_at) VALUES
    ('negative_sentiment', 'negative_sentiment', '{}', 1, 0);
INSERT INTO handover_rules(id, kind, params, enabled, updated_at) VALUES
    ('hot_lead', 'high_score', '{"minScore":80}', 1, 0);
INSERT INTO handover_rules(id, kind, params, enabled, updated_at) VALUES
    ('unanswered_inbound', 'unanswered_inbound', '{"count":3}', 1, 0);
INSERT INTO handover_rules(id, kind, params, enabled, updated_at) VALUES
    ('ai_intent', 'ai_intent', '{}', 0, 0);

-- AI analysis of a call transcript or a long email (issue 14 item 6c): sentiment, key phrases,
-- action items and a follow-up suggestion, from structured JSON output that was validated.
-- subject_kind: call | message. status: ok | error (error holds why, after one retry).
-- sentiment: positive | neutral | negative; sentiment_score in [-1, 1].
CREATE TABLE ai_analyses (
    id INTEGER PRIMARY KEY,
    subject_kind TEXT NOT NULL,
    subject_id INTEGER NOT NULL,
    conversation_id INTEGER,
    lead_id INTEGER,
    status TEXT NOT NULL,
    sentiment TEXT,
    sentiment_score REAL,
    key_phrases TEXT NOT NULL DEFAULT '[]',
    action_items TEXT NOT NULL DEFAULT '[]',
    follow_up TEXT,
    model TEXT,
    error TEXT,
    created_at INTEGER NOT NULL,
    UNIQUE(subject_kind, subject_id)
);
CREATE INDEX ai_analyses_lead ON ai_analyses(lead_id, created_at);
CREATE INDEX ai_analyses_conversation ON ai_analyses(conversation_id, created_at);
