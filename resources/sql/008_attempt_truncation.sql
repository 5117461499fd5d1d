-- Switchboard schema, version 7: an outbound attempt keeps at most the first megabyte of the
-- receiver's answer; when the receiver sent more, the dispatcher stops reading and says so here.
ALTER TABLE delivery_attempts ADD COLUMN response_truncated INTEGER NOT NULL DEFAULT 0;
