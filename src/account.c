/*
 * account.c - an account's models into the usage inventory.
 */
#include "config.h"

#include <stdlib.h>

#include "account.h"
#include "answer.h"
#include "catalog.h"
#include "date.h"
#include "feed.h"
#include "usage.h"
#include "util.h"

int
account_record(struct catalog *cat, const struct snapshot *snap,
    const char *feed, const char *provider,
    const struct feed_account *account, time_t now, size_t *known,
    size_t *fresh, char **cause)
{
	struct usage_count *v;
	struct answer ans;
	char *origin;
	size_t i, n = 0;
	int rc = 0;

	*known = *fresh = 0;
	v = xcalloc(account->n + 1, sizeof(*v));
	for (i = 0; i < account->n; i++) {
		/* A fine-tuned model answers as its base: the account
		 * depends on that one's lifetime. */
		answer_resolve(&ans, snap, account->ids[i], provider,
		    date_from_time(now));
		if (ans.record == NULL)
			continue;
		/* Strings of snap, which outlives v. */
		v[n].provider = ans.record->provider;
		v[n].id = ans.record->id;
		v[n].first = v[n].last = now;
		n++;
	}
	n = usage_unique(v, n);
	origin = xasprintf("%s%s", ACCOUNT_ORIGIN_PREFIX, feed);
	if (n > 0)
		rc = catalog_add_usage(cat, v, n, origin, fresh, cause);
	if (rc == 0)
		*known = n;
	free(origin);
	free(v);
	return rc;
}
