/*
 * alert_eval.c - the events an alert owes (alert_eval.h).
 *
 * Invariant: the same inputs give the same events with the same ids, so
 * evaluating again, after a restart or a reload, finds the outbox rows
 * it made before.  Threshold events name the tightest threshold only: a
 * model 5 days from its shutdown with thresholds 90,30,7,1 owes the 7-day
 * event, and later the 1-day one.
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alert_eval.h"
#include "answer.h"
#include "date.h"
#include "util.h"

static int
use_cmp(const void *a, const void *b)
{
	const struct alert_use *x = a, *y = b;
	int c = strcmp(x->provider, y->provider);

	return c != 0 ? c : strcmp(x->id, y->id);
}

void
alert_uses_sort(struct alert_use *uses, size_t n)
{
	if (n > 1)
		qsort(uses, n, sizeof(*uses), use_cmp);
}

void
alert_uses_free(struct alert_use *uses, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(uses[i].provider);
		free(uses[i].id);
		free(uses[i].last_seen);
	}
	free(uses);
}

static const struct alert_use *
find_use(const struct alert_use *uses, size_t n, const struct record *r)
{
	struct alert_use key;

	if (n == 0)
		return NULL;
	key.provider = r->provider;
	key.id = r->id;
	return bsearch(&key, uses, n, sizeof(*uses), use_cmp);
}

/* 1 when the alert's providers take provider (all when it names none). */
static int
takes_provider(const struct conf_alert *alert, const char *provider)
{
	const char *p = alert->providers;
	size_t len = strlen(provider);

	if (p == NULL)
		return 1;
	while (*p != '\0') {
		if (strncmp(p, provider, len) == 0 &&
		    (p[len] == ' ' || p[len] == '\0'))
			return 1;
		p += strcspn(p, " ");
		p += *p == ' ';
	}
	return 0;
}

void
alert_event_id(const char *alert, const char *provider, const char *model,
    const char *event, const char *date, int threshold,
    char id[ALERT_ID_LEN + 1])
{
	const char *fields[] = { alert, provider, model, event, date };
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	char days[16];
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	if (ctx == NULL)
		abort();
	snprintf(days, sizeof(days), "%d", threshold);
	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	for (i = 0; i < NELEM(fields); i++)
		EVP_DigestUpdate(ctx, fields[i], strlen(fields[i]) + 1);
	EVP_DigestUpdate(ctx, days, strlen(days) + 1);
	EVP_DigestFinal_ex(ctx, md, &mdlen);
	EVP_MD_CTX_free(ctx);
	memcpy(id, "msg_", 4);
	for (i = 0; i < mdlen && i < 32; i++)
		snprintf(id + 4 + 2 * i, 3, "%02x", md[i]);
	id[ALERT_ID_LEN] = '\0';
}

/* Appends an event for r to *v, with its id. */
static void
add_event(struct alert_event **v, size_t *n, const struct conf_alert *alert,
    const char *event, const struct record *r, const char *date,
    int threshold, const struct alert_change *change,
    const struct alert_use *use)
{
	struct alert_event *e;

	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	e = &(*v)[(*n)++];
	memset(e, 0, sizeof(*e));
	e->alert = alert->name;
	e->event = event;
	e->record = r;
	snprintf(e->date, sizeof(e->date), "%s", date);
	e->threshold = threshold;
	e->change = change;
	e->use = use;
	alert_event_id(alert->name, r->provider, r->id, event, e->date,
	    threshold, e->id);
}

/* The tightest threshold days_left is inside, or 0. */
static int
tightest(const struct conf_thresholds *t, int32_t days_left)
{
	size_t i;
	int best = 0;

	for (i = 0; i < t->n; i++)
		if (days_left <= t->v[i])
			best = t->v[i];	/* largest first: the last fits best */
	return best;
}

/* The date events of r on today: threshold and past_shutdown. */
static void
date_events(struct alert_event **v, size_t *n, const struct conf_alert *alert,
    const struct record *r, const struct alert_use *use, int32_t today)
{
	struct answer_state st;
	char date[11];
	int t;

	if (r->shutdown_on == DATE_NONE || (r->shutdown_kind != SHUTDOWN_FIRM &&
	    r->shutdown_kind != SHUTDOWN_EARLIEST))
		return;
	answer_state(&st, r, today);
	date_format(r->shutdown_on, date);
	if (r->shutdown_on > today) {
		if ((t = tightest(&alert->thresholds, st.days_left)) > 0)
			add_event(v, n, alert, "threshold", r, date, t, NULL,
			    use);
	} else if (r->shutdown_kind == SHUTDOWN_FIRM && use != NULL)
		add_event(v, n, alert, "past_shutdown", r, date, 0, NULL, use);
}

/* "provider/id" of the first replacement a replacements JSON text
 * names, or "none", into buf. */
static void
first_replacement_json(const char *json, char *buf, size_t size)
{
	cJSON *a = json != NULL ? cJSON_Parse(json) : NULL;
	const cJSON *r = cJSON_GetArrayItem(a, 0), *p, *id;

	p = cJSON_GetObjectItemCaseSensitive(r, "provider");
	id = cJSON_GetObjectItemCaseSensitive(r, "id");
	if (cJSON_IsString(id))
		snprintf(buf, size, "%s/%s", cJSON_IsString(p) ?
		    p->valuestring : "", id->valuestring);
	else
		snprintf(buf, size, "none");
	cJSON_Delete(a);
}

/* The key of a change to field as the record r states it now, into buf:
 * a date, "provider/id" or "none".  Returns -1 for a kind that makes no
 * alert. */
static int
current_value(const struct record *r, const char *change, char *buf,
    size_t size)
{
	int32_t d;

	if (strcmp(change, "replacements") == 0) {
		if (r->nreplacements == 0)
			snprintf(buf, size, "none");
		else
			snprintf(buf, size, "%s/%s",
			    r->replacements[0].provider ?
			    r->replacements[0].provider : "",
			    r->replacements[0].id);
		return 0;
	}
	if (strcmp(change, "shutdown_on") == 0)
		d = r->shutdown_on;
	else if (strcmp(change, "announced_on") == 0)
		d = r->announced_on;
	else
		return -1;
	if (d == DATE_NONE)
		snprintf(buf, size, "none");
	else if (size >= 11)
		date_format(d, buf);
	return 0;
}

/* The change event of c, when the catalog now says what c says: a feed
 * whose word lost to a stronger source's makes no alert. */
static void
change_event(struct alert_event **v, size_t *n, const struct conf_alert *alert,
    const struct snapshot *snap, const struct alert_use *uses, size_t nuses,
    const struct alert_change *c)
{
	const struct record *r;
	const struct alert_use *use;
	char now[ALERT_KEY_MAX], said[ALERT_KEY_MAX];

	if (c->change == NULL || c->provider == NULL || c->id == NULL)
		return;
	if ((r = snapshot_find(snap, c->provider, c->id)) == NULL ||
	    strcmp(r->provider, c->provider) != 0 || strcmp(r->id, c->id) != 0)
		return;
	if (!takes_provider(alert, r->provider))
		return;
	use = find_use(uses, nuses, r);
	if (alert->only_used && use == NULL)
		return;
	if (current_value(r, c->change, now, sizeof(now)) < 0)
		return;
	if (strcmp(c->change, "replacements") == 0)
		first_replacement_json(c->new, said, sizeof(said));
	else
		snprintf(said, sizeof(said), "%s", c->new ? c->new : "none");
	if (strcmp(now, said) != 0)
		return;
	add_event(v, n, alert, c->change, r, now, 0, c, use);
}

size_t
alert_evaluate(const struct conf_alert *alert, const struct snapshot *snap,
    int32_t today, const struct alert_use *uses, size_t nuses,
    const struct alert_change *changes, size_t nchanges,
    struct alert_event **out)
{
	const struct record *r;
	const struct alert_use *use;
	struct alert_event *v = NULL;
	size_t i, n = 0, count = snapshot_count(snap);

	for (i = 0; i < count; i++) {
		r = snapshot_record(snap, i);
		if (!takes_provider(alert, r->provider))
			continue;
		use = find_use(uses, nuses, r);
		if (alert->only_used && use == NULL)
			continue;
		date_events(&v, &n, alert, r, use, today);
	}
	for (i = 0; i < nchanges; i++)
		change_event(&v, &n, alert, snap, uses, nuses, &changes[i]);
	*out = v;
	return n;
}
