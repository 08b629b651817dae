/*
 * feed_sunset.c - the native feed format, sunset-feed/1: reader and writer.
 *
 * This is what data/ holds, what GET /v1/export serves and what one daemon
 * reads from another.  The reader refuses another major version and any
 * field of a known name with a wrong type or value, and ignores fields it
 * does not know, so minor versions can add them.
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "feed.h"
#include "merge.h"
#include "util.h"

#define FORMAT_MAJOR "sunset-feed/1"

/* A string member, NULL when absent or JSON null; -1 on another type. */
static int
get_string(const cJSON *obj, const char *key, const char **out)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = NULL;
	if (item == NULL || cJSON_IsNull(item))
		return 0;
	if (!cJSON_IsString(item))
		return -1;
	*out = item->valuestring;
	return 0;
}

static int
get_date(const cJSON *obj, const char *key, int32_t *out)
{
	const char *s;

	*out = DATE_NONE;
	if (get_string(obj, key, &s) < 0)
		return -1;
	if (s == NULL || *s == '\0')
		return 0;
	return date_parse_iso(s, out);
}

/* "evidence": {"status": "first-party", "shutdown_on": "scraped", ...},
 * what each field rests on; one name stands for every field.  A name this
 * reader does not know says nothing (a newer writer may know more). */
static int
parse_evidence(const cJSON *m, struct record *r)
{
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(m, "evidence"), *v;
	int f, all = 0;

	if (e == NULL || cJSON_IsNull(e))
		return 0;
	if (cJSON_IsString(e)) {
		(void)merge_evidence_parse(e->valuestring, &all);
		for (f = 0; f < FIELD_N; f++)
			r->field_evidence[f] = all;
		return 0;
	}
	if (!cJSON_IsObject(e))
		return -1;
	for (f = 0; f < FIELD_N; f++) {
		v = cJSON_GetObjectItemCaseSensitive(e, field_name(f));
		if (v != NULL && !cJSON_IsString(v) && !cJSON_IsNull(v))
			return -1;
		if (cJSON_IsString(v))
			(void)merge_evidence_parse(v->valuestring,
			    &r->field_evidence[f]);
	}
	return 0;
}

/* One price of a pricing object into *price: absent and null leave it
 * unknown; anything but a number not below 0 is an error. */
static int
get_price(const cJSON *p, const char *key, double *price)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(p, key);

	if (cJSON_IsNumber(v) && v->valuedouble >= 0)
		*price = v->valuedouble;
	else if (v != NULL && !cJSON_IsNull(v))
		return -1;
	return 0;
}

/* "pricing": {"input_per_mtok": 2.5, "output_per_mtok": 10,
 * "audio_input_per_mtok": 40, "audio_output_per_mtok": 80,
 * "currency": "USD"} or null; the audio prices may be left out.  Only
 * US dollars are known. */
static int
parse_pricing(const cJSON *m, struct record *r)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(m, "pricing");
	const char *currency;

	if (p == NULL || cJSON_IsNull(p))
		return 0;
	if (!cJSON_IsObject(p) || get_string(p, "currency", &currency) < 0 ||
	    (currency != NULL && strcmp(currency, "USD") != 0))
		return -1;
	if (get_price(p, "input_per_mtok", &r->input_per_mtok) < 0 ||
	    get_price(p, "output_per_mtok", &r->output_per_mtok) < 0 ||
	    get_price(p, "audio_input_per_mtok",
	    &r->audio_input_per_mtok) < 0 ||
	    get_price(p, "audio_output_per_mtok",
	    &r->audio_output_per_mtok) < 0)
		return -1;
	return 0;
}

static int
parse_model(const cJSON *m, const struct feed_options *options,
    struct record *r, char **cause)
{
	const cJSON *list, *item;
	const char *provider, *id, *s, *p, *note, *url, *first, *last;
	char *lower;

	if (!cJSON_IsObject(m)) {
		set_cause(cause, "not an object");
		return -1;
	}
	if (get_string(m, "provider", &provider) < 0 ||
	    get_string(m, "id", &id) < 0) {
		set_cause(cause, "provider and id must be strings");
		return -1;
	}
	if (provider == NULL || *provider == '\0')
		provider = options != NULL ? options->provider : NULL;
	if (provider == NULL || *provider == '\0' || id == NULL ||
	    *id == '\0') {
		set_cause(cause, "missing provider or id");
		return -1;
	}
	lower = str_lower(xstrdup(provider));
	r->provider = lower;
	r->id = xstrdup(id);

	list = cJSON_GetObjectItemCaseSensitive(m, "aliases");
	if (list != NULL && !cJSON_IsNull(list)) {
		if (!cJSON_IsArray(list)) {
			set_cause(cause, "%s: aliases must be a list", id);
			return -1;
		}
		cJSON_ArrayForEach(item, list) {
			if (!cJSON_IsString(item) || *item->valuestring == '\0') {
				set_cause(cause, "%s: aliases must be strings",
				    id);
				return -1;
			}
			if (strcmp(item->valuestring, id) != 0 &&
			    !record_has_alias(r, item->valuestring))
				record_add_alias(r, item->valuestring);
		}
	}

	if (get_string(m, "status", &s) < 0 ||
	    (s != NULL && status_parse(s, &r->status) < 0)) {
		set_cause(cause, "%s: bad status", id);
		return -1;
	}
	if (get_date(m, "announced_on", &r->announced_on) < 0 ||
	    get_date(m, "shutdown_on", &r->shutdown_on) < 0) {
		set_cause(cause, "%s: dates must be YYYY-MM-DD", id);
		return -1;
	}
	if (get_string(m, "shutdown_kind", &s) < 0 ||
	    (s != NULL && shutdown_kind_parse(s, &r->shutdown_kind) < 0)) {
		set_cause(cause, "%s: bad shutdown_kind", id);
		return -1;
	}
	/* "unannounced" goes with no date: a statement that there is none. */
	if (r->shutdown_on == DATE_NONE) {
		if (r->shutdown_kind != SHUTDOWN_UNANNOUNCED)
			r->shutdown_kind = SHUTDOWN_NONE;
	} else if (r->shutdown_kind == SHUTDOWN_NONE ||
	    r->shutdown_kind == SHUTDOWN_UNANNOUNCED)
		r->shutdown_kind = SHUTDOWN_FIRM;

	list = cJSON_GetObjectItemCaseSensitive(m, "replacements");
	if (list != NULL && !cJSON_IsNull(list)) {
		if (!cJSON_IsArray(list)) {
			set_cause(cause, "%s: replacements must be a list", id);
			return -1;
		}
		cJSON_ArrayForEach(item, list) {
			if (!cJSON_IsObject(item) ||
			    get_string(item, "provider", &p) < 0 ||
			    get_string(item, "id", &s) < 0 ||
			    get_string(item, "note", &note) < 0 ||
			    s == NULL || *s == '\0') {
				set_cause(cause, "%s: bad replacement", id);
				return -1;
			}
			lower = str_lower(xstrdup(p != NULL && *p != '\0' ?
			    p : r->provider));
			record_add_replacement(r, lower, s, note);
			free(lower);
		}
	}

	if (get_string(m, "kind", &s) < 0 || get_string(m, "scope", &p) < 0) {
		set_cause(cause, "%s: kind and scope must be strings", id);
		return -1;
	}
	r->kind = s != NULL && *s != '\0' ? xstrdup(s) : NULL;
	r->scope = p != NULL && *p != '\0' ? xstrdup(p) : NULL;

	if (parse_pricing(m, r) < 0) {
		set_cause(cause, "%s: bad pricing", id);
		return -1;
	}
	if (parse_evidence(m, r) < 0) {
		set_cause(cause, "%s: bad evidence", id);
		return -1;
	}
	list = cJSON_GetObjectItemCaseSensitive(m, "sources");
	if (list != NULL && !cJSON_IsNull(list)) {
		if (!cJSON_IsArray(list)) {
			set_cause(cause, "%s: sources must be a list", id);
			return -1;
		}
		cJSON_ArrayForEach(item, list) {
			if (!cJSON_IsObject(item) ||
			    get_string(item, "url", &url) < 0 ||
			    get_string(item, "first_seen", &first) < 0 ||
			    get_string(item, "last_seen", &last) < 0) {
				set_cause(cause, "%s: bad source", id);
				return -1;
			}
			record_add_source(r, NULL, url, first, last);
		}
	}
	return 0;
}

int
feed_sunset_parse(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause)
{
	cJSON *doc;
	const cJSON *models, *m;
	const char *format;
	char *why = NULL;
	size_t i = 0, major = strlen(FORMAT_MAJOR);
	int rc = -1;

	if ((doc = cJSON_ParseWithLength(buf, len)) == NULL) {
		set_cause(cause, "not valid JSON");
		return -1;
	}
	if (!cJSON_IsObject(doc) || get_string(doc, "format", &format) < 0 ||
	    format == NULL) {
		set_cause(cause, "not a sunset-feed document (no \"format\")");
		goto out;
	}
	if (strncmp(format, FORMAT_MAJOR, major) != 0 ||
	    (format[major] != '\0' && format[major] != '.')) {
		set_cause(cause, "unsupported format \"%s\" (want %s)", format,
		    FORMAT_MAJOR);
		goto out;
	}
	models = cJSON_GetObjectItemCaseSensitive(doc, "models");
	if (!cJSON_IsArray(models)) {
		set_cause(cause, "\"models\" must be a list");
		goto out;
	}
	cJSON_ArrayForEach(m, models) {
		if (parse_model(m, options, recordset_add(out), &why) < 0) {
			set_cause(cause, "models[%zu]: %s", i, why);
			goto out;
		}
		i++;
	}
	rc = 0;
out:
	free(why);
	cJSON_Delete(doc);
	return rc;
}

static void
add_string_or_null(cJSON *obj, const char *key, const char *s)
{
	if (s == NULL)
		cJSON_AddNullToObject(obj, key);
	else
		cJSON_AddStringToObject(obj, key, s);
}

static void
add_price(cJSON *obj, const char *key, double price)
{
	if (price < 0)
		cJSON_AddNullToObject(obj, key);
	else
		cJSON_AddNumberToObject(obj, key, price);
}

/* 1 when an earlier source of r has the same URL as source i. */
static int
seen_url(const struct record *r, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (r->sources[j].url != NULL &&
		    strcmp(r->sources[j].url, r->sources[i].url) == 0)
			return 1;
	return 0;
}

static cJSON *
model_json(const struct record *r)
{
	cJSON *m = cJSON_CreateObject(), *list, *item;
	size_t i;
	int f;

	cJSON_AddStringToObject(m, "provider", r->provider);
	cJSON_AddStringToObject(m, "id", r->id);
	list = cJSON_AddArrayToObject(m, "aliases");
	for (i = 0; i < r->naliases; i++)
		cJSON_AddItemToArray(list, cJSON_CreateString(r->aliases[i]));
	/* The stated status, not the one of a day: a reader computes the
	 * status on any day from the dates, as this daemon does. */
	add_string_or_null(m, "status", status_name(r->status));
	date_add_json(m, "announced_on", r->announced_on);
	date_add_json(m, "shutdown_on", r->shutdown_on);
	add_string_or_null(m, "shutdown_kind",
	    shutdown_kind_name(r->shutdown_kind));
	list = cJSON_AddArrayToObject(m, "replacements");
	for (i = 0; i < r->nreplacements; i++) {
		item = cJSON_CreateObject();
		cJSON_AddStringToObject(item, "provider",
		    r->replacements[i].provider);
		cJSON_AddStringToObject(item, "id", r->replacements[i].id);
		add_string_or_null(item, "note", r->replacements[i].note);
		cJSON_AddItemToArray(list, item);
	}
	add_string_or_null(m, "kind", r->kind);
	add_string_or_null(m, "scope", r->scope);
	item = NULL;
	for (f = 0; f < FIELD_N; f++) {
		if (merge_evidence_name(r->field_evidence[f]) == NULL)
			continue;
		if (item == NULL)
			item = cJSON_AddObjectToObject(m, "evidence");
		cJSON_AddStringToObject(item, field_name(f),
		    merge_evidence_name(r->field_evidence[f]));
	}
	if (item == NULL)
		cJSON_AddNullToObject(m, "evidence");
	if (record_has_pricing(r)) {
		item = cJSON_AddObjectToObject(m, "pricing");
		add_price(item, "input_per_mtok", r->input_per_mtok);
		add_price(item, "output_per_mtok", r->output_per_mtok);
		/* Left out when unknown: most models have no audio. */
		if (r->audio_input_per_mtok >= 0)
			add_price(item, "audio_input_per_mtok",
			    r->audio_input_per_mtok);
		if (r->audio_output_per_mtok >= 0)
			add_price(item, "audio_output_per_mtok",
			    r->audio_output_per_mtok);
		cJSON_AddStringToObject(item, "currency", "USD");
	} else
		cJSON_AddNullToObject(m, "pricing");
	list = cJSON_AddArrayToObject(m, "sources");
	for (i = 0; i < r->nsources; i++) {
		if (r->sources[i].url == NULL || seen_url(r, i))
			continue;
		item = cJSON_CreateObject();
		cJSON_AddStringToObject(item, "url", r->sources[i].url);
		add_string_or_null(item, "first_seen",
		    r->sources[i].first_seen);
		add_string_or_null(item, "last_seen", r->sources[i].last_seen);
		cJSON_AddItemToArray(list, item);
	}
	return m;
}

char *
feed_sunset_write(const struct record *v, size_t n, time_t generated_at,
    int pretty)
{
	cJSON *doc = cJSON_CreateObject(), *models;
	char stamp[21], *text;
	size_t i;

	date_format_time(generated_at, stamp);
	cJSON_AddStringToObject(doc, "format", FORMAT_MAJOR);
	cJSON_AddStringToObject(doc, "generated_at", stamp);
	models = cJSON_AddArrayToObject(doc, "models");
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(models, model_json(&v[i]));
	text = pretty ? cJSON_Print(doc) : cJSON_PrintUnformatted(doc);
	cJSON_Delete(doc);
	return text;
}

int
feed_sunset_restamp(char *text, time_t generated_at)
{
	static const char key[] = "\"generated_at\"";
	char stamp[21], *p;
	size_t n = strnlen(text, 64);

	/* The writer puts it second, within the first line or two. */
	if ((p = memmem(text, n, key, sizeof(key) - 1)) == NULL)
		return -1;
	for (p += sizeof(key) - 1; *p == ':' || *p == ' ' || *p == '\t'; p++)
		;
	if (*p != '"' || strnlen(p + 1, 21) < 21 || p[21] != '"')
		return -1;
	date_format_time(generated_at, stamp);
	memcpy(p + 1, stamp, 20);
	return 0;
}
