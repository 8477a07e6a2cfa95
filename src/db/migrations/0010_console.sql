-- Console accounts, their web sessions, login throttling and the console's own audit log.
CREATE TABLE IF NOT EXISTS console_users (
  id            serial PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  role          text NOT NULL CHECK (role IN ('operator', 'officer', 'admin')),
  password_hash text NOT NULL,
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- The cookie carries a random token; only its SHA-256 is stored, so a leaked table opens nothing.
CREATE TABLE IF NOT EXISTS console_sessions (
  id          text PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES console_users(id) ON DELETE CASCADE,
  csrf        text NOT NULL,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS console_sessions_expires ON console_sessions (expires_at);

-- Wrong passwords per username+IP; the delay before the next try grows with the count.
CREATE TABLE IF NOT EXISTS console_login_failures (
  key       text PRIMARY KEY,
  failures  integer NOT NULL,
  last_at   timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS console_audit (
  id      bigserial PRIMARY KEY,
  at      timestamptz NOT NULL,
  actor   text NOT NULL,
  action  text NOT NULL,
  target  text,
  detail  text
);
CREATE INDEX IF NOT EXISTS console_audit_at ON console_audit (at DESC);

CREATE TABLE IF NOT EXISTS console_canned_replies (
  id     serial PRIMARY KEY,
  title  text NOT NULL UNIQUE,
  body   text NOT NULL
);
INSERT INTO console_canned_replies (title, body) VALUES
  ('已受理', '您好，您反映的情况我们已经收到，正在安排专人办理，有进展会第一时间告诉您。'),
  ('需补充材料', '您好，为了尽快帮您办理，请补充劳动合同、工资条或考勤记录等材料（拍照发来即可）。'),
  ('转法律援助', '您好，您的情况适合申请工会法律援助，我们会安排律师与您联系，请保持电话畅通。'),
  ('已办结回访', '您好，您的诉求已办理完毕。如对结果不满意，可以直接回复或拨打 12351 职工服务热线。')
ON CONFLICT (title) DO NOTHING;

-- Questions the bot could not answer and answers workers marked unhelpful: the list the knowledge base grows from.
CREATE TABLE IF NOT EXISTS bot_feedback (
  id         bigserial PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('unanswered', 'unhelpful')),
  text       text NOT NULL,
  intent     text,
  entry_ids  text,
  platform   text,
  at         timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS bot_feedback_at ON bot_feedback (at DESC);
