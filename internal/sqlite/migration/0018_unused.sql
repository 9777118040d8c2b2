-- This schema step changes nothing: its number is kept for another change.
SELECT 1;
