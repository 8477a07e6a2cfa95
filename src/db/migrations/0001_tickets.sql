-- 12351 tickets: the ticket itself, the per-day number counter, the audit trail and internal notes.
-- Matches src/tickets/schema.ts (drizzle table definitions); keep the two in step.

CREATE TABLE IF NOT EXISTS ticket_counters (
  day text PRIMARY KEY,
  last integer NOT NULL
);

CREATE TABLE IF NOT EXISTS tickets (
  id bigserial PRIMARY KEY,
  number text NOT NULL UNIQUE,
  idempotency_key text NOT NULL UNIQUE,
  status text NOT NULL CHECK (status IN ('received', 'assigned', 'in_progress', 'replied', 'follow_up', 'closed')),
  name text NOT NULL,
  phone text NOT NULL,
  employer text NOT NULL,
  district text NOT NULL,
  description text NOT NULL,
  category text NOT NULL,
  request_type text NOT NULL,
  priority text NOT NULL,
  urgent boolean NOT NULL DEFAULT false,
  tier text NOT NULL,
  origin_platform text NOT NULL,
  origin_chat_id text NOT NULL,
  origin_sender_id text NOT NULL,
  transcript jsonb NOT NULL DEFAULT '[]'::jsonb,
  assignee text,
  rating integer CHECK (rating BETWEEN 1 AND 5),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS tickets_requester_idx ON tickets (origin_platform, origin_sender_id, created_at DESC);
CREATE INDEX IF NOT EXISTS tickets_status_idx ON tickets (status, created_at DESC);
CREATE INDEX IF NOT EXISTS tickets_created_idx ON tickets (created_at DESC);

CREATE TABLE IF NOT EXISTS ticket_audit (
  id bigserial PRIMARY KEY,
  ticket_id bigint NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  from_value text,
  to_value text,
  detail text
);
CREATE INDEX IF NOT EXISTS ticket_audit_ticket_idx ON ticket_audit (ticket_id, id);

CREATE TABLE IF NOT EXISTS ticket_notes (
  id bigserial PRIMARY KEY,
  ticket_id bigint NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  author text NOT NULL,
  text text NOT NULL
);
CREATE INDEX IF NOT EXISTS ticket_notes_ticket_idx ON ticket_notes (ticket_id, id);
