/*
 * feed_markdown.c - first-party deprecation pages as markdown.
 */
#include "config.h"

#include "feed.h"
#include "util.h"

int
feed_markdown_parse(const char *buf, size_t len, const struct feed_options *options,
    struct recordset *out, char **cause)
{
	set_cause(cause, "format not implemented yet");
	return -1;
}
