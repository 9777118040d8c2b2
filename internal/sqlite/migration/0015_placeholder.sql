-- No change to the schema: this number belongs to another part of the app.
SELECT 1;
