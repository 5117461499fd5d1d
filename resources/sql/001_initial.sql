-- Switchboard schema, version 1.
CREATE TABLE schema_version (
    version INTEGER PRIMARY KEY,
    applied_at INTEGER NOT NULL
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    key_prefix TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);

-- Every request that reached the server, verbatim, with what became of it.
CREATE TABLE inbound_requests (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    received_at INTEGER NOT NULL,
    method TEXT NOT NULL,
    target TEXT NOT NULL,
    path TEXT NOT NULL,
    raw_head BLOB NOT NULL,
    body BLOB,
    body_size INTEGER NOT NULL,
    peer TEXT NOT NULL,
    client_ip TEXT NOT NULL,
    provider TEXT NOT NULL,
    handler TEXT NOT NULL,
    event_type TEXT,
    source TEXT,
    verification TEXT NOT NULL,
    verification_detail TEXT,
    string_to_sign BLOB,
    status TEXT NOT NULL,
    response_status INTEGER NOT NULL,
    response_body BLOB,
    error TEXT,
    duration_us INTEGER NOT NULL,
    dedup_key TEXT
);
CREATE INDEX inbound_requests_received_at ON inbound_requests(received_at);
CREATE INDEX inbound_requests_dedup ON inbound_requests(dedup_key) WHERE dedup_key IS NOT NULL;

-- CRM (seed 002). Fields beyond the listed columns live in the JSON `attributes`.
-- `lifecycle` is active | discarded | converted (not `state`: the seed's payloads use `state` for
-- the address's state or province, which lives in `attributes`).
CREATE TABLE pre_leads (
    id INTEGER PRIMARY KEY,
    first_name TEXT,
    last_name TEXT,
    email TEXT,
    phone TEXT,
    company_name TEXT,
    source TEXT,
    lead_status TEXT NOT NULL,
    lifecycle TEXT NOT NULL DEFAULT 'active',
    discard_reason TEXT,
    converted_lead_id INTEGER,
    attributes TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE leads (
    id INTEGER PRIMARY KEY,
    pre_lead_id INTEGER REFERENCES pre_leads(id),
    first_name TEXT,
    last_name TEXT,
    email TEXT,
    phone TEXT,
    company_name TEXT,
    source TEXT,
    priority TEXT NOT NULL DEFAULT 'medium',
    lead_status TEXT NOT NULL,
    expected_value REAL,
    assigned_to INTEGER,
    lifecycle TEXT NOT NULL DEFAULT 'active',
    discard_reason TEXT,
    loss_reason TEXT,
    customer_id INTEGER,
    attributes TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX leads_updated_at ON leads(updated_at);
CREATE INDEX leads_phone ON leads(phone);
CREATE INDEX leads_email ON leads(email);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    owner_kind TEXT NOT NULL,
    owner_id INTEGER NOT NULL,
    first_name TEXT,
    last_name TEXT,
    email TEXT,
    phone TEXT,
    designation TEXT,
    department TEXT,
    is_primary INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX contacts_owner ON contacts(owner_kind, owner_id);

CREATE TABLE memos (
    id INTEGER PRIMARY KEY,
    owner_kind TEXT NOT NULL,
    owner_id INTEGER NOT NULL,
    title TEXT,
    content TEXT NOT NULL,
    memo_type TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX memos_owner ON memos(owner_kind, owner_id);

CREATE TABLE activities (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES leads(id),
    activity_type TEXT NOT NULL,
    title TEXT,
    description TEXT,
    scheduled_at TEXT,
    completed_at TEXT,
    outcome TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX activities_lead ON activities(lead_id);

-- One row per status change of a pre-lead or lead, including creation (old_status NULL). The
-- lifecycle steps are rows too: new_status 'discarded' or 'converted', old_status the lead_status
-- the record had then (lead_status itself is left as it was).
CREATE TABLE status_history (
    id INTEGER PRIMARY KEY,
    owner_kind TEXT NOT NULL,
    owner_id INTEGER NOT NULL,
    old_status TEXT,
    new_status TEXT NOT NULL,
    remarks TEXT,
    status_date TEXT,
    source TEXT,
    changed_at INTEGER NOT NULL
);
CREATE INDEX status_history_owner ON status_history(owner_kind, owner_id);

CREATE TABLE qualified_profiles (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL UNIQUE REFERENCES leads(id),
    attributes TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER REFERENCES leads(id),
    customer_code TEXT NOT NULL UNIQUE,
    credit_limit REAL,
    payment_terms TEXT,
    notes TEXT,
    total_orders INTEGER NOT NULL DEFAULT 0,
    total_order_value REAL NOT NULL DEFAULT 0,
    total_paid REAL NOT NULL DEFAULT 0,
    last_order_at INTEGER,
    last_payment_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- A repeated order_created/payment_received with the same reference is recorded once (the
-- sender's retry must not count twice), hence the lookups by (customer_id, ref).
CREATE TABLE customer_orders (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    order_ref TEXT,
    amount REAL NOT NULL,
    attributes TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX customer_orders_ref ON customer_orders(customer_id, order_ref);

CREATE TABLE customer_payments (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    payment_ref TEXT,
    amount REAL NOT NULL,
    attributes TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX customer_payments_ref ON customer_payments(customer_id, payment_ref);
