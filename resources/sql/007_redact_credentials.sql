-- Switchboard schema, version 7: credential headers (Authorization, X-API-Key, Cookie, the
-- configured initiation-secret header, ...) are no longer kept in full. New requests and delivery
-- attempts are redacted before they are stored; rows stored earlier are rewritten once at the next
-- start (the hint "Bearer ••••a1b2" is computed in C++), which this marker asks for.
INSERT INTO settings(key, value) VALUES('pending/redact-credential-headers', '1')
    ON CONFLICT(key) DO UPDATE SET value = excluded.value;
