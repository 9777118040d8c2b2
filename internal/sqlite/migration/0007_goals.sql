-- Goals: the member's own (author '') and peers' team goals (author = their
-- member ID) in one table, so the list and the alignment tree are one query.
-- A uid names a goal beyond this laptop; it is unique per author, and a
-- peer's event can only ever touch rows of its own author.
CREATE TABLE goals (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	author        TEXT NOT NULL DEFAULT '',
	uid           TEXT NOT NULL CHECK (length(uid) = 32),
	owner         TEXT NOT NULL DEFAULT '',
	title         TEXT NOT NULL,
	kind          TEXT NOT NULL CHECK (kind IN ('result', 'action', 'behaviour')),
	description   TEXT NOT NULL DEFAULT '',
	measure       TEXT NOT NULL DEFAULT '{}', -- JSON of Measure
	confidence    INTEGER NOT NULL DEFAULT 0 CHECK (confidence BETWEEN 0 AND 5),
	due           TEXT NOT NULL DEFAULT '',
	contributors  TEXT NOT NULL DEFAULT '[]', -- JSON list of member IDs
	level         TEXT NOT NULL CHECK (level IN ('personal', 'team', 'organisation')),
	parent_uid    TEXT NOT NULL DEFAULT '',
	outcome_id    TEXT NOT NULL DEFAULT '',
	outcome_title TEXT NOT NULL DEFAULT '',
	visibility    TEXT NOT NULL CHECK (visibility IN ('team', 'private')),
	status        TEXT NOT NULL CHECK (status IN ('on_track', 'at_risk', 'off_track', 'achieved', 'dropped')),
	status_reason TEXT NOT NULL DEFAULT '',
	need_help     TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	-- Kept by the triggers below, so the list reads no check-ins at all.
	checkins        INTEGER NOT NULL DEFAULT 0,
	last_checkin_at TEXT NOT NULL DEFAULT '',
	open_offers     INTEGER NOT NULL DEFAULT 0,
	UNIQUE (author, uid)
) STRICT;

-- Children of a goal (delete, tree checks) and the private-goal checks.
CREATE INDEX goals_parent ON goals (parent_uid);
CREATE INDEX goals_uid ON goals (uid);

-- Check-ins: author '' for ours; goal_author as the goal's author column.
-- The (goal_author, goal_uid, at) index gives a goal's history in order and
-- keeps the counters' triggers to one goal's entries.
CREATE TABLE goal_checkins (
	id              INTEGER PRIMARY KEY AUTOINCREMENT,
	author          TEXT NOT NULL DEFAULT '',
	uid             TEXT NOT NULL,
	goal_author     TEXT NOT NULL,
	goal_uid        TEXT NOT NULL,
	at              TEXT NOT NULL,
	value           REAL NOT NULL DEFAULT 0,
	milestones_done TEXT NOT NULL DEFAULT '[]',
	confidence      INTEGER NOT NULL DEFAULT 0,
	note            TEXT NOT NULL DEFAULT '',
	UNIQUE (author, uid)
) STRICT;

CREATE INDEX goal_checkins_goal ON goal_checkins (goal_author, goal_uid, at);
CREATE INDEX goal_checkins_at ON goal_checkins (at);

-- Offers of help: author '' for ours; accepted_at '' while open.
CREATE TABLE goal_help_offers (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	author      TEXT NOT NULL DEFAULT '',
	uid         TEXT NOT NULL,
	goal_author TEXT NOT NULL,
	goal_uid    TEXT NOT NULL,
	text        TEXT NOT NULL,
	at          TEXT NOT NULL,
	accepted_at TEXT NOT NULL DEFAULT '',
	UNIQUE (author, uid)
) STRICT;

CREATE INDEX goal_help_offers_goal ON goal_help_offers (goal_author, goal_uid, accepted_at);

-- The member's job outcomes (profile): what the role exists for.
CREATE TABLE job_outcomes (
	id          TEXT PRIMARY KEY,
	position    INTEGER NOT NULL,
	kind        TEXT NOT NULL CHECK (kind IN ('deliverable', 'process', 'impact')),
	title       TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT ''
) STRICT;

-- "Worked on": a stand-up log of ours linked to a goal (ours or a peer's).
CREATE TABLE goal_logs (
	log_id      INTEGER NOT NULL REFERENCES logs (id) ON DELETE CASCADE,
	goal_author TEXT NOT NULL,
	goal_uid    TEXT NOT NULL,
	PRIMARY KEY (log_id, goal_author, goal_uid)
) STRICT;

CREATE INDEX goal_logs_goal ON goal_logs (goal_author, goal_uid);

-- "Worked on" links of peers' logs, as their log events carry them: goal
-- uids alone (a uid is one goal across the team).
CREATE TABLE peer_log_goals (
	log_author TEXT NOT NULL,
	log_uid    TEXT NOT NULL,
	goal_uid   TEXT NOT NULL,
	PRIMARY KEY (log_author, log_uid, goal_uid)
) STRICT;

CREATE INDEX peer_log_goals_goal ON peer_log_goals (goal_uid);

-- Check-in conversations between this member and one other. A note is
-- named by its uid alone (either member may edit it); the later edit wins.
CREATE TABLE goal_conversations (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	uid          TEXT NOT NULL UNIQUE,
	with_member  TEXT NOT NULL,
	my_role      TEXT NOT NULL CHECK (my_role IN ('coach', 'coachee')),
	day          TEXT NOT NULL,
	agenda       TEXT NOT NULL DEFAULT '[]',
	notes        TEXT NOT NULL DEFAULT '',
	share_mine   INTEGER NOT NULL DEFAULT 0,
	share_theirs INTEGER NOT NULL DEFAULT 0,
	updated_at   TEXT NOT NULL
) STRICT;

CREATE INDEX goal_conversations_with ON goal_conversations (with_member, day);

-- The goals' counts follow their check-ins and offers. A goal row made
-- after its check-ins (a goal shared again) counts what is there.
CREATE TRIGGER goal_checkins_ai AFTER INSERT ON goal_checkins BEGIN
	UPDATE goals SET checkins = checkins + 1, last_checkin_at = max(last_checkin_at, new.at)
	WHERE author = new.goal_author AND uid = new.goal_uid;
END;

CREATE TRIGGER goal_checkins_ad AFTER DELETE ON goal_checkins BEGIN
	UPDATE goals SET checkins = checkins - 1, last_checkin_at = COALESCE((SELECT max(at) FROM goal_checkins
		WHERE goal_author = old.goal_author AND goal_uid = old.goal_uid), '')
	WHERE author = old.goal_author AND uid = old.goal_uid;
END;

CREATE TRIGGER goal_help_offers_ai AFTER INSERT ON goal_help_offers WHEN new.accepted_at = '' BEGIN
	UPDATE goals SET open_offers = open_offers + 1 WHERE author = new.goal_author AND uid = new.goal_uid;
END;

CREATE TRIGGER goal_help_offers_ad AFTER DELETE ON goal_help_offers WHEN old.accepted_at = '' BEGIN
	UPDATE goals SET open_offers = open_offers - 1 WHERE author = old.goal_author AND uid = old.goal_uid;
END;

CREATE TRIGGER goal_help_offers_au AFTER UPDATE OF accepted_at ON goal_help_offers
WHEN old.accepted_at = '' AND new.accepted_at <> '' BEGIN
	UPDATE goals SET open_offers = open_offers - 1 WHERE author = new.goal_author AND uid = new.goal_uid;
END;

CREATE TRIGGER goals_ai AFTER INSERT ON goals BEGIN
	UPDATE goals SET
		checkins = (SELECT count(*) FROM goal_checkins WHERE goal_author = new.author AND goal_uid = new.uid),
		last_checkin_at = COALESCE((SELECT max(at) FROM goal_checkins WHERE goal_author = new.author AND goal_uid = new.uid), ''),
		open_offers = (SELECT count(*) FROM goal_help_offers WHERE goal_author = new.author AND goal_uid = new.uid AND accepted_at = '')
	WHERE id = new.id;
END;
