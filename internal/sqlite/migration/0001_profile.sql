-- The member using this laptop. One row at most: the CHECK makes a second
-- profile impossible rather than merely unused.
CREATE TABLE profile (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	member_id  TEXT    NOT NULL UNIQUE,
	name       TEXT    NOT NULL CHECK (name <> ''),
	role       TEXT    NOT NULL DEFAULT '',
	team_name  TEXT    NOT NULL DEFAULT '',
	created_at TEXT    NOT NULL,
	updated_at TEXT    NOT NULL
) STRICT;
