-- Items, dots and notes name their part by its id in the team's parts
-- (PROTOCOL.md §11.12), so that a team that renames, reorders, adds or
-- drops parts keeps each item where it was. Everything stored before had
-- the five default parts, so its index gives the default part's id. The
-- parts of a session now come from the team settings, and team_sessions
-- is no longer read.
ALTER TABLE session_items ADD COLUMN part_id TEXT NOT NULL DEFAULT '';
UPDATE session_items SET part_id = CASE part WHEN 0 THEN 'moments' WHEN 1 THEN 'experiments' WHEN 2 THEN 'accelerate'
	WHEN 3 THEN 'rethink' WHEN 4 THEN 'stories' ELSE 'p' || (part + 1) END;
CREATE INDEX session_items_part ON session_items (session, part_id, created_at);

ALTER TABLE session_notes ADD COLUMN part_id TEXT NOT NULL DEFAULT '';
UPDATE session_notes SET part_id = CASE part WHEN 0 THEN 'moments' WHEN 1 THEN 'experiments' WHEN 2 THEN 'accelerate'
	WHEN 3 THEN 'rethink' WHEN 4 THEN 'stories' ELSE 'p' || (part + 1) END;

-- A member's dots are per part id now: two parts may swap places.
CREATE TABLE session_votes_new (
	author  TEXT NOT NULL,
	session TEXT NOT NULL,
	part_id TEXT NOT NULL,
	dots    TEXT NOT NULL,
	at      TEXT NOT NULL,
	PRIMARY KEY (session, part_id, author)
) STRICT;
INSERT INTO session_votes_new (author, session, part_id, dots, at)
	SELECT author, session, CASE part WHEN 0 THEN 'moments' WHEN 1 THEN 'experiments' WHEN 2 THEN 'accelerate'
		WHEN 3 THEN 'rethink' WHEN 4 THEN 'stories' ELSE 'p' || (part + 1) END, dots, at FROM session_votes;
DROP TABLE session_votes;
ALTER TABLE session_votes_new RENAME TO session_votes;

-- Comments on items are edited and deleted by their author; a deleted one
-- keeps its row without its text, so a late edit cannot bring it back.
ALTER TABLE session_comments ADD COLUMN edited_at TEXT NOT NULL DEFAULT '';
ALTER TABLE session_comments ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1));
