-- Switchboard schema, version 5: a delivery's source names who raised its event, as seed 001's
-- WebhookEvent.source does (crm, twilio, mailgun, ..., api, console, test, demo); the inbound
-- request that raised it, if one did, moves to its own column. Indexed for the log's source filter.
ALTER TABLE deliveries ADD COLUMN inbound_request_id TEXT;
UPDATE deliveries
   SET inbound_request_id = source,
       source = COALESCE((SELECT provider FROM inbound_requests r WHERE r.id = deliveries.source), 'api')
 WHERE source LIKE 'evt\_%' ESCAPE '\';
UPDATE deliveries SET source = 'console' WHERE source IS NULL OR source = '';
CREATE INDEX deliveries_source_seq ON deliveries(source, seq);
