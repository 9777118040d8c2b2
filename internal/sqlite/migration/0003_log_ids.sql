-- Log ids are never reused: without AUTOINCREMENT a deleted last log's id
-- goes to the next one, and a view or a process still holding the old id
-- would act on the wrong log. Each log also gets a uid, random and stable,
-- that names it beyond this laptop.
CREATE TABLE logs_new (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	uid         TEXT    NOT NULL UNIQUE CHECK (length(uid) = 32),
	day         TEXT    NOT NULL,
	kind        TEXT    NOT NULL CHECK (kind IN ('video', 'audio', 'text')),
	status      TEXT    NOT NULL CHECK (status IN ('recording', 'recovered', 'ready')),
	media_path  TEXT    NOT NULL DEFAULT '',
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

INSERT INTO logs_new (id, uid, day, kind, status, media_path, duration_ms, size_bytes, sha256,
	done, how, why, next, help_needed, mood, energy, created_at, updated_at)
SELECT id, lower(hex(randomblob(16))), day, kind, status, media_path, duration_ms, size_bytes, sha256,
	done, how, why, next, help_needed, mood, energy, created_at, updated_at
FROM logs;

DROP TRIGGER logs_ai;
DROP TRIGGER logs_ad;
DROP TRIGGER logs_au;
DROP TABLE logs;
ALTER TABLE logs_new RENAME TO logs;

CREATE INDEX logs_day ON logs (day, created_at);
CREATE INDEX logs_status ON logs (status);
-- The list is newest first: this index serves it without a sort, however
-- many logs there are.
CREATE INDEX logs_created ON logs (created_at, id);

-- The full-text index keeps its rows: ids did not change.
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
