-- The video codec a peer's log declares (PROTOCOL.md §11.6, optional
-- field "codec"): "" for logs that came without it, which are VP8. The
-- player shows the table and a sentence instead of a player for a codec
-- this version or this computer cannot play.
ALTER TABLE peer_logs ADD COLUMN codec TEXT NOT NULL DEFAULT '';
