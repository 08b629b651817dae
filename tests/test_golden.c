/*
 * test_golden.c - golden cases for every feed format.
 *
 * tests/golden/FORMAT/NAME.in is a feed document written for the project;
 * NAME.provider (optional) holds the provider option; NAME.want holds the
 * records the parser must produce, as a JSON array of the fields it states;
 * or NAME.error holds a text the parser's error must contain.  Run with
 * GOLDEN_UPDATE=1 to write the .want files of new cases (then read them!).
 *
 * A model-list API's format (feed_format.api) is always asked for the
 * account's ids and the next page: NAME.region (optional) holds the region
 * option, NAME.account the ids it must give, one a line in the order
 * given (none when absent), and NAME.next the cursor (NULL when absent).
 * A refused document must give neither.
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "feed.h"
#include "tap.h"
#include "util.h"

static void
add_str(cJSON *o, const char *key, const char *s)
{
	if (s == NULL)
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddStringToObject(o, key, s);
}

/* What a parser states about a record, as JSON. */
static cJSON *
dump(const struct recordset *set)
{
	cJSON *all = cJSON_CreateArray(), *o, *list, *item;
	const struct record *r;
	size_t i, j;

	for (i = 0; i < set->n; i++) {
		r = &set->v[i];
		o = cJSON_CreateObject();
		add_str(o, "provider", r->provider);
		add_str(o, "id", r->id);
		list = cJSON_AddArrayToObject(o, "aliases");
		for (j = 0; j < r->naliases; j++)
			cJSON_AddItemToArray(list,
			    cJSON_CreateString(r->aliases[j]));
		add_str(o, "status", status_name(r->status));
		date_add_json(o, "announced_on", r->announced_on);
		date_add_json(o, "shutdown_on", r->shutdown_on);
		add_str(o, "shutdown_kind", shutdown_kind_name(r->shutdown_kind));
		list = cJSON_AddArrayToObject(o, "replacements");
		for (j = 0; j < r->nreplacements; j++) {
			item = cJSON_CreateObject();
			add_str(item, "provider", r->replacements[j].provider);
			add_str(item, "id", r->replacements[j].id);
			add_str(item, "note", r->replacements[j].note);
			cJSON_AddItemToArray(list, item);
		}
		add_str(o, "kind", r->kind);
		add_str(o, "scope", r->scope);
		if (record_has_pricing(r)) {
			item = cJSON_AddObjectToObject(o, "pricing");
			cJSON_AddNumberToObject(item, "input_per_mtok",
			    r->input_per_mtok);
			cJSON_AddNumberToObject(item, "output_per_mtok",
			    r->output_per_mtok);
			if (r->audio_input_per_mtok >= 0)
				cJSON_AddNumberToObject(item,
				    "audio_input_per_mtok",
				    r->audio_input_per_mtok);
			if (r->audio_output_per_mtok >= 0)
				cJSON_AddNumberToObject(item,
				    "audio_output_per_mtok",
				    r->audio_output_per_mtok);
		}
		list = cJSON_AddArrayToObject(o, "sources");
		for (j = 0; j < r->nsources; j++)
			cJSON_AddItemToArray(list, r->sources[j].url != NULL ?
			    cJSON_CreateString(r->sources[j].url) :
			    cJSON_CreateNull());
		cJSON_AddItemToArray(all, o);
	}
	return all;
}

static char *
slurp(const char *dir, const char *name, const char *ext, size_t *len)
{
	char *path = xasprintf("%s/%s.%s", dir, name, ext), *text;

	text = read_file(path, 64 * 1024 * 1024, len, NULL);
	free(path);
	return text;
}

/* The first line of NAME.ext, or NULL when there is no such file. */
static char *
slurp_line(const char *dir, const char *name, const char *ext)
{
	char *text;

	if ((text = slurp(dir, name, ext, NULL)) != NULL)
		text[strcspn(text, "\r\n")] = '\0';
	return text;
}

/* The account ids as NAME.account writes them: one a line. */
static char *
account_text(const struct feed_account *a)
{
	char *text = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < a->n; i++) {
		t = xasprintf("%s%s\n", text, a->ids[i]);
		free(text);
		text = t;
	}
	return text;
}

/* Checks what an API format says of the account and the next page. */
static void
check_api(const struct feed_format *fmt, const char *dir, const char *name,
    int refused, const struct feed_account *account, const char *next)
{
	char *want_account, *want_next, *have;

	have = account_text(account);
	if (refused) {
		ok(account->n == 0 && next == NULL,
		    "%s/%s: a refused page gives no ids and no next page",
		    fmt->name, name);
		free(have);
		return;
	}
	if ((want_account = slurp(dir, name, "account", NULL)) == NULL)
		want_account = xstrdup("");
	want_next = slurp_line(dir, name, "next");
	is_str(have, want_account, "%s/%s gives the expected account ids",
	    fmt->name, name);
	is_str(next, want_next, "%s/%s gives the expected next page",
	    fmt->name, name);
	free(want_next);
	free(want_account);
	free(have);
}

static void
run_case(const struct feed_format *fmt, const char *dir, const char *name)
{
	static char unset[] = "(not set)";
	struct feed_options options = { NULL, NULL, NULL, NULL };
	struct feed_account account = { NULL, 0, 0 };
	struct recordset got = { 0 };
	char *in, *provider, *region, *want_text, *error, *cause = NULL;
	char *path, *text, *next = unset;
	cJSON *want, *have;
	size_t len;
	int rc;
	FILE *f;

	in = slurp(dir, name, "in", &len);
	if ((provider = slurp_line(dir, name, "provider")) != NULL)
		options.provider = provider;
	if ((region = slurp_line(dir, name, "region")) != NULL)
		options.region = region;
	if (fmt->api != NULL) {
		options.account = &account;
		options.next = &next;
	}
	rc = fmt->parse(in, len, &options, &got, &cause);
	error = slurp_line(dir, name, "error");
	if (fmt->api != NULL)
		check_api(fmt, dir, name, error != NULL, &account,
		    next == unset ? "(not set)" : next);
	if (error != NULL) {
		ok(rc < 0 && cause != NULL && strstr(cause, error) != NULL,
		    "%s/%s is refused: %s", fmt->name, name, error);
		if (cause != NULL)
			printf("#   cause: %s\n", cause);
		goto out;
	}
	if (!ok(rc == 0, "%s/%s parses", fmt->name, name)) {
		printf("#   %s\n", cause);
		goto out;
	}
	have = dump(&got);
	want_text = slurp(dir, name, "want", NULL);
	if (want_text == NULL && getenv("GOLDEN_UPDATE") != NULL) {
		path = xasprintf("%s/%s.want", dir, name);
		text = cJSON_Print(have);
		if ((f = fopen(path, "w")) != NULL) {
			fprintf(f, "%s\n", text);
			fclose(f);
		}
		free(text);
		free(path);
		want_text = slurp(dir, name, "want", NULL);
	}
	want = want_text != NULL ? cJSON_Parse(want_text) : NULL;
	if (!ok(want != NULL && cJSON_Compare(have, want, 1),
	    "%s/%s gives the expected records", fmt->name, name)) {
		text = cJSON_PrintUnformatted(have);
		printf("#   got: %s\n", text);
		free(text);
	}
	cJSON_Delete(want);
	cJSON_Delete(have);
	free(want_text);
out:
	if (next != unset)
		free(next);
	feed_account_clear(&account);
	recordset_clear(&got);
	free(cause);
	free(error);
	free(region);
	free(provider);
	free(in);
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int
main(void)
{
	const char *srcdir = getenv("SRCDIR") ? getenv("SRCDIR") : ".";
	const struct feed_format *fmt;
	struct dirent **names;
	char *dir, *dot;
	int i, n, cases;

	xcjson_init();
	for (fmt = feed_formats; fmt->name != NULL; fmt++) {
		dir = xasprintf("%s/tests/golden/%s", srcdir, fmt->name);
		cases = 0;
		n = scandir(dir, &names, NULL, by_name);
		for (i = 0; i < n; i++) {
			dot = strrchr(names[i]->d_name, '.');
			if (dot != NULL && strcmp(dot, ".in") == 0) {
				*dot = '\0';
				run_case(fmt, dir, names[i]->d_name);
				cases++;
			}
			free(names[i]);
		}
		if (n >= 0)
			free(names);
		ok(cases > 0, "format %s has golden cases", fmt->name);
		free(dir);
	}
	return tap_done();
}
