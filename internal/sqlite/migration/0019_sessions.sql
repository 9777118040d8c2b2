-- The weekly team session and its experiments. Unlike the answers' tables,
-- every author here is a full member ID, ours included: items, votes and
-- notes name each other across members, and one spelling keeps those
-- references plain.

-- A session, named by its day, with the parts it was created with (JSON
-- [{name, minutes}]): a session keeps its parts when the team's defaults
-- change later.
CREATE TABLE team_sessions (
	day        TEXT PRIMARY KEY,
	parts      TEXT NOT NULL,
	created_at TEXT NOT NULL
) STRICT;

-- Items members add to a part before the session. A deleted item keeps its
-- row without its text, so a late edit cannot bring it back.
CREATE TABLE session_items (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	author     TEXT NOT NULL,
	uid        TEXT NOT NULL,
	session    TEXT NOT NULL,
	part       INTEGER NOT NULL CHECK (part >= 0),
	text       TEXT NOT NULL,
	created_at TEXT NOT NULL,
	edited_at  TEXT NOT NULL DEFAULT '',
	deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	UNIQUE (author, uid)
) STRICT;
CREATE INDEX session_items_session ON session_items (session, part, created_at);
CREATE INDEX session_items_uid ON session_items (uid);

CREATE TABLE session_comments (
	author      TEXT NOT NULL,
	uid         TEXT NOT NULL,
	item_author TEXT NOT NULL,
	item_uid    TEXT NOT NULL,
	text        TEXT NOT NULL,
	at          TEXT NOT NULL,
	PRIMARY KEY (author, uid)
) STRICT;
CREATE INDEX session_comments_item ON session_comments (item_author, item_uid, at);

-- Each member's dots in one part (JSON [{author, uid}], at most three):
-- the last vote replaces the earlier ones, so a member counts once.
CREATE TABLE session_votes (
	author  TEXT NOT NULL,
	session TEXT NOT NULL,
	part    INTEGER NOT NULL,
	dots    TEXT NOT NULL,
	at      TEXT NOT NULL,
	PRIMARY KEY (session, part, author)
) STRICT;

-- Revisions of notes and decisions. The note's text is each revision no
-- other revision names as prev: one, or several written at once.
CREATE TABLE session_notes (
	author  TEXT NOT NULL,
	rev     TEXT NOT NULL,
	uid     TEXT NOT NULL,
	prev    TEXT NOT NULL DEFAULT '',
	session TEXT NOT NULL,
	part    INTEGER NOT NULL,
	kind    TEXT NOT NULL CHECK (kind IN ('note', 'decision')),
	text    TEXT NOT NULL,
	at      TEXT NOT NULL,
	PRIMARY KEY (author, rev)
) STRICT;
CREATE INDEX session_notes_session ON session_notes (session, part, uid);

CREATE TABLE experiments (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	author      TEXT NOT NULL,
	uid         TEXT NOT NULL,
	session     TEXT NOT NULL,
	item_author TEXT NOT NULL DEFAULT '',
	item_uid    TEXT NOT NULL DEFAULT '',
	hypothesis  TEXT NOT NULL,
	owner       TEXT NOT NULL,
	measure     TEXT NOT NULL,
	end_day     TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	UNIQUE (author, uid)
) STRICT;
CREATE INDEX experiments_uid ON experiments (uid);

-- What came of an experiment or a success moment, one per member and
-- target: the latest one said is shown.
CREATE TABLE session_outcomes (
	author        TEXT NOT NULL,
	of            TEXT NOT NULL CHECK (of IN ('experiment', 'moment')),
	target_author TEXT NOT NULL,
	target_uid    TEXT NOT NULL,
	session       TEXT NOT NULL,
	result        TEXT NOT NULL,
	note          TEXT NOT NULL,
	at            TEXT NOT NULL,
	PRIMARY KEY (of, target_author, target_uid, author)
) STRICT;
