/*
 * cli_scan.c - `sunset scan`: every deprecated model id in a tree of
 * files, as text lines, JSON, SARIF 2.1.0 for code scanning or GitHub
 * Actions workflow commands, with a Markdown summary on request.
 *
 * Everything that can fail on the user's input (options, paths, ignore
 * files) is checked before the first file is read, so a scan either
 * reports on everything or stops with exit status 2 before printing.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "answer.h"
#include "catalog.h"
#include "ciformat.h"
#include "conf.h"
#include "cli.h"
#include "date.h"
#include "idscan.h"
#include "jsonw.h"
#include "log.h"
#include "provider.h"
#include "report.h"
#include "scan.h"
#include "snapshot.h"
#include "sunsetignore.h"
#include "usage.h"
#include "util.h"
#include "walk.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

static const char scan_help[] =
"usage: sunset scan [--db PATH] [--at DATE] [--within DAYS] [--notes]\n"
"                   [--format text|json|sarif|github] [--ignore FILE]\n"
"                   [--root DIR] [--summary FILE]\n"
"                   [--report URL [--label NAME] [--token-file FILE]] PATH...\n"
"\n"
"Finds every deprecated or retired model id or alias of the catalog in the\n"
"text files under each PATH: whole ids only (gpt-4 is not found in gpt-4o,\n"
"gpt-4.1 or gpt-4-0613), in any letter case; an id that is a plain word\n"
"(command, davinci) only where it is quoted or follows = : or /, not in\n"
"prose.  A spelling counts when the\n"
"model 'sunset check' answers for it is deprecated: a bare id is its\n"
"maker's, so a model one platform retires while its maker still serves it\n"
"is found where the code names the platform (azure/gpt-4o-2024-08-06), and\n"
"its bare id is a note.  Directories are walked\n"
"recursively, skipping .git, what .gitignore files ignore, binary files and\n"
"symbolic links.  Exit status: 0 nothing found, 1 something found, 2 usage\n"
"or runtime error.\n"
"\n"
"  --db PATH        read this catalog database (default: the built-in catalog)\n"
"  --at DATE        as of DATE (YYYY-MM-DD, UTC), not today\n"
"  --within DAYS    deprecated models count only when a firm shutdown is at\n"
"                   most DAYS away or no date is known (an earliest, \"not\n"
"                   before\" date is no shutdown); retired ones always count\n"
"  --format FORMAT  text (file:line:column: ..., the default), json, or\n"
"                   sarif (SARIF 2.1.0, for code scanning uploads), or\n"
"                   github (::error/::warning workflow commands)\n"
"  --root DIR       file names in SARIF and github output are relative\n"
"                   to DIR (default: the working directory)\n"
"  --summary FILE   append a Markdown summary of the findings to FILE\n"
"                   (for $GITHUB_STEP_SUMMARY), with any format\n"
"  --ignore FILE    hide the models FILE lists (default: PATH/.sunsetignore\n"
"                   for each directory PATH); lines are\n"
"                   ID [until=YYYY-MM-DD] [reason=TEXT], and '#' comments;\n"
"                   an entry hides while the date is before until\n"
"  --notes          show the notes in text and SARIF output too (JSON\n"
"                   always lists them under \"notes\"); they never count\n"
"                   for the exit status\n"
"  --list-ids       print the ids the scan finds, lower-case, one a\n"
"                   line, and exit\n"
"  --report URL     then send the models found to the daemon at URL\n"
"                   (http://127.0.0.1:7380; https, or http to this machine)\n"
"                   for its usage inventory (POST /v1/inventory); a failed\n"
"                   report is exit status 2\n"
"  --label NAME     report under NAME (letters, digits, . _ -; default: the\n"
"                   name of the git top level or directory scanned)\n"
"  --token-file FILE  send the admin token in FILE (first line; a file only\n"
"                   its owner may read)\n";

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF, FORMAT_GITHUB };

/* What the output says about a record, worked out once. */
struct model_info {
	struct answer		*answer;	/* NULL until the first match */
	char			*verdict;	/* answer_verdict's words */
	enum answer_class	 class;
	int			 rule;	/* SARIF rule index, -1 before the first */
};

struct output {
	enum format			 format;
	const struct snapshot		*snap;
	const struct record		*records;	/* snapshot_record(, 0) */
	int32_t				 as_of;
	long				 within;	/* --within, or -1 */
	const struct sunsetignore	*ignore;	/* of the current PATH */
	struct model_info		*info;		/* per record */
	const struct record		**rules;	/* SARIF, in order */
	size_t				 nrules;
	struct jsonw			 w;	/* an array: findings or results */
	struct jsonw			 notes_w;	/* an array: JSON notes */
	char				*cwd;		/* for SARIF URIs */
	char				*root;		/* --root, absolute */
	struct buf			 summary;	/* --summary rows */
	int				 want_summary;
	const char			*fp_path;	/* the file counted in */
	uint64_t			*fp_seen;	/* per record, in it */
	size_t				 found;		/* findings */
	size_t				 notes;		/* notes */
	int				 show_notes;	/* text, SARIF */
	char				*used;		/* per record: to
							 * report; or NULL */
};

/* Where the findings go besides the output: --report, --label,
 * --token-file. */
struct report_options {
	const char	*url;		/* NULL: no report */
	const char	*label;
	const char	*token_file;
};

/* The answer about r and its words, resolved at its first match. */
static struct model_info *
info_of(struct output *o, const struct record *r)
{
	struct model_info *mi = &o->info[r - o->records];

	if (mi->answer == NULL) {
		mi->answer = xmalloc(sizeof(*mi->answer));
		answer_resolve_record(mi->answer, o->snap, r, o->as_of);
		mi->verdict = answer_verdict(mi->answer, o->within,
		    &mi->class);
	}
	return mi;
}

static void
print_text(struct output *o, const struct idscan_match *m,
    const struct record *r, int note)
{
	printf("%s:%" PRIu64 ":%" PRIu64 ": %s%.*s (%s/%s) %s%s%s\n",
	    m->path, m->line, m->column, note ? "note: " : "", (int)m->len,
	    m->text, r->provider, r->id, info_of(o, r)->verdict,
	    note ? "; only on " : "", note ? provider_name(r->provider) : "");
}

/* A finding, or a note (to notes_w), as a JSON object. */
static void
write_json(struct output *o, const struct idscan_match *m,
    const struct record *r, int note)
{
	const struct answer *a = info_of(o, r)->answer;
	const struct answer_step *resolved = answer_resolved(a);
	char text[IDSCAN_ID_MAX + 1];
	struct jsonw *w = note ? &o->notes_w : &o->w;

	memcpy(text, m->text, m->len);
	text[m->len] = '\0';
	jsonw_obj_open(w);
	jsonw_key(w, "file");
	jsonw_str(w, m->path);
	jsonw_key(w, "line");
	jsonw_int(w, (long long)m->line);
	jsonw_key(w, "column");
	jsonw_int(w, (long long)m->column);
	jsonw_key(w, "match");
	jsonw_str(w, text);
	jsonw_key(w, "provider");
	jsonw_str(w, r->provider);
	jsonw_key(w, "id");
	jsonw_str(w, r->id);
	jsonw_key(w, "status");
	jsonw_str(w, status_name(a->state.status));
	jsonw_key(w, "shutdown_on");
	jsonw_date(w, r->shutdown_on);
	jsonw_key(w, "days_left");
	if (a->state.has_days)
		jsonw_int(w, a->state.days_left);
	else
		jsonw_null(w);
	jsonw_key(w, "overdue");
	jsonw_bool(w, a->state.overdue);
	jsonw_key(w, "replacement");
	jsonw_str(w, a->replacement);
	jsonw_key(w, "resolved");
	jsonw_str(w, resolved != NULL ? resolved->id : NULL);
	jsonw_obj_close(w);
}

/*
 * path as the name CI tools want, relative to root when below it (path
 * relative to cwd unless absolute), without "./".  Caller frees.
 */
static char *
root_path(const char *path, const char *cwd, const char *root)
{
	size_t n = strlen(root);
	char *abs, *rel, *q;
	const char *p;

	abs = path[0] == '/' || cwd == NULL ? xstrdup(path) :
	    xasprintf("%s/%s", cwd, path);
	while ((q = strstr(abs, "/./")) != NULL)	/* dir/./f: dir/f */
		memmove(q, q + 2, strlen(q + 2) + 1);
	for (p = abs; p[0] == '.' && p[1] == '/'; )
		for (p += 2; *p == '/'; p++)
			;
	if (strncmp(p, root, n) == 0 && (p[n] == '/' ||
	    (n == 1 && root[0] == '/'))) {
		for (p += n; *p == '/'; p++)
			;
		while (p[0] == '.' && p[1] == '/')
			for (p += 2; *p == '/'; p++)
				;
	}
	rel = xstrdup(p);
	free(abs);
	return rel;
}

/*
 * A path as a SARIF artifact URI, relative when it can be (code scanning
 * wants paths from the checkout, where CI runs the scan): without "./",
 * and absolute paths below cwd made relative to it; other absolute paths
 * become file: URIs.  Bytes other than unreserved ones and '/' are
 * percent-encoded.  Caller frees.
 */
static char *
path_uri(const char *path, const char *cwd)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)path;
	size_t n = cwd != NULL ? strlen(cwd) : 0;
	char *uri, *q;

	if (n > 1 && strncmp(path, cwd, n) == 0 && path[n] == '/')
		p += n + 1;
	while (p[0] == '.' && p[1] == '/')
		for (p += 2; *p == '/'; p++)
			;
	uri = q = xmalloc(strlen((const char *)p) * 3 + 8);
	if (*p == '/')
		q += sprintf(q, "file://");
	for (; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL)
			*q++ = (char)*p;
		else {
			*q++ = '%';
			*q++ = hex[*p >> 4];
			*q++ = hex[*p & 15];
		}
	}
	*q = '\0';
	return uri;
}

static const char *
sarif_level(struct output *o, const struct record *r)
{
	return info_of(o, r)->class == ANSWER_RETIRED ? "error" : "warning";
}

/* Length of s (n bytes of UTF-8) in UTF-16 code units. */
static uint64_t
utf16_len(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	uint64_t u = 0;
	size_t i;

	for (i = 0; i < n; i++)
		u += (p[i] & 0xc0) != 0x80 ? 1 + (p[i] >= 0xf0) : 0;
	return u;
}

/* "key": {"text": text}, SARIF's message object. */
static void
text_object(struct jsonw *w, const char *key, const char *text)
{
	jsonw_key(w, key);
	jsonw_obj_open_layout(w, JSONW_SPACED, 0);
	jsonw_key(w, "text");
	jsonw_str(w, text);
	jsonw_obj_close(w);
}

static void
write_sarif_result(struct output *o, const struct idscan_match *m,
    const struct record *r, int note)
{
	struct model_info *mi = info_of(o, r);
	char *msg, *uri, *rule, *rel, fp[17];

	if (mi->rule < 0) {
		mi->rule = (int)o->nrules;
		o->rules = xreallocarray(o->rules, o->nrules + 1,
		    sizeof(*o->rules));
		o->rules[o->nrules++] = r;
	}
	msg = xasprintf("%.*s (%s/%s) %s%s%s", (int)m->len, m->text,
	    r->provider, r->id, mi->verdict, note ? "; only on " : "",
	    note ? provider_name(r->provider) : "");
	rel = root_path(m->path, o->cwd, o->root);
	uri = path_uri(rel, NULL);
	rule = xasprintf("sunset/%s/%s", r->provider, r->id);
	if (o->fp_path == NULL || strcmp(o->fp_path, m->path) != 0) {
		memset(o->fp_seen, 0, (snapshot_count(o->snap) + 1) *
		    sizeof(*o->fp_seen));
		o->fp_path = m->path;
	}
	ci_fingerprint(fp, rule, rel, m->text, m->len,
	    o->fp_seen[r - o->records]++);
	jsonw_obj_open(&o->w);
	jsonw_key(&o->w, "ruleId");
	jsonw_str(&o->w, rule);
	jsonw_key(&o->w, "ruleIndex");
	jsonw_int(&o->w, mi->rule);
	jsonw_key(&o->w, "level");
	jsonw_str(&o->w, note ? "note" : sarif_level(o, r));
	text_object(&o->w, "message", msg);
	jsonw_key(&o->w, "locations");
	jsonw_arr_open(&o->w);
	jsonw_obj_open_layout(&o->w, JSONW_SPACED, 0);
	jsonw_key(&o->w, "physicalLocation");
	jsonw_obj_open_layout(&o->w, JSONW_SPACED, 0);
	jsonw_key(&o->w, "artifactLocation");
	jsonw_obj_open_layout(&o->w, JSONW_SPACED, 0);
	jsonw_key(&o->w, "uri");
	jsonw_str(&o->w, uri);
	if (uri[0] != '\0' && strncmp(uri, "file:", 5) != 0) {
		jsonw_key(&o->w, "uriBaseId");
		jsonw_str(&o->w, "%SRCROOT%");
	}
	jsonw_obj_close(&o->w);
	jsonw_key(&o->w, "region");
	jsonw_obj_open_layout(&o->w, JSONW_SPACED, 0);
	jsonw_key(&o->w, "startLine");
	jsonw_int(&o->w, (long long)m->line);
	jsonw_key(&o->w, "startColumn");
	jsonw_int(&o->w, (long long)m->column_utf16);
	jsonw_key(&o->w, "endColumn");
	jsonw_int(&o->w, (long long)(m->column_utf16 +
	    utf16_len(m->text, m->len)));
	jsonw_obj_close(&o->w);
	jsonw_obj_close(&o->w);
	jsonw_obj_close(&o->w);
	jsonw_arr_close(&o->w);
	jsonw_key(&o->w, "partialFingerprints");
	jsonw_obj_open_layout(&o->w, JSONW_SPACED, 0);
	jsonw_key(&o->w, "sunsetFinding/v1");
	jsonw_str(&o->w, fp);
	jsonw_obj_close(&o->w);
	jsonw_obj_close(&o->w);
	free(rel);
	free(rule);
	free(uri);
	free(msg);
}

/* A finding as a GitHub Actions workflow command: ::error for a retired
 * model, ::warning for a deprecated one, as SARIF's levels; a note is a
 * ::notice. */
static void
print_github(struct output *o, const struct idscan_match *m,
    const struct record *r, int note)
{
	struct model_info *mi = info_of(o, r);
	struct buf b;
	char *rel, *title, *msg, *s;

	rel = root_path(m->path, o->cwd, o->root);
	title = xasprintf("%s/%s is %s", r->provider, r->id,
	    status_name(mi->answer->state.status));
	msg = xasprintf("%.*s (%s/%s) %s%s%s", (int)m->len, m->text,
	    r->provider, r->id, mi->verdict, note ? "; only on " : "",
	    note ? provider_name(r->provider) : "");
	buf_init(&b, BUF_MAX_INTERNAL);
	buf_addf(&b, "::%s file=", note ? "notice" :
	    mi->class == ANSWER_RETIRED ? "error" : "warning");
	ci_escape_property(&b, rel);
	buf_addf(&b, ",line=%" PRIu64 ",col=%" PRIu64 ",title=", m->line,
	    m->column);
	ci_escape_property(&b, title);
	buf_adds(&b, "::");
	ci_escape_data(&b, msg);
	if ((s = buf_take(&b, NULL)) != NULL)
		puts(s);
	free(s);
	free(msg);
	free(title);
	free(rel);
}

/* A row of the --summary table. */
static void
add_summary_row(struct output *o, const struct idscan_match *m,
    const struct record *r)
{
	const struct answer *a = info_of(o, r)->answer;
	char *rel, *s, date[16];

	rel = root_path(m->path, o->cwd, o->root);
	s = xasprintf("%s:%" PRIu64, rel, m->line);
	buf_adds(&o->summary, "| ");
	ci_markdown_cell(&o->summary, s);
	free(s);
	buf_adds(&o->summary, " | ");
	s = xasprintf("%s/%s", r->provider, r->id);
	ci_markdown_cell(&o->summary, s);
	free(s);
	buf_adds(&o->summary, " | ");
	ci_markdown_cell(&o->summary, status_name(a->state.status));
	buf_adds(&o->summary, " | ");
	if (r->shutdown_on != DATE_NONE) {
		date_format(r->shutdown_on, date);
		buf_adds(&o->summary, date);
		if (a->state.has_days && a->state.days_left >= 0)
			buf_addf(&o->summary, " (%ld days left)",
			    (long)a->state.days_left);
		else if (a->state.has_days)
			buf_addf(&o->summary, " (%ld days ago)",
			    -(long)a->state.days_left);
	} else
		buf_adds(&o->summary, "unknown");
	buf_adds(&o->summary, " | ");
	ci_markdown_cell(&o->summary, a->replacement != NULL ?
	    a->replacement : "none named");
	buf_adds(&o->summary, " |\n");
	free(rel);
}

/* Appends the Markdown summary to file.  -1 after logging a failure. */
static int
write_summary(struct output *o, const char *file)
{
	FILE *f;
	char date[16];
	int rc = 0;

	if ((f = fopen(file, "a")) == NULL) {
		log_err("--summary: %s: %s", file, strerror(errno));
		return -1;
	}
	date_format(o->as_of, date);
	fprintf(f, "## sunset scan\n\n");
	if (o->found == 0)
		fprintf(f, "No deprecated model ids found (as of %s).\n",
		    date);
	else
		fprintf(f, "%zu deprecated model id%s found (as of %s).\n",
		    o->found, o->found == 1 ? "" : "s", date);
	if (o->notes > 0)
		fprintf(f, "%zu note%s: ids a platform retires while their "
		    "maker still serves them.\n", o->notes,
		    o->notes == 1 ? "" : "s");
	if (o->found > 0)
		fprintf(f, "\n| Where | Model | Status | Shutdown | "
		    "Replacement |\n|---|---|---|---|---|\n%s",
		    buf_str(&o->summary));
	fputc('\n', f);
	if (buf_failed(&o->summary))
		fprintf(f, "(more findings than the summary can hold)\n");
	if (ferror(f) | fclose(f)) {
		log_err("--summary: writing %s failed", file);
		rc = -1;
	}
	return rc;
}

/* 1 when the bytes found answer another record than the one found: a
 * bare id its maker still serves, which one platform retires. */
static int
is_note(const struct output *o, const struct idscan_match *m,
    const struct record *r)
{
	char text[IDSCAN_ID_MAX + 1];
	struct lookup lk;

	memcpy(text, m->text, m->len);
	text[m->len] = '\0';
	return snapshot_lookup(o->snap, text, NULL, &lk) == 0 &&
	    lk.record != NULL && lk.record != r;
}

static void
on_match(const struct idscan_match *m, void *arg)
{
	struct output *o = arg;
	const struct record *r = m->data;
	char text[IDSCAN_ID_MAX + 1];
	struct lookup lk;
	int note;

	/* A report says what the code uses, hidden or not: the model the
	 * bytes found name, as a query of them would answer. */
	if (o->used != NULL) {
		memcpy(text, m->text, m->len);
		text[m->len] = '\0';
		if (snapshot_lookup(o->snap, text, NULL, &lk) == 0 &&
		    lk.record != NULL)
			o->used[lk.record - o->records] = 1;
		else
			o->used[r - o->records] = 1;
	}
	if (o->ignore != NULL && sunsetignore_hides(o->ignore, r, o->as_of))
		return;
	note = is_note(o, m, r);
	if (note)
		o->notes++;
	else {
		o->found++;
		if (o->want_summary)
			add_summary_row(o, m, r);
	}
	if (note && !o->show_notes && o->format != FORMAT_JSON)
		return;
	switch (o->format) {
	case FORMAT_TEXT: print_text(o, m, r, note); break;
	case FORMAT_JSON: write_json(o, m, r, note); break;
	case FORMAT_SARIF: write_sarif_result(o, m, r, note); break;
	case FORMAT_GITHUB: print_github(o, m, r, note); break;
	}
}

/* Prints w's document and a newline; -1 when w failed (too large). */
static int
print_document(struct jsonw *w)
{
	char *text = jsonw_take(w);

	if (text == NULL) {
		log_err("the report is too large to print");
		return -1;
	}
	puts(text);
	free(text);
	return 0;
}

/* Takes an array written during the walk, closing it. */
static char *
take_array(struct jsonw *w)
{
	jsonw_arr_close(w);
	return jsonw_take(w);
}

static int
print_json(struct output *o)
{
	char *findings = take_array(&o->w), *notes = take_array(&o->notes_w);
	struct jsonw w;
	int rc;

	jsonw_init(&w, BUF_MAX_INTERNAL);
	jsonw_obj_open_layout(&w, JSONW_SPACED, 0);
	jsonw_key(&w, "schema_version");
	jsonw_str(&w, "1");
	jsonw_key(&w, "as_of");
	jsonw_date(&w, o->as_of);
	jsonw_key(&w, "findings");
	jsonw_raw(&w, findings);
	jsonw_key(&w, "notes");
	jsonw_raw(&w, notes);
	jsonw_obj_close(&w);
	rc = print_document(&w);
	free(findings);
	free(notes);
	return rc;
}

/* One rule of the SARIF driver: a record found. */
static void
write_sarif_rule(struct jsonw *w, struct output *o, const struct record *r)
{
	struct model_info *mi = info_of(o, r);
	const char *url;
	char *text;
	size_t j;

	for (url = NULL, j = 0; j < r->nsources && url == NULL; j++)
		url = r->sources[j].url;
	jsonw_obj_open(w);
	text = xasprintf("sunset/%s/%s", r->provider, r->id);
	jsonw_key(w, "id");
	jsonw_str(w, text);
	free(text);
	text = xasprintf("%s/%s is %s", r->provider, r->id,
	    status_name(mi->answer->state.status));
	text_object(w, "shortDescription", text);
	free(text);
	text = xasprintf("The model %s/%s is %s.", r->provider, r->id,
	    mi->verdict);
	text_object(w, "fullDescription", text);
	text_object(w, "help", text);
	free(text);
	if (url != NULL) {
		jsonw_key(w, "helpUri");
		jsonw_str(w, url);
	}
	jsonw_key(w, "defaultConfiguration");
	jsonw_obj_open_layout(w, JSONW_SPACED, 0);
	jsonw_key(w, "level");
	jsonw_str(w, sarif_level(o, r));
	jsonw_obj_close(w);
	jsonw_key(w, "properties");
	jsonw_obj_open_layout(w, JSONW_SPACED, 0);
	jsonw_key(w, "tags");
	jsonw_arr_open_layout(w, JSONW_SPACED, 0);
	jsonw_str(w, "deprecation");
	jsonw_str(w, "ai-model");
	jsonw_arr_close(w);
	jsonw_obj_close(w);
	jsonw_obj_close(w);
}

static int
print_sarif(struct output *o)
{
	char *results = take_array(&o->w), *root, *rooturi;
	struct jsonw w;
	size_t i;
	int rc;

	jsonw_init(&w, BUF_MAX_INTERNAL);
	jsonw_obj_open_layout(&w, JSONW_LINES, 2);
	jsonw_key(&w, "$schema");
	jsonw_str(&w, SARIF_SCHEMA);
	jsonw_key(&w, "version");
	jsonw_str(&w, "2.1.0");
	jsonw_key(&w, "runs");
	jsonw_arr_open_layout(&w, JSONW_LINES, 4);
	jsonw_obj_open_layout(&w, JSONW_LINES, 6);
	jsonw_key(&w, "tool");
	jsonw_obj_open_layout(&w, JSONW_SPACED, 0);
	jsonw_key(&w, "driver");
	jsonw_obj_open_layout(&w, JSONW_SPACED, 0);
	jsonw_key(&w, "name");
	jsonw_str(&w, "sunset");
	jsonw_key(&w, "version");
	jsonw_str(&w, PACKAGE_VERSION);
	jsonw_key(&w, "semanticVersion");
	jsonw_str(&w, PACKAGE_VERSION);
	/* informationUri is optional: only with a real home page. */
	if (PACKAGE_URL[0] != '\0') {
		jsonw_key(&w, "informationUri");
		jsonw_str(&w, PACKAGE_URL);
	}
	jsonw_key(&w, "rules");
	jsonw_arr_open_layout(&w, JSONW_LINES, 8);
	for (i = 0; i < o->nrules; i++)
		write_sarif_rule(&w, o, o->rules[i]);
	jsonw_arr_close(&w);
	jsonw_obj_close(&w);
	jsonw_obj_close(&w);
	jsonw_key(&w, "originalUriBaseIds");
	jsonw_obj_open_layout(&w, JSONW_SPACED, 0);
	jsonw_key(&w, "%SRCROOT%");
	jsonw_obj_open_layout(&w, JSONW_SPACED, 0);
	jsonw_key(&w, "uri");
	root = path_uri(o->root, NULL);
	rooturi = xasprintf("%s%s", root, strcmp(root, "file:///") == 0 ?
	    "" : "/");
	jsonw_str(&w, rooturi);
	free(rooturi);
	free(root);
	jsonw_obj_close(&w);
	jsonw_obj_close(&w);
	jsonw_key(&w, "columnKind");
	jsonw_str(&w, "utf16CodeUnits");
	jsonw_key(&w, "results");
	jsonw_raw(&w, results);
	jsonw_obj_close(&w);
	jsonw_arr_close(&w);
	jsonw_obj_close(&w);
	rc = print_document(&w);
	free(results);
	return rc;
}

/* Warns about entries whose until has passed: they hide nothing now. */
static void
warn_expired(const struct sunsetignore *m, int32_t as_of)
{
	char date[16];
	size_t i;

	for (i = 0; i < m->n; i++) {
		if (m->v[i].until == DATE_NONE || as_of < m->v[i].until)
			continue;
		date_format(m->v[i].until, date);
		log_warn("%s:%u: the entry for %s expired on %s; its findings "
		    "show again", m->path, m->v[i].line, m->v[i].id, date);
	}
}

static int
parse_options(int argc, char **argv, const char **db, int32_t *as_of,
    long *within, enum format *format, const char **ignore, int *list,
    int *notes, const char **root, const char **summary,
    struct report_options *report)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "at", required_argument, NULL, 'a' },
		{ "within", required_argument, NULL, 'w' },
		{ "format", required_argument, NULL, 'f' },
		{ "ignore", required_argument, NULL, 'i' },
		{ "list-ids", no_argument, NULL, 'l' },
		{ "notes", no_argument, NULL, 'n' },
		{ "report", required_argument, NULL, 'r' },
		{ "label", required_argument, NULL, 'L' },
		{ "token-file", required_argument, NULL, 't' },
		{ "root", required_argument, NULL, 'R' },
		{ "summary", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': *db = optarg; break;
		case 'a':
			if (cli_parse_at(optarg, as_of) < 0)
				return -1;
			break;
		case 'w':
			if (cli_parse_within(optarg, within) < 0)
				return -1;
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0)
				*format = FORMAT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				*format = FORMAT_JSON;
			else if (strcmp(optarg, "sarif") == 0)
				*format = FORMAT_SARIF;
			else if (strcmp(optarg, "github") == 0)
				*format = FORMAT_GITHUB;
			else {
				log_err("--format wants text, json, sarif or "
				    "github, "
				    "not \"%s\"", optarg);
				return -1;
			}
			break;
		case 'i': *ignore = optarg; break;
		case 'l': *list = 1; break;
		case 'n': *notes = 1; break;
		case 'r': report->url = optarg; break;
		case 'L':
			if (!usage_label_ok(optarg)) {
				log_err("--label wants 1 to %d letters, digits, "
				    "'.', '_' or '-', starting with a letter or "
				    "digit, not \"%s\"", USAGE_LABEL_MAX, optarg);
				return -1;
			}
			report->label = optarg;
			break;
		case 't': report->token_file = optarg; break;
		case 'R': *root = optarg; break;
		case 'S': *summary = optarg; break;
		default:
			fputs(scan_help, stderr);
			return -1;
		}
	}
	if (optind == argc && !*list) {
		fputs(scan_help, stderr);
		return -1;
	}
	if (report->url == NULL && (report->label != NULL ||
	    report->token_file != NULL)) {
		log_err("--label and --token-file go with --report");
		return -1;
	}
	return 0;
}

/*
 * Sends the models o->used marks to the daemon.  Returns 0, or -1 after
 * logging why.
 */
static int
send_report(const struct output *o, const struct report_options *ro,
    const char *label, const char *token)
{
	struct report_model *v;
	size_t i, n = 0, recorded = 0, unknown = 0;
	char *cause = NULL;
	int rc;

	v = xcalloc(snapshot_count(o->snap) + 1, sizeof(*v));
	for (i = 0; i < snapshot_count(o->snap); i++)
		if (o->used[i]) {
			v[n].provider = o->records[i].provider;
			v[n++].id = o->records[i].id;
		}
	rc = report_post(ro->url, label, token, v, n, &recorded, &unknown,
	    &cause);
	if (rc < 0)
		log_err("--report: %s", cause);
	else
		log_notice("reported %zu model%s to %s as \"%s\"%s", recorded,
		    recorded == 1 ? "" : "s", ro->url, label, unknown > 0 ?
		    "; some are unknown to its catalog" : "");
	free(cause);
	free(v);
	return rc;
}

/*
 * Reads the ignore files: FILE for every PATH, or each directory PATH's
 * .sunsetignore when there is one.  models[i] is PATH i's (NULL: none).
 */
static int
read_ignores(const struct snapshot *snap, const char *file, char **paths,
    int n, int32_t as_of, struct sunsetignore *models,
    struct sunsetignore **of, struct walk_skip *skip)
{
	struct stat st;
	char *cause = NULL, *path;
	int i, nread = 0;

	if (file != NULL) {
		if (sunsetignore_read(&models[0], snap, file, &cause) < 0)
			goto fail;
		warn_expired(&models[0], as_of);
		if (stat(file, &st) == 0) {
			skip->dev = (uint64_t)st.st_dev;
			skip->ino = (uint64_t)st.st_ino;
			skip->set = 1;
		}
		for (i = 0; i < n; i++)
			of[i] = &models[0];
		return 0;
	}
	for (i = 0; i < n; i++) {
		of[i] = NULL;
		if (stat(paths[i], &st) < 0 || !S_ISDIR(st.st_mode))
			continue;
		path = xasprintf("%s%s.sunsetignore", paths[i],
		    paths[i][strlen(paths[i]) - 1] == '/' ? "" : "/");
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if (sunsetignore_read(&models[nread], snap, path,
			    &cause) < 0) {
				free(path);
				goto fail;
			}
			warn_expired(&models[nread], as_of);
			of[i] = &models[nread++];
		}
		free(path);
	}
	return 0;
fail:
	log_err("%s", cause);
	free(cause);
	return -1;
}

int
cmd_scan(int argc, char **argv)
{
	const char *db = NULL, *ignore = NULL, *root = NULL, *summary = NULL;
	enum format format = FORMAT_TEXT;
	struct sunsetignore *models = NULL, **of = NULL;
	struct snapshot *snap = NULL;
	struct idscan_set *set = NULL;
	struct walk_stats stats;
	struct walk_skip skip;
	struct output o;
	int32_t as_of = date_today();
	long within = -1;
	int list = 0, notes = 0, i, npaths, rc = EXIT_TROUBLE;
	struct report_options ro;
	struct lookup lk;
	char *cause = NULL, **paths, *label = NULL, *token = NULL;
	size_t k;

	if (cli_wants_help(argc, argv)) {
		fputs(scan_help, stdout);
		return 0;
	}
	memset(&ro, 0, sizeof(ro));
	if (parse_options(argc, argv, &db, &as_of, &within, &format,
	    &ignore, &list, &notes, &root, &summary, &ro) < 0)
		return EXIT_TROUBLE;
	paths = argv + optind;
	npaths = argc - optind;
	if (cli_check_paths(paths, npaths) < 0)
		return EXIT_TROUBLE;
	if (ro.url != NULL && report_check_url(ro.url, &cause) < 0) {
		log_err("--report: %s", cause);
		free(cause);
		return EXIT_TROUBLE;
	}
	if (ro.url != NULL && ro.token_file != NULL &&
	    (token = conf_read_token(ro.token_file, &cause)) == NULL) {
		log_err("--token-file: %s", cause);
		free(cause);
		return EXIT_TROUBLE;
	}
	if (ro.url != NULL)
		label = ro.label != NULL ? xstrdup(ro.label) :
		    report_default_label(npaths > 0 ? paths[0] : ".");
	if ((snap = cli_open_snapshot(db)) == NULL)
		goto out;
	set = scan_set_from_snapshot(snap, as_of, within);
	if (list) {
		/* The findings' ids: a note's answers another record. */
		for (k = 0; k < idscan_set_count(set); k++)
			if (snapshot_lookup(snap, idscan_set_id(set, k), NULL,
			    &lk) == 0 && lk.record == idscan_set_data(set, k))
				puts(idscan_set_id(set, k));
		rc = 0;
		goto out;
	}

	memset(&o, 0, sizeof(o));
	memset(&skip, 0, sizeof(skip));
	memset(&stats, 0, sizeof(stats));
	models = xcalloc((size_t)npaths, sizeof(*models));
	of = xcalloc((size_t)npaths, sizeof(*of));
	if (read_ignores(snap, ignore, paths, npaths, as_of, models, of,
	    &skip) < 0)
		goto out;
	o.format = format;
	o.show_notes = notes;
	o.snap = snap;
	o.records = snapshot_count(snap) > 0 ? snapshot_record(snap, 0) : NULL;
	o.as_of = as_of;
	o.within = within;
	o.cwd = getcwd(NULL, 0);
	if ((o.root = realpath(root != NULL ? root : ".", NULL)) == NULL) {
		log_err("--root: %s: %s", root != NULL ? root : ".",
		    strerror(errno));
		free(o.cwd);
		goto out;
	}
	o.fp_seen = xcalloc(snapshot_count(snap) + 1, sizeof(*o.fp_seen));
	buf_init(&o.summary, BUF_MAX_INTERNAL);
	o.want_summary = summary != NULL;
	o.info = xcalloc(snapshot_count(snap) + 1, sizeof(*o.info));
	/* The findings, notes or results go into arrays written as the
	 * walk finds them, one a line; print_json and print_sarif place
	 * them in their documents. */
	jsonw_init(&o.w, BUF_MAX_INTERNAL);
	jsonw_init(&o.notes_w, BUF_MAX_INTERNAL);
	if (format == FORMAT_JSON) {
		jsonw_arr_open_layout(&o.w, JSONW_LINES, 4);
		jsonw_arr_open_layout(&o.notes_w, JSONW_LINES, 4);
	} else if (format == FORMAT_SARIF)
		jsonw_arr_open_layout(&o.w, JSONW_LINES, 8);
	for (k = 0; k < snapshot_count(snap); k++)
		o.info[k].rule = -1;
	if (ro.url != NULL)
		o.used = xcalloc(snapshot_count(snap) + 1, 1);
	rc = 0;
	for (i = 0; i < npaths; i++) {
		o.ignore = of[i];
		if (walk_path(set, paths[i], &skip, &stats, on_match, &o,
		    &cause) < 0) {
			log_err("%s", cause);
			free(cause);
			cause = NULL;
			rc = EXIT_TROUBLE;
		}
	}
	if ((format == FORMAT_JSON && print_json(&o) < 0) ||
	    (format == FORMAT_SARIF && print_sarif(&o) < 0))
		rc = EXIT_TROUBLE;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		log_err("writing the output failed");
		rc = EXIT_TROUBLE;
	}
	if (summary != NULL && write_summary(&o, summary) < 0)
		rc = EXIT_TROUBLE;
	if ((format == FORMAT_TEXT || format == FORMAT_GITHUB) && !notes &&
	    o.notes > 0)
		log_notice("%zu note%s: ids a platform retires while their "
		    "maker still serves them (--notes shows them)", o.notes,
		    o.notes == 1 ? "" : "s");
	if (rc == 0 && o.found > 0)
		rc = EXIT_DEPRECATED;
	if (ro.url != NULL && send_report(&o, &ro, label, token) < 0)
		rc = EXIT_TROUBLE;
	for (k = 0; k < snapshot_count(snap); k++) {
		free(o.info[k].answer);
		free(o.info[k].verdict);
	}
	free(o.info);
	free(o.used);
	free(o.rules);
	free(o.cwd);
	free(o.root);
	free(o.fp_seen);
	buf_free(&o.summary);
	jsonw_free(&o.w);
	jsonw_free(&o.notes_w);
out:
	for (i = 0; models != NULL && i < npaths; i++)
		sunsetignore_clear(&models[i]);
	free(models);
	free(of);
	idscan_set_free(set);
	snapshot_unref(snap);
	if (token != NULL)
		explicit_bzero(token, strlen(token));
	free(token);
	free(label);
	return rc;
}
