/*
 * feed.c - the table of feed formats.
 */
#include "config.h"

#include <string.h>

#include "feed.h"
#include "fetch.h"

const struct feed_format feed_formats[] = {
	{ "markdown", feed_markdown_parse, 100, 1, FETCH_DEFAULT_MAX_SIZE },
	{ "modeldeprecations", feed_modeldeprecations_parse, 80, 0,
	    FETCH_DEFAULT_MAX_SIZE },
	{ "sunset", feed_sunset_parse, 70, 0, FEED_SUNSET_MAX_SIZE },
	{ "deprecations-info", feed_deprecations_info_parse, 60, 0,
	    FETCH_DEFAULT_MAX_SIZE },
	{ "openrouter", feed_openrouter_parse, 40, 0, FETCH_DEFAULT_MAX_SIZE },
	{ "litellm", feed_litellm_parse, 30, 0, FETCH_DEFAULT_MAX_SIZE },
	{ NULL, NULL, 0, 0, 0 }
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
