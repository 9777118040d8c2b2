-- Received events are keyed by (author, id), not by id alone: an event ID
-- is chosen by its author, so a member who copies a peer's ID into her own
-- batch must not make a reader skip the peer's event as "applied before".
-- Rows keep their author; rows of two authors never collided before, since
-- the old key let only one of them in.
CREATE TABLE share_events_by_author (
	author  TEXT NOT NULL,
	id      TEXT NOT NULL,
	kind    TEXT NOT NULL,
	v       INTEGER NOT NULL,
	at      TEXT NOT NULL,
	data    TEXT NOT NULL,
	applied INTEGER NOT NULL,
	PRIMARY KEY (author, id)
) STRICT;

INSERT INTO share_events_by_author (author, id, kind, v, at, data, applied)
	SELECT author, id, kind, v, at, data, applied FROM share_events;
DROP TABLE share_events;
ALTER TABLE share_events_by_author RENAME TO share_events;
