/*
 * feed.c - the table of feed formats.
 */
#include "config.h"

#include <string.h>

#include "feed.h"

const struct feed_format feed_formats[] = {
	{ "markdown", feed_markdown_parse, 100, 1 },
	{ "modeldeprecations", feed_modeldeprecations_parse, 80, 0 },
	{ "sunset", feed_sunset_parse, 70, 0 },
	{ "deprecations-info", feed_deprecations_info_parse, 60, 0 },
	{ "openrouter", feed_openrouter_parse, 40, 0 },
	{ "litellm", feed_litellm_parse, 30, 0 },
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
