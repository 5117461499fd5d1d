-- Switchboard schema, version 21: live AI-agent calls (issue 15 item 1). The end reason of a call, the
-- one conversation.completed per call (completed_event_at is set once, in the transaction that raises
-- it), and what happened during the call (call_turns): agent and user turns (each also a message of
-- the lead's voice thread once the call has a lead: message_id), interruptions, corrections and any
-- event type Switchboard does not know (kind event, kept raw). at_ms: the event's own time in ms since
-- the epoch (arrival time when the event carries none); position: ElevenLabs' event_id when given.
ALTER TABLE calls ADD COLUMN end_reason TEXT;
ALTER TABLE calls ADD COLUMN completed_event_at INTEGER;
-- The telephony call (Twilio CallSid) that carries an AI-agent conversation: its completed status
-- ends the conversation too.
ALTER TABLE calls ADD COLUMN linked_call_ref TEXT;
CREATE INDEX calls_linked_ref ON calls(linked_call_ref) WHERE linked_call_ref IS NOT NULL;
CREATE TABLE call_turns (
    id INTEGER PRIMARY KEY,
    call_id INTEGER NOT NULL REFERENCES calls(id),
    kind TEXT NOT NULL,
    event_type TEXT NOT NULL,
    role TEXT,
    body TEXT,
    original_body TEXT,
    position INTEGER,
    at_ms INTEGER NOT NULL,
    interrupted INTEGER NOT NULL DEFAULT 0,
    message_id INTEGER REFERENCES messages(id),
    raw TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL
);
CREATE INDEX call_turns_call ON call_turns(call_id, at_ms);
CREATE INDEX call_turns_message ON call_turns(message_id);
