-- 002: feed sync state and the history of changes.
--
-- The feeds table learns what the scheduler needs to show (provider,
-- interval, next run, failures in a row) and whether the feed is in the
-- current configuration.  history is append-only: one row per change a
-- feed made to what it states about a model.

ALTER TABLE feeds ADD COLUMN provider TEXT;
ALTER TABLE feeds ADD COLUMN interval_s INTEGER;
ALTER TABLE feeds ADD COLUMN next_run_at TEXT;
ALTER TABLE feeds ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN configured INTEGER NOT NULL DEFAULT 1;

CREATE TABLE history (
	seq		INTEGER PRIMARY KEY AUTOINCREMENT,
	at		TEXT NOT NULL,
	feed		TEXT NOT NULL,
	provider	TEXT NOT NULL,
	id		TEXT NOT NULL,
	change		TEXT NOT NULL CHECK (change IN ('added', 'dropped',
			    'relisted', 'status', 'announced_on',
			    'shutdown_on', 'replacements')),
	old		TEXT,
	new		TEXT
);

CREATE INDEX history_at ON history (at);
