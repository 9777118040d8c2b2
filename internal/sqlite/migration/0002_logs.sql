-- Stand-up logs: a recording (or none) and the fixed table beside it.
CREATE TABLE logs (
	id          INTEGER PRIMARY KEY,
	day         TEXT    NOT NULL,              -- the member's local date
	kind        TEXT    NOT NULL CHECK (kind IN ('video', 'audio', 'text')),
	status      TEXT    NOT NULL CHECK (status IN ('recording', 'recovered', 'ready')),
	media_path  TEXT    NOT NULL DEFAULT '',   -- relative to the data folder
	duration_ms INTEGER NOT NULL DEFAULT 0,
	size_bytes  INTEGER NOT NULL DEFAULT 0,
	sha256      TEXT    NOT NULL DEFAULT '',
	done        TEXT    NOT NULL DEFAULT '',
	how         TEXT    NOT NULL DEFAULT '',
	why         TEXT    NOT NULL DEFAULT '',
	next        TEXT    NOT NULL DEFAULT '',
	help_needed TEXT    NOT NULL DEFAULT '',
	mood        INTEGER NOT NULL DEFAULT 0 CHECK (mood BETWEEN 0 AND 5),
	energy      INTEGER NOT NULL DEFAULT 0 CHECK (energy BETWEEN 0 AND 5),
	created_at  TEXT    NOT NULL,
	updated_at  TEXT    NOT NULL
) STRICT;

CREATE INDEX logs_day ON logs (day, created_at);
CREATE INDEX logs_status ON logs (status);

-- Full-text search over the table's text, kept in step by triggers.
-- remove_diacritics lets "resume" find "résumé".
CREATE VIRTUAL TABLE logs_fts USING fts5 (
	done, how, why, next, help_needed,
	content = 'logs', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER logs_ai AFTER INSERT ON logs BEGIN
	INSERT INTO logs_fts (rowid, done, how, why, next, help_needed)
	VALUES (new.id, new.done, new.how, new.why, new.next, new.help_needed);
END;

CREATE TRIGGER logs_ad AFTER DELETE ON logs BEGIN
	INSERT INTO logs_fts (logs_fts, rowid, done, how, why, next, help_needed)
	VALUES ('delete', old.id, old.done, old.how, old.why, old.next, old.help_needed);
END;

CREATE TRIGGER logs_au AFTER UPDATE OF done, how, why, next, help_needed ON logs BEGIN
	INSERT INTO logs_fts (logs_fts, rowid, done, how, why, next, help_needed)
	VALUES ('delete', old.id, old.done, old.how, old.why, old.next, old.help_needed);
	INSERT INTO logs_fts (rowid, done, how, why, next, help_needed)
	VALUES (new.id, new.done, new.how, new.why, new.next, new.help_needed);
END;

-- Member settings (chosen devices, recording limits): small values by key.
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;
