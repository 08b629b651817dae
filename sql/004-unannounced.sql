-- 004: authority.  A source may state that no shutdown date is announced
-- (shutdown_kind 'unannounced'), which clears weaker sources' dates; a
-- sunset catalog names the evidence each field of a record rests on
-- (evidence: {"status": 60, ...}, the classes of merge.h), which its
-- statement relays.  A price list may state what audio tokens cost
-- (audio_input_per_mtok, audio_output_per_mtok), unknown for old rows.
-- SQLite cannot change a CHECK constraint in place: the table is rebuilt
-- with the same rows.

CREATE TABLE statements_new (
	feed		TEXT NOT NULL REFERENCES feeds (name) ON DELETE CASCADE,
	provider	TEXT NOT NULL,
	id		TEXT NOT NULL,
	aliases		TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases)),
	status		TEXT CHECK (status IN
			    ('active', 'legacy', 'deprecated', 'retired')),
	announced_on	TEXT CHECK (announced_on IS date(announced_on)),
	shutdown_on	TEXT CHECK (shutdown_on IS date(shutdown_on)),
	shutdown_kind	TEXT CHECK (shutdown_kind IN
			    ('firm', 'earliest', 'unannounced')),
	replacements	TEXT NOT NULL DEFAULT '[]'
			    CHECK (json_valid(replacements)),
	kind		TEXT,
	scope		TEXT,
	sources		TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sources)),
	first_seen	TEXT NOT NULL,
	last_seen	TEXT NOT NULL,
	listed		INTEGER NOT NULL DEFAULT 1,
	input_per_mtok	REAL,
	output_per_mtok	REAL,
	audio_input_per_mtok REAL,
	audio_output_per_mtok REAL,
	evidence	TEXT CHECK (evidence IS NULL OR json_valid(evidence)),
	PRIMARY KEY (feed, provider, id)
) WITHOUT ROWID;

INSERT INTO statements_new (feed, provider, id, aliases, status,
    announced_on, shutdown_on, shutdown_kind, replacements, kind, scope,
    sources, first_seen, last_seen, listed, input_per_mtok, output_per_mtok,
    audio_input_per_mtok, audio_output_per_mtok)
SELECT feed, provider, id, aliases, status, announced_on, shutdown_on,
    shutdown_kind, replacements, kind, scope, sources, first_seen, last_seen,
    listed, input_per_mtok, output_per_mtok, NULL, NULL
FROM statements;

DROP TABLE statements;
ALTER TABLE statements_new RENAME TO statements;
CREATE INDEX statements_model ON statements (provider, id);
