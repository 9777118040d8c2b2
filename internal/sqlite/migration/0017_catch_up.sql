-- Catching up on the team's stand-ups.

-- A recording's loudness map (see peerplaypay.Loudness): what lets a player
-- skip its silences. '' for none: the recording plays in full.
ALTER TABLE logs ADD COLUMN loudness TEXT NOT NULL DEFAULT '';
ALTER TABLE peer_logs ADD COLUMN loudness TEXT NOT NULL DEFAULT '';

-- What this member watched of peers' logs, and where they stopped. It is
-- theirs alone: nothing here is ever sent to the team. Keyed like the
-- peers' logs themselves, so that a log published again (a new recording, a
-- log shared again) keeps its row.
CREATE TABLE peer_log_views (
	author      TEXT NOT NULL,
	uid         TEXT NOT NULL,
	position_ms INTEGER NOT NULL DEFAULT 0 CHECK (position_ms >= 0),
	watched_at  TEXT NOT NULL DEFAULT '', -- '' while not watched
	updated_at  TEXT NOT NULL,
	PRIMARY KEY (author, uid)
) STRICT;

-- The inbox orders the peers' logs by day and time, unwatched first, and
-- filters them by person and help needed: all from this index, so that
-- sorting a year of a team's logs never reads their rows (a loudness map
-- makes a row kilobytes long). Search finds words in the peers' tables as
-- in our own (the same stemming tokenizer as logs_fts).
CREATE INDEX peer_logs_inbox ON peer_logs (day, created_at, author, uid, help_needed);

CREATE VIRTUAL TABLE peer_logs_fts USING fts5 (
	done, how, why, next, help_needed,
	content = 'peer_logs', content_rowid = 'id',
	tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER peer_logs_ai AFTER INSERT ON peer_logs BEGIN
	INSERT INTO peer_logs_fts (rowid, done, how, why, next, help_needed)
	VALUES (new.id, new.done, new.how, new.why, new.next, new.help_needed);
END;

CREATE TRIGGER peer_logs_ad AFTER DELETE ON peer_logs BEGIN
	INSERT INTO peer_logs_fts (peer_logs_fts, rowid, done, how, why, next, help_needed)
	VALUES ('delete', old.id, old.done, old.how, old.why, old.next, old.help_needed);
END;

CREATE TRIGGER peer_logs_au AFTER UPDATE OF done, how, why, next, help_needed ON peer_logs BEGIN
	INSERT INTO peer_logs_fts (peer_logs_fts, rowid, done, how, why, next, help_needed)
	VALUES ('delete', old.id, old.done, old.how, old.why, old.next, old.help_needed);
	INSERT INTO peer_logs_fts (rowid, done, how, why, next, help_needed)
	VALUES (new.id, new.done, new.how, new.why, new.next, new.help_needed);
END;

INSERT INTO peer_logs_fts (peer_logs_fts) VALUES ('rebuild');
