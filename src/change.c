/*
 * change.c - the change history's kinds in words, for every reader of
 * the history: the change feeds and the alerts.  Pure: text in, text
 * out.
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <string.h>

#include "change.h"

void
change_replacements(struct buf *b, const char *json)
{
	cJSON *a = json != NULL ? cJSON_Parse(json) : NULL, *r, *id;
	int n = 0;

	cJSON_ArrayForEach(r, a) {
		id = cJSON_GetObjectItemCaseSensitive(r, "id");
		if (!cJSON_IsString(id))
			continue;
		buf_adds(b, n++ > 0 ? ", " : "");
		buf_adds(b, id->valuestring);
	}
	if (n == 0)
		buf_adds(b, "none");
	cJSON_Delete(a);
}

/* A date change: "WHAT set to NEW", "moved from OLD to NEW", "OLD
 * withdrawn". */
static void
put_date_change(struct buf *b, const char *what, const char *old,
    const char *new)
{
	if (old == NULL)
		buf_addf(b, "%s set to %s", what, new ? new : "none");
	else if (new == NULL)
		buf_addf(b, "%s %s withdrawn", what, old);
	else
		buf_addf(b, "%s moved from %s to %s", what, old, new);
}

void
change_describe(struct buf *b, const char *change, const char *feed,
    const char *old, const char *new)
{
	if (change == NULL)
		change = "";
	if (feed == NULL)
		feed = "?";
	if (strcmp(change, "added") == 0)
		buf_addf(b, "added: first listed by feed %s", feed);
	else if (strcmp(change, "dropped") == 0)
		buf_addf(b, "dropped by feed %s", feed);
	else if (strcmp(change, "relisted") == 0)
		buf_addf(b, "relisted by feed %s", feed);
	else if (strcmp(change, "status") == 0 && new != NULL &&
	    strcmp(new, "retired") == 0)
		buf_addf(b, "retired (status was %s)", old ? old : "none");
	else if (strcmp(change, "status") == 0)
		buf_addf(b, "status changed from %s to %s", old ? old : "none",
		    new ? new : "none");
	else if (strcmp(change, "announced_on") == 0 && old == NULL &&
	    new != NULL)
		buf_addf(b, "deprecation announced on %s", new);
	else if (strcmp(change, "announced_on") == 0)
		put_date_change(b, "announcement date", old, new);
	else if (strcmp(change, "shutdown_on") == 0)
		put_date_change(b, "shutdown date", old, new);
	else if (strcmp(change, "replacements") == 0) {
		buf_adds(b, "replacement changed from ");
		change_replacements(b, old);
		buf_adds(b, " to ");
		change_replacements(b, new);
	} else
		buf_addf(b, "%s changed", change);
}
