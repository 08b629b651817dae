/*
 * feed_util.c - helpers the feed parsers share.
 */
#include "config.h"

#include <string.h>

#include "feed.h"
#include "util.h"

char *
feed_provider_slug(const char *name)
{
	if (name == NULL || *name == '\0')
		return NULL;
	return str_lower(xstrdup(name));
}
