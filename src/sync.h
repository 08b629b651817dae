/*
 * sync.h - one feed, end to end: fetch, parse, apply, record the outcome;
 * and the built-in catalog, which is a feed whose document is compiled in.
 */
#ifndef SUNSET_SYNC_H
#define SUNSET_SYNC_H

#include <stddef.h>
#include <time.h>

#include "feed.h"

struct catalog;
struct conf;
struct conf_feed;

enum sync_outcome {
	SYNC_UPDATED,	/* a new document was applied */
	SYNC_UNCHANGED,	/* 304 */
	SYNC_FAILED,	/* the catalog is as it was; the error is recorded */
	SYNC_ABORTED	/* cut short by the tick: nothing is recorded */
};

struct sync_result {
	enum sync_outcome	 outcome;
	long			 http_status;
	size_t			 records;	/* in the document applied */
	char			*error;		/* FAILED, ABORTED: caller frees */
	/* FAILED on a 429 or 503: the wait the upstream asked for
	 * (Retry-After), in seconds; 0: none. */
	long			 retry_after;
	/* UPDATED by a model-list API: the ids the account may call
	 * (feed_account_clear frees them). */
	struct feed_account	 account;
};

/* Tells the catalog which feeds conf has (catalog_configure).  Returns 0
 * or -1 with *cause set. */
int sync_configure(struct catalog *cat, const struct conf *conf,
    char **cause);

/* Trust anchors added for fetches (tests use a private CA); NULL: none. */
void sync_set_ca_file(const char *path);

/* What fetches call while they run: tick (NULL: nothing) at least once a
 * second and as soon as wake_fd (> 0) is readable; a nonzero return cuts
 * the fetch short (fetch_request.tick). */
void sync_set_tick(int (*tick)(void), int wake_fd);

/*
 * Runs feed once against the catalog at now: one GET of its document, or
 * for a model-list API (feed.h, struct feed_api) every region and page
 * of it, with its key, applied as one document.  Every outcome but
 * SYNC_ABORTED is recorded in the feed's row (last attempt, status, error,
 * failures in a row); a failure leaves the statements exactly as they
 * were.  Never logs: the caller has the context.  Returns the outcome and
 * fills *result.
 */
enum sync_outcome sync_feed(struct catalog *cat, const struct conf_feed *feed,
    time_t now, struct sync_result *result);

/*
 * Applies the built-in catalog (a sunset-feed/1 document) as the feed
 * CATALOG_EMBEDDED_FEED, unless the database already holds this very
 * version of it.  Returns 1 when applied, 0 when already current, -1 with
 * *cause set on error.
 */
int sync_apply_embedded(struct catalog *cat, time_t now, char **cause);

/* The time the built-in catalog was written (its generated_at), or 0 when
 * it states none: what a catalog read from it alone stamps its rows
 * with, so that the same build always exports the same document. */
time_t sync_embedded_time(void);

#endif
