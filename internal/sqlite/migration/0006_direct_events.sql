-- Events for some members only: the members (hex IDs, space-separated)
-- who may read an outbox event; empty for the whole team. The sync engine
-- seals such an event to their keys when it seals the batch.
ALTER TABLE share_outbox ADD COLUMN recipients TEXT NOT NULL DEFAULT '';
