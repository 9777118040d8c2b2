-- The reflection under way, so that a crash, a power cut or a forced quit
-- does not lose it: one row at most, gone once its journal entry is saved
-- or the timer is reset. Times are RFC 3339; run_started_at is '' unless
-- the timer runs, and before_ms is what earlier runs (before a pause) counted.
CREATE TABLE growth_timer (
	id              INTEGER PRIMARY KEY CHECK (id = 1),
	phase           TEXT    NOT NULL CHECK (phase IN ('running', 'paused', 'done')),
	planned_minutes INTEGER NOT NULL CHECK (planned_minutes BETWEEN 1 AND 240),
	started_at      TEXT    NOT NULL,
	run_started_at  TEXT    NOT NULL DEFAULT '',
	before_ms       INTEGER NOT NULL DEFAULT 0 CHECK (before_ms >= 0),
	ended           INTEGER NOT NULL DEFAULT 0,
	updated_at      TEXT    NOT NULL
) STRICT;
