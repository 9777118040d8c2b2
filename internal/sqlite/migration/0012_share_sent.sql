-- Our batches as sealed and written, kept after the share confirmed them:
-- a batch damaged in the share (a bad disk, a sync tool, a hand) can only
-- be put back by its author, from these very bytes, since resealing gives
-- other bytes and another hash, which would break the chain after it.
CREATE TABLE share_sent (
	seq  INTEGER PRIMARY KEY,
	hash TEXT NOT NULL,
	raw  BLOB NOT NULL
) STRICT;
