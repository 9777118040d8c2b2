-- The latest time this member put on an event it queued. Readers refuse a
-- Thanks dated before an earlier event of its author (so that a Thanks
-- cannot be dated back into a day, or a 10-minute window, already past), so
-- the writer never dates an event before the one it queued last, even when
-- the laptop's clock steps back.
CREATE TABLE share_clock (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	last_at TEXT NOT NULL
) STRICT;

INSERT INTO share_clock (id, last_at) SELECT 1, max(at) FROM share_outbox HAVING count(*) > 0;
