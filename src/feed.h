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

/*
 * The model ids a provider's model-list API says the account may call
 * (feed_options.account): what the usage inventory records for it.
 */
struct feed_account {
	char	**ids;
	size_t	  n;
	size_t	  cap;
};

/* Appends a copy of id, unless the list has it already (exactly). */
void feed_account_add(struct feed_account *a, const char *id);
/* Frees what a holds; a is left empty. */
void feed_account_clear(struct feed_account *a);

struct feed_options {
	const char	*provider;	/* for formats that need one, or NULL */
	/* The model-list APIs (feed_format.api != NULL) only: */
	const char	*region;	/* bedrock-models: the region asked */
	/* When not NULL, the ids the document says the account may call
	 * are appended here. */
	struct feed_account *account;
	/* When not NULL, set to the cursor of the next page (a new string),
	 * or NULL when this document is the last page. */
	char		**next;
};

/*
 * Parses len bytes of buf (need not be NUL-terminated) and appends the
 * records to out.  Returns 0, or -1 with *cause set; on error out may hold
 * a partial result, which the caller discards.
 */
typedef int (*feed_parse_fn)(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause);

/*
 * How a provider's model-list API is asked (modelapi.c does the asking):
 * its records are first-party evidence for that provider (design section
 * 4), it needs a key, and it may take several requests: one a region, or
 * one a page.
 */
enum feed_auth {
	FEED_AUTH_BEARER,	/* Authorization: Bearer KEY */
	FEED_AUTH_X_API_KEY,	/* x-api-key: KEY */
	FEED_AUTH_API_KEY,	/* api-key: KEY */
	FEED_AUTH_SIGV4		/* AWS Signature Version 4 */
};

struct feed_api {
	const char	*provider;	/* whose API it is */
	/* The URL unless url = says otherwise; "{region}" is replaced by
	 * each region asked.  NULL: url = is required. */
	const char	*default_url;
	enum feed_auth	 auth;
	const char	*sigv4_service;	/* FEED_AUTH_SIGV4: "bedrock" */
	const char	*header;	/* sent as is, or NULL */
	/* The query parameters that ask for the next page (with the cursor
	 * feed_options.next gave) and for the largest page, or NULL. */
	const char	*page_param;
	const char	*page_size;	/* "limit=1000", or NULL */
	/* Folds what several regions say of one model into one record
	 * (feed_dedupe's better), or NULL when there are no regions. */
	int		(*better)(const struct record *a,
			    const struct record *b);
};

struct feed_format {
	const char	*name;
	feed_parse_fn	 parse;
	int		 priority;	/* breaks ties of equal evidence */
	int		 needs_provider;
	/* The largest document fetched unless max_size = says otherwise:
	 * a sunset document holds a whole catalog, any other a page. */
	int		 max_size;
	const struct feed_api *api;	/* a model-list API, or NULL */
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

/*
 * The providers' model-list APIs.  Each states the provider's own word
 * about its models (never needs options->provider) and fills
 * options->account and options->next when asked.
 */
/* OpenAI GET /v1/models. */
int feed_openai_models_parse(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause);
/* Mistral GET /v1/models. */
int feed_mistral_models_parse(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause);
/* Amazon Bedrock ListFoundationModels, of options->region. */
int feed_bedrock_models_parse(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause);
/* Prefers what one region says of a model to what another says: the
 * earlier firm shutdown, then the graver status. */
int feed_bedrock_models_better(const struct record *a,
    const struct record *b);
/* Azure OpenAI GET {endpoint}/openai/models. */
int feed_azure_models_parse(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause);
/* Anthropic GET /v1/models: the account's models only, no records. */
int feed_anthropic_models_parse(const char *buf, size_t len,
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
