-- Whether this member has published their copy of a conversation to the
-- team (a conversation.shared not yet taken back by a conversation.unshared).
ALTER TABLE goal_conversations ADD COLUMN team_shared INTEGER NOT NULL DEFAULT 0;

-- Conversations between two other members, one row per copy a member
-- published. A conversation is shown only while both of its members' copies
-- stand: one member alone can never make the other's words visible.
CREATE TABLE shared_conversations (
	author      TEXT NOT NULL,
	uid         TEXT NOT NULL,
	with_member TEXT NOT NULL,
	author_role TEXT NOT NULL CHECK (author_role IN ('coach', 'coachee')),
	day         TEXT NOT NULL,
	agenda      TEXT NOT NULL DEFAULT '[]',
	notes       TEXT NOT NULL DEFAULT '',
	updated_at  TEXT NOT NULL,
	PRIMARY KEY (author, uid)
) STRICT;

CREATE INDEX shared_conversations_uid ON shared_conversations (uid);
