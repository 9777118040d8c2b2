-- Drafts of editors the member has not saved yet, by editor key (such as
-- "log:12"), so that leaving a form or closing the app loses no typed text.
CREATE TABLE drafts (
	key        TEXT PRIMARY KEY,
	value      TEXT NOT NULL,   -- JSON, as the editor gave it
	updated_at TEXT NOT NULL
) STRICT;
