-- Contribution reports. The member's own, one per period, are written
-- from the member's data each time they are read; only the member's own
-- words and the choice to share are kept. shared_at is '' while the report
-- is the member's alone.
CREATE TABLE reports (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	uid        TEXT NOT NULL UNIQUE,
	from_day   TEXT NOT NULL,
	to_day     TEXT NOT NULL,
	words      TEXT NOT NULL DEFAULT '',
	shared_at  TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (from_day, to_day)
) STRICT;

-- Teammates' reports as they shared them, word for word (sections: JSON
-- [{title, paragraphs}]); a report taken back is deleted.
CREATE TABLE peer_reports (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	author    TEXT NOT NULL,
	uid       TEXT NOT NULL,
	from_day  TEXT NOT NULL,
	to_day    TEXT NOT NULL,
	sections  TEXT NOT NULL,
	words     TEXT NOT NULL DEFAULT '',
	shared_at TEXT NOT NULL,
	UNIQUE (author, uid)
) STRICT;
CREATE INDEX peer_reports_uid ON peer_reports (uid);
