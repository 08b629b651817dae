-- 007: the alerts' outbox and where each alert stands in the history.
--
-- outbox holds one row per event an alert is to deliver, keyed by its
-- event id: "msg_" and the hex SHA-256 of (alert, provider, model, event,
-- date), so evaluating again (after a restart, a crash or a reload) meets
-- the row already there (INSERT OR IGNORE) and never makes a second id
-- for one event.  body is the exact payload, so a retry sends the same
-- bytes.  state is pending until a receiver answers 2xx (delivered) or
-- the retries run out (failed).  Times are ISO 8601 UTC, like history.at.
--
-- alert_watermarks: the newest history row each alert has considered,
-- set to the newest row when the alert is first seen, so a new alert
-- never replays old history.

CREATE TABLE outbox (
	id		TEXT PRIMARY KEY,
	alert		TEXT NOT NULL,
	provider	TEXT NOT NULL,
	model		TEXT NOT NULL,
	event		TEXT NOT NULL,
	date		TEXT NOT NULL,
	threshold	INTEGER,	-- days, threshold events only
	content_type	TEXT NOT NULL,
	body		TEXT NOT NULL,
	created		TEXT NOT NULL,
	attempts	INTEGER NOT NULL DEFAULT 0,
	next_attempt	TEXT NOT NULL,
	delivered_at	TEXT,
	last_status	INTEGER,
	last_error	TEXT,
	state		TEXT NOT NULL DEFAULT 'pending'
			    CHECK (state IN ('pending', 'delivered', 'failed'))
) WITHOUT ROWID;

CREATE INDEX outbox_due ON outbox (state, next_attempt);
CREATE INDEX outbox_created ON outbox (created);

CREATE TABLE alert_watermarks (
	alert		TEXT PRIMARY KEY,
	seq		INTEGER NOT NULL
) WITHOUT ROWID;
