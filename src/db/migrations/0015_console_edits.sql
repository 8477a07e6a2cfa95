-- Canned replies become an admin-edited list: order on the ticket page, who changed each one last.
ALTER TABLE console_canned_replies ADD COLUMN IF NOT EXISTS position integer NOT NULL DEFAULT 0;
ALTER TABLE console_canned_replies ADD COLUMN IF NOT EXISTS updated_by text;
ALTER TABLE console_canned_replies ADD COLUMN IF NOT EXISTS updated_at timestamptz;
UPDATE console_canned_replies SET position = id WHERE position = 0;

-- The compose form's one-time key: the same form posted twice (double click, retry after an
-- error page) saves one notice.
ALTER TABLE notices ADD COLUMN IF NOT EXISTS form_key text;
CREATE UNIQUE INDEX IF NOT EXISTS notices_form_key ON notices (form_key) WHERE form_key IS NOT NULL;
