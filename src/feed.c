/*
 * feed.c - the table of feed formats.
 */
#include "config.h"

#include <string.h>

#include "feed.h"

const struct feed_format feed_formats[] = {
	{ "sunset", feed_sunset_parse, 70, 0 },
	{ NULL, NULL, 0, 0 }
};

const struct feed_format *
feed_format_find(const char *name)
{
	const struct feed_format *f;

	for (f = feed_formats; f->name != NULL; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}
