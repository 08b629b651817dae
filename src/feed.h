/*
 * feed.h - the registry of feed formats: one pure parser per format.
 *
 * A parser turns the bytes of a feed document into records.  It knows no
 * curl, no SQLite and no clock: the same call serves a fetched feed, a file
 * given to `sunset import`, the embedded catalog and the fuzzers.  The
 * registry is a NULL-terminated table looked up by format name, the shape of
 * OpenSMTPD's table backends.
 */
#ifndef SUNSET_FEED_H
#define SUNSET_FEED_H

#include <stddef.h>
#include <time.h>

#include "record.h"

/* A sunset-feed/1 document mirrors a whole catalog: about 300 bytes a
 * record, so 20,000 records in 6 MiB; this leaves room for ten times that. */
#define FEED_SUNSET_MAX_SIZE	(64 * 1024 * 1024)

struct feed_options {
	const char	*provider;	/* for formats that need one, or NULL */
};

/*
 * Parses len bytes of buf (need not be NUL-terminated) and appends the
 * records to out.  Returns 0, or -1 with *cause set; on error out may hold
 * a partial result, which the caller discards.
 */
typedef int (*feed_parse_fn)(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause);

struct feed_format {
	const char	*name;
	feed_parse_fn	 parse;
	int		 priority;	/* breaks ties of equal evidence */
	int		 needs_provider;
	/* The largest document fetched unless max_size = says otherwise:
	 * a sunset document holds a whole catalog, any other a page. */
	int		 max_size;
};

/* The format called name, or NULL. */
const struct feed_format *feed_format_find(const char *name);
/* The table, NULL-terminated by a {NULL} entry, for listing formats. */
extern const struct feed_format feed_formats[];

/* deprecations.info /v1/deprecations.json, old and new schema. */
int feed_deprecations_info_parse(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause);
/* modeldeprecations.dev /api/v1/models.json. */
int feed_modeldeprecations_parse(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause);
/* LiteLLM model_prices_and_context_window.json. */
int feed_litellm_parse(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause);
/* OpenRouter /api/v1/models. */
int feed_openrouter_parse(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause);
/* First-party deprecation pages as markdown; needs options->provider. */
int feed_markdown_parse(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause);

/* The "sunset" format: sunset-feed/1 documents. */
int feed_sunset_parse(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause);

/*
 * Renders records as a sunset-feed/1 document.  Each record's status is
 * the one its sources state (or null), so a reader that computes the
 * status on a day from the dates answers exactly as this program does.
 * The text is compact, or indented with tabs when pretty (for a document
 * people review, such as data/catalog.json).  Returns the text, which the
 * caller frees.
 */
char *feed_sunset_write(const struct record *v, size_t n,
    time_t generated_at, int pretty);

/* Rewrites the generated_at of a document feed_sunset_write wrote, in
 * place: the stamp has a fixed width.  Returns 0, or -1 when text has no
 * such stamp at its top. */
int feed_sunset_restamp(char *text, time_t generated_at);

#endif
