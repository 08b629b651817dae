-- 006: the usage inventory: which models are in use, and who said so.
--
-- One row per (provider, id, origin).  origin is "query" for the
-- daemon's own count of what its answers resolved to, or the label of an
-- inventory report ("report:NAME", from sunset scan --report).  The
-- daemon counts in memory and adds its counts here every usage_flush
-- seconds and at shutdown, never per request.  A model is in use when
-- one of its rows was last seen within the window asked about
-- (GET /v1/usage?days=N; alerts' only_used takes 30 days).

CREATE TABLE usage (
	provider	TEXT NOT NULL,
	id		TEXT NOT NULL,
	origin		TEXT NOT NULL,
	first_seen	TEXT NOT NULL,	-- ISO 8601 UTC, like history.at
	last_seen	TEXT NOT NULL,
	count		INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (provider, id, origin)
) WITHOUT ROWID;

CREATE INDEX usage_last_seen ON usage (last_seen);
