-- Holds the place of another change's migration of this number, so that
-- the numbers run on; replaced by that migration when both are merged.
SELECT 1;
