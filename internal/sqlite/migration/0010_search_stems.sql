-- Search finds other forms of a word: "rollouts" finds "rollout", "fixing"
-- finds "fixed". The porter stemmer (English) runs over unicode61, which
-- still folds case and diacritics ("resume" finds "résumé"). The index is
-- derived from logs, so it is made again from the rows; the triggers of
-- 0003 name the table, not its tokenizer, and keep working.
DROP TABLE logs_fts;

CREATE VIRTUAL TABLE logs_fts USING fts5 (
	done, how, why, next, help_needed,
	content = 'logs', content_rowid = 'id',
	tokenize = 'porter unicode61 remove_diacritics 2'
);

INSERT INTO logs_fts (logs_fts) VALUES ('rebuild');
