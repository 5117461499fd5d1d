-- Switchboard schema, version 13: the durable event log behind /ws and the SSE streams. Every
-- domain event, recorded inbound request and delivery attempt is appended in the transaction that
-- raises it, so `seq` order is commit order and nothing is streamed that is not stored.
-- AUTOINCREMENT: seq never goes back, even after every row was pruned (clients resume by seq).
-- `topic` is the family (leads, conversations, deliveries, inbound, campaigns, notifications);
-- lead_id and conversation_id serve lead:{id} and conversation:{id} subscriptions.
CREATE TABLE event_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    type TEXT NOT NULL,
    topic TEXT NOT NULL,
    lead_id INTEGER,
    conversation_id INTEGER,
    occurred_at INTEGER NOT NULL,
    data TEXT NOT NULL
);
