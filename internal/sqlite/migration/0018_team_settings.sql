-- The team's own practice (stand-up questions, the weekly session, reminder
-- defaults, its cause and agreements): every change of a key by any member,
-- ours with author '' (PROTOCOL.md §11.11). A key's value is its winning
-- change (latest at, then greatest event ID), so every laptop agrees
-- whatever order the chains arrive in; the losers stay as history. Keys this
-- app does not know are kept like the others, for a newer app.
CREATE TABLE team_setting_changes (
	author   TEXT NOT NULL,
	event_id TEXT NOT NULL,
	key      TEXT NOT NULL,
	value    TEXT NOT NULL,
	at       TEXT NOT NULL,
	PRIMARY KEY (author, event_id, key)
) STRICT;

CREATE INDEX team_setting_changes_by_key ON team_setting_changes (key, at, event_id);

-- The table's questions a log was made with (JSON; '' for a log older than
-- them: the five default questions), and the answers to questions a team
-- added (JSON object by question id; '' for none).
ALTER TABLE logs ADD COLUMN questions TEXT NOT NULL DEFAULT '';
ALTER TABLE logs ADD COLUMN extra TEXT NOT NULL DEFAULT '';
ALTER TABLE peer_logs ADD COLUMN questions TEXT NOT NULL DEFAULT '';
ALTER TABLE peer_logs ADD COLUMN extra TEXT NOT NULL DEFAULT '';
