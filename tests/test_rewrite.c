/*
 * test_rewrite.c - rewrite.h: a deprecated id's new spelling, keeping
 * what the code wrote around the id (region profiles, path prefixes,
 * upper case), and the reasons there is none.
 */
#include "config.h"

#include <string.h>

#include "rewrite.h"
#include "tap.h"

/* rewrite_spelling of found from from_id to to_id: want, or NULL and the
 * reason. */
static void
spell(const char *found, const char *from_id, const char *to_id,
    const char *want, const char *want_reason)
{
	char out[64];
	const char *reason = NULL;
	int rc;

	rc = rewrite_spelling(found, strlen(found), from_id, to_id, out,
	    sizeof(out), &reason);
	if (want != NULL) {
		is_int(rc, 0, "%s: rewritten", found);
		is_str(rc == 0 ? out : "", want, "%s -> %s", found, want);
	} else {
		is_int(rc, -1, "%s: not rewritten", found);
		is_str(reason != NULL ? reason : "", want_reason,
		    "%s: %s", found, want_reason != NULL ? want_reason :
		    "(no reason)");
	}
}

static void
prefix(const char *line, const char *id, size_t want)
{
	const char *p = strstr(line, id);

	is_int(rewrite_prefix(line, (size_t)(p - line)), want,
	    "prefix before %s in %s", id, line);
}

int
main(void)
{
	spell("gpt-4", "gpt-4", "gpt-4.1", "gpt-4.1", NULL);
	spell("GPT-4", "gpt-4", "gpt-4.1", "GPT-4.1", NULL);
	spell("Gpt-4", "gpt-4", "gpt-4.1", "gpt-4.1", NULL);
	spell("us.anthropic.claude-3-haiku-20240307-v1:0",
	    "anthropic.claude-3-haiku-20240307-v1:0",
	    "anthropic.claude-haiku-4-5-20251001-v1:0",
	    "us.anthropic.claude-haiku-4-5-20251001-v1:0", NULL);
	spell("EU.ANTHROPIC.CLAUDE-3-HAIKU-20240307-V1:0",
	    "anthropic.claude-3-haiku-20240307-v1:0",
	    "anthropic.claude-haiku-4-5-20251001-v1:0",
	    "EU.ANTHROPIC.CLAUDE-HAIKU-4-5-20251001-V1:0", NULL);
	spell("azure/gpt-4", "gpt-4", "gpt-4.1", "azure/gpt-4.1", NULL);
	spell("claude-3-sonnet@20240229", "claude-3-sonnet@20240229",
	    "claude-sonnet-4@20250514", "claude-sonnet-4@20250514", NULL);
	spell("claude-3-sonnet@20240229", "claude-3-sonnet",
	    "claude-sonnet-4", NULL, "review: version suffix");
	spell("anthropic.claude-v2:1", "anthropic.claude-v2",
	    "anthropic.claude-v3", NULL, "review: version suffix");
	spell("xgpt-4", "gpt-4", "gpt-4.1", NULL, "review: spelling");
	spell("davinci", "gpt-4", "gpt-4.1", NULL, "review: spelling");
	spell("gpt-4", "gpt-4", "gpt-4.1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaa", NULL, "review: too long");

	prefix("model=\"openrouter/openai/gpt-4\"", "gpt-4", 18);
	prefix("model=\"azure/gpt-4\"", "gpt-4", 6);
	prefix("model=\"gpt-4\"", "gpt-4", 0);
	prefix("model: /gpt-4", "gpt-4", 1);
	return tap_done();
}
