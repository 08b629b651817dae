/*
 * usage.c - the in-memory use counts: an open-addressing hash table of
 * (provider, id) under one mutex.
 *
 * A request hashes its key outside the lock and, inside it, probes and
 * adds one: no allocation but the first time a model is seen, no I/O.
 * Slots are never emptied (a model taken keeps its slot with a count of
 * zero), so probing needs no tombstones and the strings handed out by
 * usage_pending stay valid until usage_free.  The table doubles when it
 * is half full, up to max models; past that, new models are dropped.
 */
#include "config.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "usage.h"
#include "util.h"

#define SLOTS_MIN 256

struct slot {
	char			*key;	/* "provider\0id"; NULL: empty */
	const char		*id;	/* into key */
	uint64_t		 hash;
	unsigned long long	 count;
	time_t			 first;
	time_t			 last;
};

struct usage {
	pthread_mutex_t	 lock;
	struct slot	*slots;
	size_t		 nslots;	/* a power of two */
	size_t		 used;
	size_t		 max;
};

/* FNV-1a over provider, a NUL and id. */
static uint64_t
key_hash(const char *provider, const char *id)
{
	uint64_t h = 14695981039346656037ULL;
	const unsigned char *p;

	for (p = (const unsigned char *)provider; *p != '\0'; p++)
		h = (h ^ *p) * 1099511628211ULL;
	h *= 1099511628211ULL;
	for (p = (const unsigned char *)id; *p != '\0'; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return h;
}

struct usage *
usage_new(size_t max)
{
	struct usage *u = xcalloc(1, sizeof(*u));

	pthread_mutex_init(&u->lock, NULL);
	u->nslots = SLOTS_MIN;
	u->slots = xcalloc(u->nslots, sizeof(*u->slots));
	u->max = max;
	return u;
}

void
usage_free(struct usage *u)
{
	size_t i;

	if (u == NULL)
		return;
	for (i = 0; i < u->nslots; i++)
		free(u->slots[i].key);
	free(u->slots);
	pthread_mutex_destroy(&u->lock);
	free(u);
}

/* The slot of (provider, id), or the empty one where it goes. */
static struct slot *
find(struct slot *slots, size_t nslots, uint64_t hash, const char *provider,
    const char *id)
{
	size_t i = (size_t)hash & (nslots - 1);
	struct slot *s;

	for (;; i = (i + 1) & (nslots - 1)) {
		s = &slots[i];
		if (s->key == NULL)
			return s;
		if (s->hash == hash && strcmp(s->key, provider) == 0 &&
		    strcmp(s->id, id) == 0)
			return s;
	}
}

/* Doubles the table; the keys move, their strings do not. */
static void
grow(struct usage *u)
{
	struct slot *slots = xcalloc(u->nslots * 2, sizeof(*slots)), *s;
	size_t i;

	for (i = 0; i < u->nslots; i++) {
		if (u->slots[i].key == NULL)
			continue;
		s = find(slots, u->nslots * 2, u->slots[i].hash,
		    u->slots[i].key, u->slots[i].id);
		*s = u->slots[i];
	}
	free(u->slots);
	u->slots = slots;
	u->nslots *= 2;
}

/* Adds n uses between first and last to (provider, id); u is locked. */
static enum usage_counted
add(struct usage *u, uint64_t hash, const char *provider, const char *id,
    unsigned long long n, time_t first, time_t last)
{
	struct slot *s = find(u->slots, u->nslots, hash, provider, id);
	enum usage_counted rc = USAGE_AGAIN;
	size_t plen;

	if (s->key == NULL) {
		if (u->used >= u->max)
			return USAGE_FULL;
		plen = strlen(provider);
		s->key = xmalloc(plen + 1 + strlen(id) + 1);
		memcpy(s->key, provider, plen + 1);
		s->id = s->key + plen + 1;
		strcpy(s->key + plen + 1, id);
		s->hash = hash;
		u->used++;
		rc = USAGE_FIRST;
	}
	if (s->count == 0 || first < s->first)
		s->first = first;
	if (s->count == 0 || last > s->last)
		s->last = last;
	s->count += n;
	if (rc == USAGE_FIRST && u->used * 2 > u->nslots)
		grow(u);
	return rc;
}

enum usage_counted
usage_count(struct usage *u, const char *provider, const char *id,
    time_t now)
{
	uint64_t hash = key_hash(provider, id);
	enum usage_counted rc;

	pthread_mutex_lock(&u->lock);
	rc = add(u, hash, provider, id, 1, now, now);
	pthread_mutex_unlock(&u->lock);
	return rc;
}

size_t
usage_pending(struct usage *u, int take, struct usage_count **out)
{
	struct usage_count *v = NULL;
	struct slot *s;
	size_t i, n = 0, cap = 0;

	pthread_mutex_lock(&u->lock);
	for (i = 0; i < u->nslots; i++) {
		s = &u->slots[i];
		if (s->key == NULL || s->count == 0)
			continue;
		if (n == cap) {
			cap = cap != 0 ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[n].provider = s->key;
		v[n].id = s->id;
		v[n].count = s->count;
		v[n].first = s->first;
		v[n].last = s->last;
		n++;
		if (take)
			s->count = 0;
	}
	pthread_mutex_unlock(&u->lock);
	*out = v;
	return n;
}

void
usage_restore(struct usage *u, const struct usage_count *v, size_t n)
{
	size_t i;

	pthread_mutex_lock(&u->lock);
	for (i = 0; i < n; i++)
		(void)add(u, key_hash(v[i].provider, v[i].id), v[i].provider,
		    v[i].id, v[i].count, v[i].first, v[i].last);
	pthread_mutex_unlock(&u->lock);
}

int
usage_label_char(int c, int first)
{
	if (c >= 0x80)
		return 0;
	if (isalnum(c))
		return 1;
	return !first && (c == '.' || c == '_' || c == '-');
}

int
usage_label_ok(const char *label)
{
	const unsigned char *p = (const unsigned char *)label;

	if (!usage_label_char(*p, 1))
		return 0;
	for (; *p != '\0'; p++)
		if (!usage_label_char(*p, 0))
			return 0;
	return (const char *)p - label <= USAGE_LABEL_MAX;
}

static int
by_model(const void *x, const void *y)
{
	const struct usage_count *a = x, *b = y;
	int c = strcmp(a->provider, b->provider);

	return c != 0 ? c : strcmp(a->id, b->id);
}

size_t
usage_unique(struct usage_count *v, size_t n)
{
	size_t i, j;

	if (n > 1)
		qsort(v, n, sizeof(*v), by_model);
	for (i = j = 0; i < n; i++)
		if (j == 0 || by_model(&v[j - 1], &v[i]) != 0)
			v[j++] = v[i];
	return j;
}
