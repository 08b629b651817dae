/*
 * answer.h - the answer object of design §2, rendered from a snapshot.
 *
 * Shared by the HTTP API, `sunset check` and anything else that answers
 * "is this model deprecated", so every surface says the same thing.
 */
#ifndef SUNSET_ANSWER_H
#define SUNSET_ANSWER_H

#include <cjson/cJSON.h>
#include <stdint.h>

#include "snapshot.h"

/* How far `resolved` follows replacements before it gives up. */
#define ANSWER_CHAIN_MAX 16

/*
 * The answer to query (provider may be NULL) on as_of.  Returns a new object
 * (caller deletes) with "found": false when the catalog does not know the
 * id.  *record, when record is not NULL, is set to the record answered or
 * NULL.
 */
cJSON *answer_query(const struct snapshot *snap, const char *query,
    const char *provider, int32_t as_of, const struct record **record);

/* The answer fields for a record reached without a query (list items). */
cJSON *answer_record(const struct snapshot *snap, const struct record *r,
    int32_t as_of);

/* Adds "as_of" to obj. */
void answer_add_date(cJSON *obj, const char *key, int32_t date);

#endif
