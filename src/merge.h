/*
 * merge.h - field-wise merge of what several feeds said about one model.
 */
#ifndef SUNSET_MERGE_H
#define SUNSET_MERGE_H

#include "record.h"

/*
 * Merges statements, ordered by provider, id and then priority (highest
 * first) as catalog_load returns them, into one record per (provider, id),
 * appended to out in the same order.  Each field comes from the
 * highest-priority statement that has a value; aliases are the union; every
 * source is kept.  Consumes statements (a model only one feed states is
 * moved, not copied) and leaves the set empty.
 */
void merge_statements(struct recordset *statements, struct recordset *out);

#endif
