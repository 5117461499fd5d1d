-- Switchboard schema, version 19: follow-up tasks (issue 15 item 4). A task has a title, a due time,
-- an owner and a state (open | done | snoozed), optionally a lead and the conversation it came from.
-- source: manual (console), api, ai (an accepted AI action item) or rule (e.g. a call that ended
-- unanswered). reminded_at: when its reminder fired for the current due time (cleared when dueAt moves).
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER REFERENCES leads(id),
    conversation_id INTEGER,
    title TEXT NOT NULL,
    notes TEXT,
    due_at INTEGER NOT NULL,
    owner TEXT,
    state TEXT NOT NULL,
    source TEXT NOT NULL,
    source_ref TEXT,
    reminded_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    completed_at INTEGER
);
CREATE INDEX tasks_due ON tasks(state, due_at);
CREATE INDEX tasks_lead ON tasks(lead_id, due_at);
-- One task per rule and what raised it (a call that ended unanswered raises one retry task).
CREATE UNIQUE INDEX tasks_source_ref ON tasks(source, source_ref) WHERE source_ref IS NOT NULL;
