/*
 * guide.c - the migration guide: client errors by provider, checklists
 * by kind, find commands and quick fixes.
 *
 * The content is data/guide (data/README), compiled in: one file of
 * errors per provider, one checklist per kind, and per API shape the
 * same call as a template in each language.  Adding a provider or a
 * kind is adding a file, not a branch.  The files are read once, on
 * first use, into tables that live as long as the program; make check
 * reads and expands every one of them (guide_check), so reading never
 * fails in a built binary.  Invariant: an id from a feed or a query
 * reaches a snippet only through tmpl, escaped for the place it lands in
 * (string literal, JSON in a shell word, URL, shell word), so no id can
 * break out of the code it is shown in.
 */
#include "config.h"

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "embedded.h"
#include "guide.h"
#include "log.h"
#include "provider.h"
#include "tmpl.h"
#include "util.h"

#define ERRORS_DIR	"guide/errors/"
#define CHECKLISTS_DIR	"guide/checklists/"
#define FIXES_FILE	"guide/fixes.txt"
#define FIXES_DIR	"guide/fixes/"

/* What the templates of each language are written in, and their files. */
static const struct {
	const char	*name;
	const char	*ext;
	enum tmpl_ctx	 ctx;
} langs[GUIDE_NLANGS] = {
	[GUIDE_PYTHON] = { "Python", "py", TMPL_JSON },
	[GUIDE_JAVASCRIPT] = { "JavaScript", "js", TMPL_JSON },
	[GUIDE_CURL] = { "curl", "sh", TMPL_SH },
};

/* The errors of one provider: data/guide/errors/PROVIDER.txt. */
struct error_set {
	char			*provider;
	char			*note;
	struct guide_error	*v;
	size_t			 n;
};

/* data/guide/checklists/KIND.txt */
struct checklist {
	char	*kind;
	char	*title;
	char	**items;	/* NULL-terminated */
	size_t	 n;
};

/* One API a model's calls may go to: a record of data/guide/fixes.txt
 * and its templates, data/guide/fixes/NAME.py, .js and .sh. */
struct shape {
	char		*name;
	char		*provider;	/* the fit: NULL fits anything */
	char		*kind;
	char		*word;		/* looked for in the id */
	char		*api;
	char		*note;
	const char	*code[GUIDE_NLANGS];	/* embedded */
};

struct content {
	struct error_set	*errors;
	size_t			 nerrors;
	struct checklist	*checklists;
	size_t			 nchecklists;
	struct shape		*shapes;	/* in the order tried */
	size_t			 nshapes;
};

/* ASCII letters and digits, whatever the locale. */
static int
is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* ---- reading the files -------------------------------------------- */

/* One "name: value" of a file. */
struct line_field {
	char	*name;
	char	*value;		/* NULL once a table took it */
	int	 line;
};

static void
fields_free(struct line_field *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(f[i].name);
		free(f[i].value);
	}
	free(f);
}

/*
 * The fields of text: "name: value" lines; a line that starts with a
 * space or a tab goes on with the value before it, joined with one
 * space; empty lines and lines that start with # are skipped.  Sets
 * *out (freed with fields_free) and *nout, or returns -1 with *cause.
 */
static int
read_fields(const char *text, struct line_field **out, size_t *nout,
    char **cause)
{
	struct line_field *f = NULL;
	const char *p, *eol, *colon, *end;
	char *joined;
	size_t n = 0;
	int line = 0;

	for (p = text; *p != '\0'; p = *eol != '\0' ? eol + 1 : eol) {
		eol = strchrnul(p, '\n');
		line++;
		for (end = eol; end > p && (end[-1] == ' ' || end[-1] == '\t');
		    end--)
			;
		if (p == end || *p == '#')
			continue;
		if (*p == ' ' || *p == '\t') {
			if (n == 0) {
				set_cause(cause, "line %d: an indented line "
				    "continues nothing", line);
				goto fail;
			}
			p += strspn(p, " \t");
			joined = xasprintf("%s %.*s", f[n - 1].value,
			    (int)(end - p), p);
			free(f[n - 1].value);
			f[n - 1].value = joined;
			continue;
		}
		if ((colon = memchr(p, ':', (size_t)(end - p))) == NULL) {
			set_cause(cause, "line %d: not \"name: value\"", line);
			goto fail;
		}
		f = xreallocarray(f, n + 1, sizeof(*f));
		f[n].name = xstrndup(p, (size_t)(colon - p));
		for (colon++; colon < end && (*colon == ' ' || *colon == '\t');
		    colon++)
			;
		f[n].value = xstrndup(colon, (size_t)(end - colon));
		f[n].line = line;
		n++;
	}
	*out = f;
	*nout = n;
	return 0;
fail:
	fields_free(f, n);
	return -1;
}

/* Where a field goes in a record: the char * at offset. */
struct slot {
	const char	*name;
	size_t		 offset;
};

/* Moves f's value into the slot of rec it names, which must be empty.
 * Returns -1 with *cause when no slot has that name or it is taken. */
static int
set_field(void *rec, const struct slot *slots, size_t nslots,
    struct line_field *f, char **cause)
{
	const char **to;
	size_t i;

	for (i = 0; i < nslots; i++) {
		if (strcmp(slots[i].name, f->name) != 0)
			continue;
		to = (const char **)(void *)((char *)rec + slots[i].offset);
		if (*to != NULL)
			break;
		*to = f->value;
		f->value = NULL;
		return 0;
	}
	set_cause(cause, "line %d: unexpected \"%s\"", f->line, f->name);
	return -1;
}

/* The first empty slot of rec, by name, or NULL when all are set. */
static const char *
missing_field(const void *rec, const struct slot *slots, size_t nslots)
{
	size_t i;

	for (i = 0; i < nslots; i++)
		if (*(const char *const *)(const void *)((const char *)rec +
		    slots[i].offset) == NULL)
			return slots[i].name;
	return NULL;
}

/* Expands tpl in ctx with vars, to check it; -1 with *cause. */
static int
try_expand(const char *tpl, enum tmpl_ctx ctx, const struct tmpl_var *vars,
    char **cause)
{
	struct buf b;
	int rc;

	buf_init(&b, BUF_MAX_INTERNAL);
	rc = tmpl_expand(&b, tpl, ctx, vars, cause);
	buf_free(&b);
	return rc;
}

/* Values the checks expand every template with: the worst an id can
 * hold. */
static const struct tmpl_var id_vars[] = {
	{ "id", "<i>'x\"\n\\y" },
	{ NULL, NULL }
};
static const struct tmpl_var fix_vars[] = {
	{ "model", "<i>'x\"\n\\y" },
	{ "base", "https://API.EXAMPLE/v1" },
	{ "key", "EXAMPLE_API_KEY" },
	{ NULL, NULL }
};

static const struct slot error_slots[] = {
	{ "code", offsetof(struct guide_error, code) },
	{ "message", offsetof(struct guide_error, message) },
	{ "when", offsetof(struct guide_error, when) },
};

/* An errors file: a note, then per error its status, code, message and
 * when, the last two templates of {{id}}. */
static int
read_errors(struct error_set *set, const char *text, char **cause)
{
	static const struct slot note_slot[] = {
		{ "note", offsetof(struct error_set, note) },
	};
	struct guide_error *e;
	struct line_field *f;
	const char *missing;
	size_t i, n;
	char *end;
	int rc = -1;

	if (read_fields(text, &f, &n, cause) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (strcmp(f[i].name, "status") == 0) {
			set->v = xreallocarray(set->v, set->n + 1,
			    sizeof(*set->v));
			e = memset(&set->v[set->n++], 0, sizeof(*e));
			e->status = (unsigned)strtoul(f[i].value, &end, 10);
			if (*end != '\0' || e->status < 100 ||
			    e->status > 599) {
				set_cause(cause, "line %d: not an HTTP status",
				    f[i].line);
				goto out;
			}
		} else if (set->n == 0) {
			if (set_field(set, note_slot, 1, &f[i], cause) < 0)
				goto out;
		} else if (set_field(&set->v[set->n - 1], error_slots,
		    NELEM(error_slots), &f[i], cause) < 0)
			goto out;
	}
	for (i = 0; i < set->n; i++) {
		e = &set->v[i];
		if ((missing = missing_field(e, error_slots,
		    NELEM(error_slots))) != NULL) {
			set_cause(cause, "the error with status %u has no %s",
			    e->status, missing);
			goto out;
		}
		if (try_expand(e->message, TMPL_TEXT, id_vars, cause) < 0 ||
		    try_expand(e->when, TMPL_TEXT, id_vars, cause) < 0)
			goto out;
	}
	if (set->n == 0) {
		set_cause(cause, "no error");
		goto out;
	}
	rc = 0;
out:
	fields_free(f, n);
	return rc;
}

/* A checklist file: its title, then one item per line of it. */
static int
read_checklist(struct checklist *c, const char *text, char **cause)
{
	static const struct slot title_slot[] = {
		{ "title", offsetof(struct checklist, title) },
	};
	struct line_field *f;
	size_t i, n;
	int rc = -1;

	if (read_fields(text, &f, &n, cause) < 0)
		return -1;
	c->items = xcalloc(n + 1, sizeof(*c->items));
	for (i = 0; i < n; i++) {
		if (strcmp(f[i].name, "item") == 0) {
			c->items[c->n++] = f[i].value;
			f[i].value = NULL;
		} else if (set_field(c, title_slot, 1, &f[i], cause) < 0)
			goto out;
	}
	if (c->title == NULL || c->n == 0) {
		set_cause(cause, "a checklist needs a title and an item");
		goto out;
	}
	rc = 0;
out:
	fields_free(f, n);
	return rc;
}

static const struct slot shape_slots[] = {
	{ "api", offsetof(struct shape, api) },
	{ "provider", offsetof(struct shape, provider) },
	{ "kind", offsetof(struct shape, kind) },
	{ "word", offsetof(struct shape, word) },
	{ "note", offsetof(struct shape, note) },
};

/* fixes.txt, and the templates of each shape it names. */
static int
read_shapes(struct content *c, const char *text, char **cause)
{
	struct shape *s;
	struct line_field *f;
	char name[256];
	const struct embedded_file *file;
	size_t i, n;
	int lang, rc = -1;

	if (read_fields(text, &f, &n, cause) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (strcmp(f[i].name, "shape") == 0) {
			c->shapes = xreallocarray(c->shapes, c->nshapes + 1,
			    sizeof(*c->shapes));
			s = memset(&c->shapes[c->nshapes++], 0, sizeof(*s));
			s->name = f[i].value;
			f[i].value = NULL;
		} else if (c->nshapes == 0) {
			set_cause(cause, "line %d: \"%s\" before the first "
			    "shape", f[i].line, f[i].name);
			goto out;
		} else if (set_field(&c->shapes[c->nshapes - 1], shape_slots,
		    NELEM(shape_slots), &f[i], cause) < 0)
			goto out;
	}
	for (i = 0; i < c->nshapes; i++) {
		s = &c->shapes[i];
		if (s->api == NULL) {
			set_cause(cause, "shape %s has no api", s->name);
			goto out;
		}
		for (lang = 0; lang < GUIDE_NLANGS; lang++) {
			snprintf(name, sizeof(name), FIXES_DIR "%s.%s",
			    s->name, langs[lang].ext);
			if ((file = embedded_find(name)) == NULL) {
				set_cause(cause, "%s is missing", name);
				goto out;
			}
			s->code[lang] = file->data;
			if (try_expand(s->code[lang], langs[lang].ctx,
			    fix_vars, cause) < 0) {
				set_cause(cause, "%s: %s", name, *cause);
				goto out;
			}
		}
	}
	s = c->nshapes > 0 ? &c->shapes[c->nshapes - 1] : NULL;
	if (s == NULL || s->provider != NULL || s->kind != NULL ||
	    s->word != NULL) {
		set_cause(cause, "the last shape must fit any model");
		goto out;
	}
	rc = 0;
out:
	fields_free(f, n);
	return rc;
}

/* Whether a file under guide/ is one of shape's templates. */
static int
is_template(const struct content *c, const char *name)
{
	char want[256];
	size_t i;
	int lang;

	for (i = 0; i < c->nshapes; i++)
		for (lang = 0; lang < GUIDE_NLANGS; lang++) {
			snprintf(want, sizeof(want), FIXES_DIR "%s.%s",
			    c->shapes[i].name, langs[lang].ext);
			if (strcmp(want, name) == 0)
				return 1;
		}
	return 0;
}

/* The part of name after dir and before ".txt", or NULL. */
static char *
stem(const char *name, const char *dir)
{
	size_t n = strlen(name), d = strlen(dir);

	if (strncmp(name, dir, d) != 0 || n < d + 5 ||
	    strcmp(name + n - 4, ".txt") != 0 ||
	    memchr(name + d, '/', n - d) != NULL)
		return NULL;
	return xstrndup(name + d, n - d - 4);
}

static void
content_free(struct content *c)
{
	size_t i, j;

	for (i = 0; i < c->nerrors; i++) {
		for (j = 0; j < c->errors[i].n; j++) {
			free((char *)c->errors[i].v[j].code);
			free((char *)c->errors[i].v[j].message);
			free((char *)c->errors[i].v[j].when);
		}
		free(c->errors[i].v);
		free(c->errors[i].provider);
		free(c->errors[i].note);
	}
	free(c->errors);
	for (i = 0; i < c->nchecklists; i++) {
		for (j = 0; j < c->checklists[i].n; j++)
			free(c->checklists[i].items[j]);
		free(c->checklists[i].items);
		free(c->checklists[i].kind);
		free(c->checklists[i].title);
	}
	free(c->checklists);
	for (i = 0; i < c->nshapes; i++) {
		free(c->shapes[i].name);
		free(c->shapes[i].provider);
		free(c->shapes[i].kind);
		free(c->shapes[i].word);
		free(c->shapes[i].api);
		free(c->shapes[i].note);
	}
	free(c->shapes);
	memset(c, 0, sizeof(*c));
}

/* Reads every file under data/guide into c, checking each: nothing
 * missing, nothing unknown, every template expands.  Returns -1 with
 * *cause (cause not NULL) naming the file. */
static int
content_read(struct content *c, char **cause)
{
	const struct embedded_file *file;
	char *name;
	size_t i;

	memset(c, 0, sizeof(*c));
	if ((file = embedded_find(FIXES_FILE)) == NULL) {
		set_cause(cause, "%s is missing", FIXES_FILE);
		goto fail;
	}
	if (read_shapes(c, file->data, cause) < 0) {
		set_cause(cause, "%s: %s", FIXES_FILE, *cause);
		goto fail;
	}
	for (i = 0; i < embedded_nfiles; i++) {
		file = &embedded_files[i];
		if (strncmp(file->name, "guide/", 6) != 0 ||
		    strcmp(file->name, FIXES_FILE) == 0 ||
		    is_template(c, file->name))
			continue;
		if ((name = stem(file->name, ERRORS_DIR)) != NULL) {
			c->errors = xreallocarray(c->errors, c->nerrors + 1,
			    sizeof(*c->errors));
			memset(&c->errors[c->nerrors], 0, sizeof(*c->errors));
			c->errors[c->nerrors].provider = name;
			if (read_errors(&c->errors[c->nerrors++], file->data,
			    cause) < 0)
				goto bad;
		} else if ((name = stem(file->name, CHECKLISTS_DIR)) != NULL) {
			c->checklists = xreallocarray(c->checklists,
			    c->nchecklists + 1, sizeof(*c->checklists));
			memset(&c->checklists[c->nchecklists], 0,
			    sizeof(*c->checklists));
			c->checklists[c->nchecklists].kind = name;
			if (read_checklist(&c->checklists[c->nchecklists++],
			    file->data, cause) < 0)
				goto bad;
		} else {
			set_cause(cause, "no use for it");
			goto bad;
		}
	}
	for (i = 0; i < c->nerrors && strcmp(c->errors[i].provider,
	    "generic") != 0; i++)
		;
	if (i == c->nerrors) {
		set_cause(cause, ERRORS_DIR "generic.txt is missing");
		goto fail;
	}
	for (i = 0; i < c->nchecklists && strcmp(c->checklists[i].kind,
	    "any") != 0; i++)
		;
	if (i == c->nchecklists) {
		set_cause(cause, CHECKLISTS_DIR "any.txt is missing");
		goto fail;
	}
	return 0;
bad:
	set_cause(cause, "%s: %s", file->name, *cause);
fail:
	content_free(c);
	return -1;
}

static struct content content;
static pthread_once_t content_once = PTHREAD_ONCE_INIT;

static void
content_load(void)
{
	char *cause = NULL;

	/* Only a broken build gets here: make check reads the same files. */
	if (content_read(&content, &cause) < 0) {
		log_err("data/guide: %s", cause);
		abort();
	}
}

static const struct content *
get(void)
{
	pthread_once(&content_once, content_load);
	return &content;
}

int
guide_check(char **cause)
{
	struct content c;
	char *why = NULL;

	if (content_read(&c, &why) < 0) {
		set_cause(cause, "%s", why);
		free(why);
		return -1;
	}
	content_free(&c);
	return 0;
}

/* ---- client errors ------------------------------------------------ */

static const struct error_set *
errors_of(const char *provider)
{
	const struct content *c = get();
	const struct error_set *generic = NULL;
	size_t i;

	for (i = 0; i < c->nerrors; i++) {
		if (provider != NULL &&
		    strcmp(c->errors[i].provider, provider) == 0)
			return &c->errors[i];
		if (strcmp(c->errors[i].provider, "generic") == 0)
			generic = &c->errors[i];
	}
	return generic;
}

const struct guide_error *
guide_errors(const char *provider, size_t *n)
{
	const struct error_set *set = errors_of(provider);

	*n = set->n;
	return set->v;
}

const char *
guide_errors_note(const char *provider)
{
	return errors_of(provider)->note;
}

char *
guide_expand(const char *text, const char *id)
{
	struct buf b;
	const struct tmpl_var vars[] = { { "id", id }, { NULL, NULL } };

	buf_init(&b, BUF_MAX_INTERNAL);
	if (tmpl_expand(&b, text, TMPL_TEXT, vars, NULL) < 0)
		return NULL;
	return buf_take(&b, NULL);
}

/* ---- checklists --------------------------------------------------- */

const char *const *
guide_checklist(const char *kind, const char **title)
{
	const struct content *c = get();
	const struct checklist *any = NULL, *found = NULL;
	size_t i;

	for (i = 0; i < c->nchecklists && found == NULL; i++) {
		if (kind != NULL && strcmp(c->checklists[i].kind, kind) == 0)
			found = &c->checklists[i];
		else if (strcmp(c->checklists[i].kind, "any") == 0)
			any = &c->checklists[i];
	}
	if (found == NULL)
		found = any;
	if (title != NULL)
		*title = found->title;
	return (const char *const *)found->items;
}

/* ---- find commands ------------------------------------------------ */

char *
guide_shell_quote(const char *s)
{
	struct buf b;

	buf_init(&b, BUF_MAX_INTERNAL);
	buf_addc(&b, '\'');
	tmpl_escape(&b, TMPL_SH, s);
	buf_addc(&b, '\'');
	return buf_take(&b, NULL);
}

static char *
find_command(const struct record *r, const char *head)
{
	struct buf b;
	size_t i;

	buf_init(&b, BUF_MAX_INTERNAL);
	buf_adds(&b, head);
	for (i = 0; i < r->naliases + 1; i++) {
		buf_adds(&b, " -e '");
		tmpl_escape(&b, TMPL_SH, i == 0 ? r->id : r->aliases[i - 1]);
		buf_addc(&b, '\'');
	}
	buf_adds(&b, " .");
	return buf_take(&b, NULL);
}

char *
guide_grep(const struct record *r)
{
	return find_command(r, "grep -rnwF");
}

char *
guide_rg(const struct record *r)
{
	return find_command(r, "rg -nwF");
}

/* ---- quick fixes -------------------------------------------------- */

/* The first shape that fits: provider, kind and a word of the id. */
static const struct shape *
find_shape(const char *provider, const char *kind, const char *id)
{
	const struct content *c = get();
	const struct shape *s;
	size_t i;

	for (i = 0; i + 1 < c->nshapes; i++) {
		s = &c->shapes[i];
		if (s->provider != NULL && strcmp(s->provider, provider) != 0)
			continue;
		if (s->kind != NULL && (kind == NULL ||
		    strcmp(s->kind, kind) != 0))
			continue;
		if (s->word != NULL && strstr(id, s->word) == NULL)
			continue;
		return s;
	}
	return &c->shapes[c->nshapes - 1];
}

const char *
guide_lang_name(enum guide_lang lang)
{
	return lang < GUIDE_NLANGS ? langs[lang].name : "";
}

/* One snippet: tpl in lang with the variables of a quick fix. */
static char *
expand_snippet(const char *tpl, enum guide_lang lang,
    const struct tmpl_var *vars)
{
	struct buf b;

	buf_init(&b, BUF_MAX_INTERNAL);
	/* Cannot fail: content_read expanded every template. */
	(void)tmpl_expand(&b, tpl, langs[lang].ctx, vars, NULL);
	return buf_take(&b, NULL);
}

void
guide_quick_fix(const struct record *r, const char *kind, const char *to_id,
    struct guide_fix *fix)
{
	const struct shape *shape = find_shape(r->provider, kind, r->id);
	const struct provider *p = provider_find(r->provider);
	struct tmpl_var vars[] = {
		{ "model", NULL },
		{ "base", p != NULL && p->base != NULL ? p->base :
		    "https://API.EXAMPLE/v1" },
		{ "key", NULL },
		{ NULL, NULL }
	};
	char key[48];
	size_t i, n = 0;
	int lang;

	/* PROVIDER_API_KEY from the slug, in letters a shell takes; a
	 * variable name starts with a letter. */
	if (!is_alnum((unsigned char)r->provider[0]) ||
	    (r->provider[0] >= '0' && r->provider[0] <= '9'))
		key[n++] = 'X';
	for (i = 0; r->provider[i] != '\0' &&
	    n < sizeof(key) - sizeof("_API_KEY"); i++)
		key[n++] = !is_alnum((unsigned char)r->provider[i]) ? '_' :
		    r->provider[i] >= 'a' && r->provider[i] <= 'z' ?
		    (char)(r->provider[i] - 'a' + 'A') : r->provider[i];
	memcpy(key + n, "_API_KEY", sizeof("_API_KEY"));
	vars[2].value = key;

	fix->api = shape->api;
	fix->note = shape->note;
	for (lang = 0; lang < GUIDE_NLANGS; lang++) {
		vars[0].value = r->id;
		fix->before[lang] = expand_snippet(shape->code[lang], lang,
		    vars);
		vars[0].value = to_id;
		fix->after[lang] = to_id != NULL ?
		    expand_snippet(shape->code[lang], lang, vars) : NULL;
	}
}

void
guide_fix_clear(struct guide_fix *fix)
{
	int lang;

	for (lang = 0; lang < GUIDE_NLANGS; lang++) {
		free(fix->before[lang]);
		free(fix->after[lang]);
		fix->before[lang] = fix->after[lang] = NULL;
	}
}
