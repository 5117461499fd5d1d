-- Switchboard schema, version 4: indexes for the console's delivery log filters. Each serves a
-- keyset page "filter AND seq < ? ORDER BY seq DESC LIMIT n" without a sort or a table scan.
CREATE INDEX deliveries_status_seq ON deliveries(status, seq);
CREATE INDEX deliveries_event_type_seq ON deliveries(event_type, seq);
CREATE INDEX deliveries_event_id ON deliveries(event_id);
