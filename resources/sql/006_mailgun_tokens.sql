-- Switchboard schema, version 6: Mailgun's signature covers only timestamp + token, not the body,
-- so Mailgun asks receivers to refuse a token they have already seen. Each token is kept with a
-- hash of the body it came with (a retry of that same request is still a duplicate, not a forgery)
-- for as long as its timestamp can pass the 15-minute check.
CREATE TABLE mailgun_tokens (
    token TEXT PRIMARY KEY,
    body_sha256 BLOB NOT NULL,
    seen_at INTEGER NOT NULL
);
CREATE INDEX mailgun_tokens_seen_at ON mailgun_tokens(seen_at);
