-- The hash of every roster version this laptop verified: its pin. The team
-- list in the share may later show other bytes under a pinned number (a
-- fork, or a version replaced by someone with write access); they are
-- reported and never stored over the pin.
ALTER TABLE share_roster ADD COLUMN hash TEXT NOT NULL DEFAULT '';
