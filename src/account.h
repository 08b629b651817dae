/*
 * account.h - the models a provider account may call, as usage inventory.
 *
 * A model-list API feed (feed.h, struct feed_api) says which models the
 * account behind its key may call.  They are inventory under the origin
 * "account:FEED", refreshed at each of the feed's runs, so the alerts
 * about models in use cover what the account has before any service asks
 * about it, and GET /v1/usage marks them.
 */
#ifndef SUNSET_ACCOUNT_H
#define SUNSET_ACCOUNT_H

#include <stddef.h>
#include <time.h>

struct catalog;
struct feed_account;
struct snapshot;

/* The origin prefix of an account's usage rows. */
#define ACCOUNT_ORIGIN_PREFIX	"account:"

/*
 * Resolves the ids in account (as provider spells them) against snap and
 * adds the models the catalog knows to the usage table under
 * "account:FEED", with no uses counted: their last_seen moves to now.
 * Sets *known to how many models that was and *fresh to how many the
 * table never had.  Returns 0, or -1 with *cause set and the table
 * unchanged.
 */
int account_record(struct catalog *cat, const struct snapshot *snap,
    const char *feed, const char *provider,
    const struct feed_account *account, time_t now, size_t *known,
    size_t *fresh, char **cause);

#endif
