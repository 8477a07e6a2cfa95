-- Groups that can receive policy notices, the notices, and one delivery row per (notice, group).
CREATE TABLE IF NOT EXISTS notice_groups (
  id             bigserial PRIMARY KEY,
  platform       text NOT NULL,
  chat_id        text NOT NULL,
  title          text NOT NULL DEFAULT '',
  tags           text[] NOT NULL DEFAULT '{}',
  region         text NOT NULL DEFAULT '',
  subscribed     boolean NOT NULL DEFAULT true,
  updated_at     timestamptz NOT NULL,
  UNIQUE (platform, chat_id)
);

CREATE TABLE IF NOT EXISTS notices (
  id            bigserial PRIMARY KEY,
  title         text NOT NULL,
  body          text NOT NULL,
  link          text NOT NULL DEFAULT '',
  tags          text[] NOT NULL DEFAULT '{}',
  regions       text[] NOT NULL DEFAULT '{}',
  platforms     text[] NOT NULL DEFAULT '{}',
  -- draft -> scheduled -> sending -> sent; cancelled from draft or scheduled.
  status        text NOT NULL CHECK (status IN ('draft', 'scheduled', 'sending', 'sent', 'cancelled')),
  scheduled_at  timestamptz,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL,
  sent_at       timestamptz
);
CREATE INDEX IF NOT EXISTS notices_due ON notices (status, scheduled_at);

CREATE TABLE IF NOT EXISTS notice_deliveries (
  notice_id   bigint NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
  group_id    bigint NOT NULL REFERENCES notice_groups(id) ON DELETE CASCADE,
  platform    text NOT NULL,
  chat_id     text NOT NULL,
  -- pending (row written) -> queued (in the outbound queue) -> sent | failed; skipped when the group left first.
  status      text NOT NULL CHECK (status IN ('pending', 'queued', 'sent', 'failed', 'skipped')),
  attempts    integer NOT NULL DEFAULT 0,
  last_error  text,
  queued_at   timestamptz,
  sent_at     timestamptz,
  PRIMARY KEY (notice_id, group_id)
);
CREATE INDEX IF NOT EXISTS notice_deliveries_status ON notice_deliveries (notice_id, status);
