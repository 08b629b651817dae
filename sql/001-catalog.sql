-- 001: the catalog.
--
-- The catalog keeps what each feed said (statements), not a merged view:
-- the merge by feed priority is computed when the in-memory snapshot is
-- built, so a change of priorities or a removed feed never needs a data
-- migration.  A statement a feed stops listing is kept (listed = 0).

CREATE TABLE feeds (
	name		TEXT PRIMARY KEY,
	format		TEXT NOT NULL,
	url		TEXT,
	priority	INTEGER NOT NULL,
	records		INTEGER NOT NULL DEFAULT 0,
	etag		TEXT,
	last_modified	TEXT,
	last_attempt_at	TEXT,
	last_success_at	TEXT,
	http_status	INTEGER,
	last_error	TEXT
);

CREATE TABLE statements (
	feed		TEXT NOT NULL REFERENCES feeds (name) ON DELETE CASCADE,
	provider	TEXT NOT NULL,
	id		TEXT NOT NULL,
	aliases		TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases)),
	status		TEXT CHECK (status IN
			    ('active', 'legacy', 'deprecated', 'retired')),
	announced_on	TEXT CHECK (announced_on IS date(announced_on)),
	shutdown_on	TEXT CHECK (shutdown_on IS date(shutdown_on)),
	shutdown_kind	TEXT CHECK (shutdown_kind IN ('firm', 'earliest')),
	replacements	TEXT NOT NULL DEFAULT '[]'
			    CHECK (json_valid(replacements)),
	kind		TEXT,
	scope		TEXT,
	sources		TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sources)),
	first_seen	TEXT NOT NULL,
	last_seen	TEXT NOT NULL,
	listed		INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (feed, provider, id)
) WITHOUT ROWID;

CREATE INDEX statements_model ON statements (provider, id);
