-- Peers answering each other's stand-ups: comments, reactions, offers of
-- help on a log's help request, Thanks, and the activity list. As for goals,
-- author '' is this laptop's member and any other author is a peer's member
-- ID; a log is named by its author ('' for ours) and its uid.

-- Comments on a log, pinned to a moment (at_ms, NULL when not pinned), and
-- replies one level deep (reply_uid '' for a top-level comment). A deleted
-- comment keeps its row, without its text, so that its replies still have
-- their place and a late edit or reply can be told from one to nothing.
CREATE TABLE comments (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	author       TEXT NOT NULL DEFAULT '',
	uid          TEXT NOT NULL,
	log_author   TEXT NOT NULL,
	log_uid      TEXT NOT NULL,
	reply_author TEXT NOT NULL DEFAULT '',
	reply_uid    TEXT NOT NULL DEFAULT '',
	at_ms        INTEGER,
	text         TEXT NOT NULL,
	created_at   TEXT NOT NULL,
	edited_at    TEXT NOT NULL DEFAULT '',
	deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	UNIQUE (author, uid)
) STRICT;

CREATE INDEX comments_log ON comments (log_author, log_uid, created_at);
CREATE INDEX comments_uid ON comments (uid);

-- Reactions: one of each kind per member per log.
CREATE TABLE reactions (
	author     TEXT NOT NULL DEFAULT '',
	log_author TEXT NOT NULL,
	log_uid    TEXT NOT NULL,
	reaction   TEXT NOT NULL,
	at         TEXT NOT NULL,
	PRIMARY KEY (author, log_author, log_uid, reaction)
) STRICT;

CREATE INDEX reactions_log ON reactions (log_author, log_uid);

-- Offers of help on a log's help request live beside offers on goals, so
-- that one offer ID names either; goal_uid is '' for these.
ALTER TABLE goal_help_offers ADD COLUMN log_author TEXT NOT NULL DEFAULT '';
ALTER TABLE goal_help_offers ADD COLUMN log_uid TEXT NOT NULL DEFAULT '';
CREATE INDEX goal_help_offers_log ON goal_help_offers (log_author, log_uid) WHERE log_uid <> '';
CREATE INDEX goal_help_offers_uid ON goal_help_offers (uid);

-- Acceptances of offers on logs, kept even when the offer has not arrived
-- (members' chains are read in any order): an offer counts as accepted
-- once one stands here by its log's author.
CREATE TABLE help_accepts (
	by           TEXT NOT NULL,
	offer_author TEXT NOT NULL,
	offer_uid    TEXT NOT NULL,
	at           TEXT NOT NULL,
	PRIMARY KEY (by, offer_author, offer_uid)
) STRICT;

-- Thanks, from author to to_member ('' is this member either way). day is
-- the UTC date of the giving event's time, what the daily cap counts.
-- A withdrawn Thanks keeps its row (withdrawn_at set) and counts no more.
CREATE TABLE thanks (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	author       TEXT NOT NULL DEFAULT '',
	uid          TEXT NOT NULL,
	to_member    TEXT NOT NULL,
	reason       TEXT NOT NULL,
	link_kind    TEXT NOT NULL DEFAULT '' CHECK (link_kind IN ('', 'log', 'goal', 'comment', 'offer')),
	link_author  TEXT NOT NULL DEFAULT '',
	link_uid     TEXT NOT NULL DEFAULT '',
	at           TEXT NOT NULL,
	day          TEXT NOT NULL,
	edited_at    TEXT NOT NULL DEFAULT '',
	withdrawn_at TEXT NOT NULL DEFAULT '',
	UNIQUE (author, uid)
) STRICT;

CREATE INDEX thanks_cap ON thanks (author, to_member, day);
CREATE INDEX thanks_at ON thanks (at);
CREATE INDEX thanks_uid ON thanks (uid);

-- What peers did to something of this member's: private to this laptop,
-- never sent. ref_uid names the comment, offer or Thanks it is about.
CREATE TABLE activity (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	kind       TEXT NOT NULL CHECK (kind IN ('comment', 'reply', 'reaction', 'offer', 'accepted', 'thanks')),
	actor      TEXT NOT NULL,
	log_author TEXT NOT NULL DEFAULT '',
	log_uid    TEXT NOT NULL DEFAULT '',
	goal_uid   TEXT NOT NULL DEFAULT '',
	ref_uid    TEXT NOT NULL DEFAULT '',
	text       TEXT NOT NULL DEFAULT '',
	at         TEXT NOT NULL,
	read_at    TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX activity_at ON activity (at);
CREATE INDEX activity_unread ON activity (read_at) WHERE read_at = '';
CREATE INDEX activity_ref ON activity (actor, ref_uid);
