/*
 * fixture.h - a snapshot from a few models written in the test, the way
 * the catalog builds one: sunset-feed/1 text through the real parser.
 */
#ifndef SUNSET_TEST_FIXTURE_H
#define SUNSET_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "snapshot.h"
#include "tap.h"

/* models: the comma-separated model objects of a sunset-feed/1 document. */
static struct snapshot *
snapshot_of(const char *models)
{
	struct recordset records = { 0 };
	char *doc = malloc(strlen(models) + 64), *cause = NULL;

	sprintf(doc, "{\"format\": \"sunset-feed/1\", \"models\": [%s]}",
	    models);
	if (!ok(feed_sunset_parse(doc, strlen(doc), NULL, &records,
	    &cause) == 0, "fixture parses"))
		printf("#   %s\n", cause);
	free(cause);
	free(doc);
	return snapshot_new(&records);
}

#endif
