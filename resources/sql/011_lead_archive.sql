-- Switchboard schema, version 11: the open API (issue 13). DELETE /api/leads/{id} archives a lead
-- by default: archived_at is set and the lead leaves the API's lists unless include_archived=true
-- (a purge deletes the row and everything that hangs off it instead). Indexes serve the keyset
-- pages of GET /api/leads and GET /api/conversations: (sort key, id) with id as the rowid.
ALTER TABLE leads ADD COLUMN archived_at INTEGER;
CREATE INDEX leads_created_at ON leads(created_at);
CREATE INDEX leads_archived_at ON leads(archived_at) WHERE archived_at IS NOT NULL;
CREATE INDEX conversations_updated_at ON conversations(updated_at);
CREATE INDEX conversations_lead ON conversations(lead_id);
CREATE INDEX calls_lead ON calls(lead_id);
CREATE INDEX messages_lead ON messages(lead_id);
