-- Switchboard schema, version 14: relays. Each accepted provider callback is forwarded raw to the
-- relay targets of its route (the team's own backend keeps receiving it). `route` is the handler
-- name of a webhook route (twilio.sms, mailgun.events, ...) or '*' for every provider route.
CREATE TABLE relay_targets (
    id INTEGER PRIMARY KEY,
    route TEXT NOT NULL,
    url TEXT NOT NULL,
    append_path INTEGER NOT NULL DEFAULT 1,
    enabled INTEGER NOT NULL DEFAULT 1,
    description TEXT,
    retry_config TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX relay_targets_route_url ON relay_targets(route, url);

-- A relay is a delivery (source 'relay') of the stored request: the dispatcher sends it with the
-- same retries, attempts and log as a webhook. The forwarded method, path + query and headers are
-- fixed when the request is accepted; the body is the delivery's payload.
ALTER TABLE deliveries ADD COLUMN relay_target_id INTEGER;
ALTER TABLE deliveries ADD COLUMN relay_method TEXT;
ALTER TABLE deliveries ADD COLUMN relay_path TEXT;
ALTER TABLE deliveries ADD COLUMN relay_headers TEXT;
CREATE INDEX deliveries_relay_target ON deliveries(relay_target_id, seq) WHERE relay_target_id IS NOT NULL;
