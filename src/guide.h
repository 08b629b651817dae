/*
 * guide.h - what moving off one model involves in practice: the errors
 * clients see once it is shut down, a checklist for its kind, commands
 * that find it in a codebase and a before/after quick fix.
 *
 * The content is data/guide (data/README), compiled in: texts looked up
 * by provider and kind, and templates (tmpl.h) into which the record's
 * ids are substituted, escaped for the language they land in (Python and
 * JavaScript string literals, JSON inside a shell word, URL paths, shell
 * words).  Nothing here knows HTML: whoever shows the text escapes it
 * for the page.
 */
#ifndef SUNSET_GUIDE_H
#define SUNSET_GUIDE_H

#include <stddef.h>

#include "record.h"

/* One error a client gets when it calls a model that is gone. */
struct guide_error {
	unsigned	 status;	/* HTTP status */
	const char	*code;		/* the code or type the API returns */
	const char	*message;	/* its gist, {{id}} for the id */
	const char	*when;		/* when this one is seen */
};

/* The errors a client of provider sees once a model is shut down; a
 * generic list for a provider the table does not know.  Sets *n. */
const struct guide_error *guide_errors(const char *provider, size_t *n);

/* A note on how to read the errors of provider, or NULL. */
const char *guide_errors_note(const char *provider);

/* text (a message or when) with every {{id}} replaced by id, as it is;
 * the caller frees.  NULL when text holds another placeholder, which no
 * text of guide_errors() does. */
char *guide_expand(const char *text, const char *id);

/*
 * The migration checklist for a kind as advice_kind() names it: a
 * NULL-terminated list of items, in which `backticks` mark code.  A
 * generic list for NULL or a kind the table does not know.  *title, when
 * title is not NULL, is set to the list's heading ("Realtime", "Chat").
 */
const char *const *guide_checklist(const char *kind, const char **title);

/* s as one POSIX shell word ('it'\''s'); the caller frees. */
char *guide_shell_quote(const char *s);

/*
 * Commands that find r's id and aliases in a tree: whole words, fixed
 * strings, every id shell-quoted.  The caller frees.
 */
char *guide_grep(const struct record *r);
char *guide_rg(const struct record *r);

/* The command that scans a tree for every deprecated id at once. */
#define GUIDE_SCAN "sunset scan ."

enum guide_lang {
	GUIDE_PYTHON,
	GUIDE_JAVASCRIPT,
	GUIDE_CURL,
	GUIDE_NLANGS
};

/* A quick fix: the same call before and after, in each language. */
struct guide_fix {
	const char	*api;		/* the API the snippets call */
	const char	*note;		/* what else to know, or NULL */
	char		*before[GUIDE_NLANGS];
	char		*after[GUIDE_NLANGS];
};

/* "Python", "JavaScript", "curl". */
const char *guide_lang_name(enum guide_lang lang);

/*
 * Fills fix with the call that uses r's id and the same call with to_id,
 * in the shape of r's provider's API (Anthropic Messages, OpenAI chat,
 * realtime, embeddings, ..., Bedrock Converse, Gemini, OpenAI-compatible
 * otherwise), for kind (advice_kind(r), may be NULL).  Ids are escaped
 * for each language.  With to_id NULL only the "before" snippets are
 * written.  guide_fix_clear() frees what fix holds.
 */
void guide_quick_fix(const struct record *r, const char *kind,
    const char *to_id, struct guide_fix *fix);
void guide_fix_clear(struct guide_fix *fix);

/*
 * Reads every file of data/guide as the functions above do on first use,
 * and expands every template with a hostile id: 0, or -1 with *cause
 * naming the file and what is wrong with it.  A built binary whose check
 * fails aborts on first use, so make check runs this.
 */
int guide_check(char **cause);

#endif
