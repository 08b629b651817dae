/*
 * answer.h - the answer object of design §2, rendered from a snapshot.
 *
 * Shared by the HTTP API, `sunset check` and anything else that answers
 * "is this model deprecated", so every surface says the same thing.  The
 * answer is written as JSON text straight away (the hot path); the cJSON
 * forms are the same text parsed, for the CLI and the tests.
 */
#ifndef SUNSET_ANSWER_H
#define SUNSET_ANSWER_H

#include <cjson/cJSON.h>
#include <stdint.h>

#include "jsonw.h"
#include "snapshot.h"

/* How far `resolved` follows replacements before it gives up. */
#define ANSWER_CHAIN_MAX 16

/*
 * Writes the answer to query (provider may be NULL) on as_of to w: an
 * object with "found": false when the catalog does not know the id.  With
 * schema set, the object also carries "schema_version".  Returns the record
 * answered, or NULL.
 */
const struct record *answer_write(struct jsonw *w,
    const struct snapshot *snap, const char *query, const char *provider,
    int32_t as_of, int schema);

/* Writes the answer fields for a record reached without a query (list
 * items): no query, match, others or as_of. */
void answer_write_record(struct jsonw *w, const struct snapshot *snap,
    const struct record *r, int32_t as_of);

/* answer_write as a cJSON object (caller deletes); *record, when record is
 * not NULL, is set to the record answered or NULL. */
cJSON *answer_query(const struct snapshot *snap, const char *query,
    const char *provider, int32_t as_of, const struct record **record);

/* Adds key: "YYYY-MM-DD" (or null) to a cJSON object. */
void answer_add_date(cJSON *obj, const char *key, int32_t date);

#endif
