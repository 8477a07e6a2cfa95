-- A notice that reached no group (its groups all left before it went out) ends as 'unsent', not
-- 'sent'. 0011 declared the check inline, so it carries PostgreSQL's default name on both engines;
-- dropping it by that name fails loudly rather than leave the old check in place.
ALTER TABLE notices DROP CONSTRAINT notices_status_check;
ALTER TABLE notices ADD CONSTRAINT notices_status_check
  CHECK (status IN ('draft', 'scheduled', 'sending', 'sent', 'unsent', 'cancelled'));
