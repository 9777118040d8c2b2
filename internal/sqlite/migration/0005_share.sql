-- The team share. A log is shared with the team unless the member says
-- otherwise; published_at is when its log.published event was queued
-- (NULL: not in the share, so the next sync publishes it if shared).
ALTER TABLE logs ADD COLUMN shared INTEGER NOT NULL DEFAULT 1 CHECK (shared IN (0, 1));
ALTER TABLE logs ADD COLUMN published_at TEXT;

-- This laptop's membership: one team at most.
CREATE TABLE share_team (
	id        INTEGER PRIMARY KEY CHECK (id = 1),
	location  TEXT NOT NULL,
	team_id   TEXT NOT NULL,
	genesis   TEXT NOT NULL DEFAULT '',
	state     TEXT NOT NULL CHECK (state IN ('pending', 'member', 'refused', 'removed')),
	joined_at TEXT NOT NULL
) STRICT;

-- The verified roster versions, so the team opens offline.
CREATE TABLE share_roster (
	version INTEGER PRIMARY KEY,
	raw     BLOB NOT NULL
) STRICT;

-- Our events waiting to be sealed into a batch, oldest first.
CREATE TABLE share_outbox (
	seq  INTEGER PRIMARY KEY AUTOINCREMENT,
	id   TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL,
	v    INTEGER NOT NULL,
	at   TEXT NOT NULL,
	data TEXT NOT NULL
) STRICT;

-- Our next batch, sealed and kept until the share has it: a retry after a
-- crash sends the very same bytes.
CREATE TABLE share_sealed (
	id        INTEGER PRIMARY KEY CHECK (id = 1),
	seq       INTEGER NOT NULL,
	hash      TEXT NOT NULL,
	raw       BLOB NOT NULL,
	event_ids TEXT NOT NULL
) STRICT;

-- Per member (ourselves included): the last batch applied (or written).
CREATE TABLE share_members (
	id            TEXT PRIMARY KEY,
	seq           INTEGER NOT NULL DEFAULT 0,
	hash          TEXT NOT NULL DEFAULT '',
	last_event_at TEXT NOT NULL DEFAULT '',
	problem       TEXT NOT NULL DEFAULT ''
) STRICT;

-- Every event received, applied or not: kinds this version does not know
-- are kept, to be applied once the app is updated. Applying is by event ID,
-- so it happens once.
CREATE TABLE share_events (
	id      TEXT PRIMARY KEY,
	author  TEXT NOT NULL,
	kind    TEXT NOT NULL,
	v       INTEGER NOT NULL,
	at      TEXT NOT NULL,
	data    TEXT NOT NULL,
	applied INTEGER NOT NULL
) STRICT;

-- Peers' stand-up logs as their events left them.
CREATE TABLE peer_logs (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	author      TEXT NOT NULL,
	uid         TEXT NOT NULL,
	day         TEXT NOT NULL,
	kind        TEXT NOT NULL CHECK (kind IN ('video', 'audio', 'text')),
	done        TEXT NOT NULL DEFAULT '',
	how         TEXT NOT NULL DEFAULT '',
	why         TEXT NOT NULL DEFAULT '',
	next        TEXT NOT NULL DEFAULT '',
	help_needed TEXT NOT NULL DEFAULT '',
	mood        INTEGER NOT NULL DEFAULT 0,
	energy      INTEGER NOT NULL DEFAULT 0,
	duration_ms INTEGER NOT NULL DEFAULT 0,
	size_bytes  INTEGER NOT NULL DEFAULT 0,
	sha256      TEXT NOT NULL DEFAULT '',
	manifest    TEXT NOT NULL DEFAULT '',
	media_path  TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	UNIQUE (author, uid)
) STRICT;

CREATE INDEX peer_logs_created ON peer_logs (created_at);
CREATE INDEX logs_unpublished ON logs (status, shared) WHERE published_at IS NULL;
