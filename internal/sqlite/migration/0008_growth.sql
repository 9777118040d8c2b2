-- Growth: private by default. Nothing here is shared unless the member
-- shares a session summary, publishes a framework or asks a peer.

-- Every version of every framework, so an assessment is always shown
-- against the version it used. uid "default" is the built-in one.
CREATE TABLE growth_frameworks (
	id         INTEGER PRIMARY KEY,
	uid        TEXT    NOT NULL,
	version    INTEGER NOT NULL,
	name       TEXT    NOT NULL,
	source     TEXT    NOT NULL CHECK (source IN ('default', 'local', 'team')),
	author     TEXT    NOT NULL DEFAULT '', -- hex member ID of a team framework's publisher
	groups     TEXT    NOT NULL,            -- JSON list of groups
	created_at TEXT    NOT NULL,
	UNIQUE (uid, version)
) STRICT;

-- Self-assessment sessions: finished_at NULL while in progress.
CREATE TABLE growth_sessions (
	id                INTEGER PRIMARY KEY,
	uid               TEXT    NOT NULL UNIQUE,
	framework_uid     TEXT    NOT NULL,
	framework_version INTEGER NOT NULL,
	started_at        TEXT    NOT NULL,
	finished_at       TEXT,
	day               TEXT    NOT NULL,
	shared            INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
	FOREIGN KEY (framework_uid, framework_version) REFERENCES growth_frameworks (uid, version)
) STRICT;

-- Each answer is its own row, written as it is given: a session cut short
-- keeps every answer given so far.
CREATE TABLE growth_answers (
	session_id INTEGER NOT NULL REFERENCES growth_sessions (id) ON DELETE CASCADE,
	item_id    TEXT    NOT NULL,
	level      INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
	evidence   TEXT    NOT NULL DEFAULT '',
	at         TEXT    NOT NULL,
	PRIMARY KEY (session_id, item_id)
) STRICT;

-- Our requests for a peer's view of some items, and their answers.
CREATE TABLE growth_peer_asks (
	uid         TEXT PRIMARY KEY,
	peer        TEXT NOT NULL,
	item_ids    TEXT NOT NULL, -- JSON list
	asked_at    TEXT NOT NULL,
	answered_at TEXT,
	answers     TEXT NOT NULL DEFAULT '[]'
) STRICT;

-- Peers' requests for our view of their items.
CREATE TABLE growth_peer_requests (
	uid      TEXT NOT NULL,
	author   TEXT NOT NULL,
	items    TEXT NOT NULL, -- JSON list of framework items
	asked_at TEXT NOT NULL,
	answered INTEGER NOT NULL DEFAULT 0 CHECK (answered IN (0, 1)),
	PRIMARY KEY (author, uid)
) STRICT;

-- Session summaries peers chose to share with the team.
CREATE TABLE growth_peer_sessions (
	author            TEXT    NOT NULL,
	uid               TEXT    NOT NULL,
	framework_uid     TEXT    NOT NULL,
	framework_version INTEGER NOT NULL,
	day               TEXT    NOT NULL,
	levels            TEXT    NOT NULL, -- JSON list of {itemId, level}
	PRIMARY KEY (author, uid)
) STRICT;

CREATE TABLE growth_plans (
	id         INTEGER PRIMARY KEY,
	item_ids   TEXT    NOT NULL DEFAULT '[]',
	why        TEXT    NOT NULL DEFAULT '',
	actions    TEXT    NOT NULL DEFAULT '[]',
	resources  TEXT    NOT NULL DEFAULT '[]',
	target     TEXT    NOT NULL DEFAULT '',
	goal_id    INTEGER NOT NULL DEFAULT 0,
	done       INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
	updated_at TEXT    NOT NULL
) STRICT;

CREATE TABLE growth_learning (
	id         INTEGER PRIMARY KEY,
	day        TEXT    NOT NULL,
	kind       TEXT    NOT NULL CHECK (kind IN ('read', 'listened', 'watched', 'practised')),
	what       TEXT    NOT NULL,
	minutes    INTEGER NOT NULL CHECK (minutes > 0),
	takeaways  TEXT    NOT NULL DEFAULT '',
	item_ids   TEXT    NOT NULL DEFAULT '[]',
	created_at TEXT    NOT NULL
) STRICT;
CREATE INDEX growth_learning_day ON growth_learning (day);

CREATE TABLE growth_basics (
	id       INTEGER PRIMARY KEY,
	title    TEXT    NOT NULL,
	archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
	ord      INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE growth_ticks (
	basic_id INTEGER NOT NULL REFERENCES growth_basics (id) ON DELETE CASCADE,
	day      TEXT    NOT NULL,
	PRIMARY KEY (basic_id, day)
) STRICT;
CREATE INDEX growth_ticks_day ON growth_ticks (day);

CREATE TABLE growth_reflections (
	id         INTEGER PRIMARY KEY,
	day        TEXT    NOT NULL,
	started_at TEXT    NOT NULL,
	minutes    INTEGER NOT NULL DEFAULT 0,
	prompt     TEXT    NOT NULL DEFAULT '',
	note       TEXT    NOT NULL DEFAULT '',
	updated_at TEXT    NOT NULL
) STRICT;
CREATE INDEX growth_reflections_day ON growth_reflections (day);
