-- 005: when the catalog last changed.  One row: a hash of the merged
-- catalog as a mirror reads it (GET /v1/export without its generated_at)
-- and the time that content was first written, which the export states
-- as its generated_at and Last-Modified.  The same catalog keeps the same
-- time across restarts, so a mirror's conditional GET meets a 304 until
-- the content really changes.

CREATE TABLE catalog_state (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	content_hash	TEXT NOT NULL,
	changed_at	TEXT NOT NULL
);
