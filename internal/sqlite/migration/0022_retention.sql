-- Retention of recordings in the team share (PROTOCOL.md §11.6, §12).
-- Our own logs keep the manifest they were published with, so that their
-- chunks can be found again and deleted from the share without reading our
-- own batches back; a pinned log is never expired; expire_state says how far
-- the expiry of its recording went: '' not expired, 'queued' (the
-- log.media_expired event is queued, chunks may still be in the share),
-- 'done' (the event was sent and the chunks deleted).
ALTER TABLE logs ADD COLUMN manifest TEXT NOT NULL DEFAULT '';
ALTER TABLE logs ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE logs ADD COLUMN expire_state TEXT NOT NULL DEFAULT '' CHECK (expire_state IN ('', 'queued', 'done'));
ALTER TABLE logs ADD COLUMN expire_event TEXT NOT NULL DEFAULT '';
CREATE INDEX logs_retention ON logs (created_at) WHERE published_at IS NOT NULL AND manifest <> '' AND expire_state <> 'done';

-- A peer's log whose author pinned it, or expired its recording (the
-- author's time of the log.media_expired event, '' while it is in the share).
ALTER TABLE peer_logs ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE peer_logs ADD COLUMN media_expired_at TEXT NOT NULL DEFAULT '';
