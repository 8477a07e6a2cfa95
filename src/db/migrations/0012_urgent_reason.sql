-- Why a ticket is urgent, as the form's urgency rules worded it for operators.
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS urgent_reason text;
