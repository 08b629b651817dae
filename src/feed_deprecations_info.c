/*
 * feed_deprecations_info.c - deprecations.info feeds.
 */
#include "config.h"

#include "feed.h"
#include "util.h"

int
feed_deprecations_info_parse(const char *buf, size_t len, const struct feed_options *options,
    struct recordset *out, char **cause)
{
	set_cause(cause, "format not implemented yet");
	return -1;
}
