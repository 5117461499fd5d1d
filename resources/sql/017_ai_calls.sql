-- Switchboard schema, version 17: AI calls. Every request to the OpenAI-compatible chat completions
-- endpoint is logged: what it was for, the model, the token counts the provider reported (null when
-- it reported none), the latency and the outcome. Refusals by our own rate limit are logged too.
CREATE TABLE ai_calls (
    id INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL,
    purpose TEXT NOT NULL,
    model TEXT NOT NULL,
    provider TEXT NOT NULL,
    streamed INTEGER NOT NULL DEFAULT 0,
    conversation_id INTEGER,
    prompt_tokens INTEGER,
    completion_tokens INTEGER,
    latency_ms INTEGER NOT NULL,
    status TEXT NOT NULL,
    http_status INTEGER,
    error TEXT
);
CREATE INDEX ai_calls_created ON ai_calls(created_at);
