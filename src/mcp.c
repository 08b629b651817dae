/*
 * mcp.c - `sunset mcp`: the catalog as Model Context Protocol tools.
 *
 * JSON-RPC 2.0 over stdio, one message a line each way; logs go to
 * stderr only.  Every request read is answered, in order, and stdout is
 * flushed after each reply, so a client that closes stdin after many
 * requests still gets them all.  Notifications are never answered.  The
 * answers come from the local catalog (the database named by --db, else
 * the embedded one), offline, rendered from struct answer like every
 * other surface.
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "answer.h"
#include "catalog.h"
#include "cli.h"
#include "date.h"
#include "explain.h"
#include "jsonw.h"
#include "log.h"
#include "snapshot.h"
#include "util.h"

#define MCP_LINE_MAX	(1024 * 1024)	/* a longer message is refused */
#define MCP_LIST_MAX	50		/* list_retiring items, at most */
#define MCP_CHANGES_MAX	50		/* recent_changes items, at most */
#define MCP_CHANGES_PAGE 1000		/* history rows read at a time */

#define RPC_PARSE_ERROR		(-32700)
#define RPC_INVALID_REQUEST	(-32600)
#define RPC_NO_METHOD		(-32601)
#define RPC_BAD_PARAMS		(-32602)

static const char *const versions[] = {	/* latest first */
	"2025-06-18", "2025-03-26", "2024-11-05"
};

struct mcp {
	struct snapshot	*snap;
	const char	*db;		/* NULL: no change history */
	int32_t		 as_of;
};

/* What a tool call produced: a text and a structured object, or an
 * error text. */
struct tool_result {
	struct buf	 text;
	char		*structured;	/* JSON object; NULL with is_error */
	int		 is_error;
};

static const char mcp_help[] =
"usage: sunset mcp [--db PATH] [--at DATE]\n"
"\n"
"Serves the catalog to AI agents over the Model Context Protocol: JSON-RPC\n"
"on stdin and stdout, one message a line, logs on stderr.  Tools:\n"
"check_model, list_retiring, find_replacement, explain_error and\n"
"recent_changes.  It answers offline and exits at the end of its input.\n"
"\n"
"  --db PATH   read this catalog database and its change history\n"
"              (default: the built-in catalog, without history)\n"
"  --at DATE   answer as of DATE (YYYY-MM-DD, UTC), not today\n";

/* The tools, with their JSON Schema. */
static const struct {
	const char	*name;
	const char	*description;
	const char	*schema;
} tools[] = {
	{ "check_model",
	  "Says whether an AI model id is deprecated or retired, when it "
	  "shuts down, how many days are left and what replaces it.  An id "
	  "the catalog does not know is reported as unknown.",
	  "{\"type\":\"object\",\"properties\":{"
	  "\"model\":{\"type\":\"string\",\"description\":"
	  "\"the model id, e.g. gpt-4-0613\"},"
	  "\"provider\":{\"type\":\"string\",\"description\":"
	  "\"only this platform (openai, azure, ...)\"}},"
	  "\"required\":[\"model\"]}" },
	{ "list_retiring",
	  "Lists the models with a firm shutdown date within the given "
	  "number of days, soonest first.",
	  "{\"type\":\"object\",\"properties\":{"
	  "\"within_days\":{\"type\":\"integer\",\"minimum\":0,"
	  "\"maximum\":100000}},\"required\":[\"within_days\"]}" },
	{ "find_replacement",
	  "Names the model that replaces a model id, and where the "
	  "replacement chain ends in a model still in service.",
	  "{\"type\":\"object\",\"properties\":{"
	  "\"model\":{\"type\":\"string\"},"
	  "\"provider\":{\"type\":\"string\"}},\"required\":[\"model\"]}" },
	{ "explain_error",
	  "Finds the model an API error message names and says what the "
	  "catalog knows about it.",
	  "{\"type\":\"object\",\"properties\":{"
	  "\"message\":{\"type\":\"string\",\"description\":"
	  "\"the error message a client got\"}},"
	  "\"required\":[\"message\"]}" },
	{ "recent_changes",
	  "Lists recent changes to the catalog (status, dates, "
	  "replacements) from the database's change history.",
	  "{\"type\":\"object\",\"properties\":{"
	  "\"since\":{\"type\":\"string\",\"description\":"
	  "\"a change number, or an RFC 3339 time\"}}}" }
};

/* Writes one message and flushes it. */
static void
send_line(char *text)
{
	if (text == NULL) {
		log_err("mcp: a reply could not be written");
		return;
	}
	fputs(text, stdout);
	fputc('\n', stdout);
	fflush(stdout);
	free(text);
}

/* Opens a reply to id (a copy of the request's id, or NULL for null). */
static void
reply_open(struct jsonw *w, const cJSON *id)
{
	char *idtext = id != NULL ? cJSON_PrintUnformatted(id) : NULL;

	jsonw_init(w, BUF_MAX_INTERNAL);
	jsonw_obj_open(w);
	jsonw_key(w, "jsonrpc");
	jsonw_str(w, "2.0");
	jsonw_key(w, "id");
	if (idtext != NULL)
		jsonw_raw(w, idtext);
	else
		jsonw_null(w);
	free(idtext);
}

static void
send_error(const cJSON *id, int code, const char *message)
{
	struct jsonw w;

	reply_open(&w, id);
	jsonw_key(&w, "error");
	jsonw_obj_open(&w);
	jsonw_key(&w, "code");
	jsonw_int(&w, code);
	jsonw_key(&w, "message");
	jsonw_str(&w, message);
	jsonw_obj_close(&w);
	jsonw_obj_close(&w);
	send_line(jsonw_take(&w));
}

/* Sends {"result": result}, result a JSON text. */
static void
send_result(const cJSON *id, const char *result)
{
	struct jsonw w;

	reply_open(&w, id);
	jsonw_key(&w, "result");
	jsonw_raw(&w, result);
	jsonw_obj_close(&w);
	send_line(jsonw_take(&w));
}

static void
do_initialize(const cJSON *id, const cJSON *params)
{
	const cJSON *asked = cJSON_GetObjectItemCaseSensitive(params,
	    "protocolVersion");
	const char *version = versions[0];
	struct jsonw w;
	char *text;
	size_t i;

	for (i = 0; cJSON_IsString(asked) && i < NELEM(versions); i++)
		if (strcmp(asked->valuestring, versions[i]) == 0)
			version = versions[i];
	jsonw_init(&w, BUF_MAX_INTERNAL);
	jsonw_obj_open(&w);
	jsonw_key(&w, "protocolVersion");
	jsonw_str(&w, version);
	jsonw_key(&w, "capabilities");
	jsonw_raw(&w, "{\"tools\":{}}");
	jsonw_key(&w, "serverInfo");
	jsonw_obj_open(&w);
	jsonw_key(&w, "name");
	jsonw_str(&w, "sunset");
	jsonw_key(&w, "version");
	jsonw_str(&w, PACKAGE_VERSION);
	jsonw_obj_close(&w);
	jsonw_key(&w, "instructions");
	jsonw_str(&w, "Ask sunset before using or recommending an AI model "
	    "id: it knows which models are deprecated, when they stop "
	    "working and what replaces them.");
	jsonw_obj_close(&w);
	text = jsonw_take(&w);
	send_result(id, text);
	free(text);
}

static void
do_tools_list(const cJSON *id)
{
	struct jsonw w;
	char *text;
	size_t i;

	jsonw_init(&w, BUF_MAX_INTERNAL);
	jsonw_obj_open(&w);
	jsonw_key(&w, "tools");
	jsonw_arr_open(&w);
	for (i = 0; i < NELEM(tools); i++) {
		jsonw_obj_open(&w);
		jsonw_key(&w, "name");
		jsonw_str(&w, tools[i].name);
		jsonw_key(&w, "description");
		jsonw_str(&w, tools[i].description);
		jsonw_key(&w, "inputSchema");
		jsonw_raw(&w, tools[i].schema);
		jsonw_obj_close(&w);
	}
	jsonw_arr_close(&w);
	jsonw_obj_close(&w);
	text = jsonw_take(&w);
	send_result(id, text);
	free(text);
}

/* A string argument: 0 with *out set (NULL when absent and optional), -1
 * when it has another type or a required one is missing or empty. */
static int
arg_str(const cJSON *args, const char *name, int required, const char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(args, name);

	*out = NULL;
	if (v == NULL || cJSON_IsNull(v))
		return required ? -1 : 0;
	if (!cJSON_IsString(v) || (required && *v->valuestring == '\0'))
		return -1;
	*out = v->valuestring;
	return 0;
}

static void tool_error(struct tool_result *, const char *, ...)
    ATTR_PRINTF(2, 3);

static void
tool_error(struct tool_result *res, const char *fmt, ...)
{
	va_list ap;

	buf_reset(&res->text);
	va_start(ap, fmt);
	buf_vaddf(&res->text, fmt, ap);
	va_end(ap);
	res->is_error = 1;
}

/* The words about a, for people: "openai gpt-4-0613 deprecated, ...". */
static void
say_answer(struct buf *b, const struct answer *a, const char *query)
{
	char *words = answer_verdict(a, -1, NULL);

	if (a->record == NULL)
		buf_addf(b, "%s: unknown: the catalog does not know this "
		    "model, so nothing says it is safe to use", query);
	else
		buf_addf(b, "%s: %s %s %s", query, a->record->provider,
		    a->record->id, words);
	free(words);
}

static void
tool_check_model(struct mcp *m, const cJSON *args, struct tool_result *res)
{
	const char *model, *provider;
	struct answer a;
	struct jsonw w;

	if (arg_str(args, "model", 1, &model) < 0 ||
	    arg_str(args, "provider", 0, &provider) < 0) {
		tool_error(res, "%s", "check_model wants {\"model\": \"an id\", "
		    "\"provider\": \"optional platform\"}");
		return;
	}
	answer_resolve(&a, m->snap, model, provider, m->as_of);
	say_answer(&res->text, &a, model);
	jsonw_init(&w, BUF_MAX_INTERNAL);
	answer_write(&w, &a, 1);
	res->structured = jsonw_take(&w);
}

static int
by_shutdown(const void *x, const void *y)
{
	const struct record *a = *(const struct record *const *)x;
	const struct record *b = *(const struct record *const *)y;
	int c;

	if (a->shutdown_on != b->shutdown_on)
		return a->shutdown_on < b->shutdown_on ? -1 : 1;
	if ((c = strcmp(a->provider, b->provider)) != 0)
		return c;
	return strcmp(a->id, b->id);
}

static void
tool_list_retiring(struct mcp *m, const cJSON *args, struct tool_result *res)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(args, "within_days");
	const struct record **list, *r;
	size_t i, n = 0, total = snapshot_count(m->snap);
	struct answer a;
	struct jsonw w;
	char *words, day[11];
	long within;

	if (!cJSON_IsNumber(v) || v->valuedouble < 0 ||
	    v->valuedouble > 100000 || v->valuedouble != (long)v->valuedouble) {
		tool_error(res, "%s", "list_retiring wants {\"within_days\": "
		    "a whole number from 0 to 100000}");
		return;
	}
	within = (long)v->valuedouble;
	list = xcalloc(total + 1, sizeof(*list));
	for (i = 0; i < total; i++) {
		r = snapshot_record(m->snap, i);
		/* Firm dates still to come: not the ones already passed. */
		if (record_due_within(r, m->as_of, within) &&
		    r->shutdown_on >= m->as_of)
			list[n++] = r;
	}
	qsort(list, n, sizeof(*list), by_shutdown);
	date_format(m->as_of, day);
	buf_addf(&res->text, "%zu models shut down within %ld days of %s",
	    n, within, day);
	if (n > MCP_LIST_MAX)
		buf_addf(&res->text, " (the first %d listed)", MCP_LIST_MAX);
	buf_adds(&res->text, n > 0 ? ":" : ".");
	jsonw_init(&w, BUF_MAX_INTERNAL);
	jsonw_obj_open(&w);
	jsonw_key(&w, "as_of");
	jsonw_date(&w, m->as_of);
	jsonw_key(&w, "within_days");
	jsonw_int(&w, within);
	jsonw_key(&w, "total");
	jsonw_int(&w, (long long)n);
	jsonw_key(&w, "items");
	jsonw_arr_open(&w);
	for (i = 0; i < n && i < MCP_LIST_MAX; i++) {
		answer_resolve_record(&a, m->snap, list[i], m->as_of);
		words = answer_verdict(&a, -1, NULL);
		buf_addf(&res->text, "\n%s %s %s", list[i]->provider,
		    list[i]->id, words);
		free(words);
		answer_write_record(&w, &a);
	}
	jsonw_arr_close(&w);
	jsonw_obj_close(&w);
	res->structured = jsonw_take(&w);
	free(list);
}

static void
tool_find_replacement(struct mcp *m, const cJSON *args,
    struct tool_result *res)
{
	const struct answer_step *end;
	const char *model, *provider;
	struct answer a;
	struct jsonw w;
	size_t i;

	if (arg_str(args, "model", 1, &model) < 0 ||
	    arg_str(args, "provider", 0, &provider) < 0) {
		tool_error(res, "%s", "find_replacement wants {\"model\": "
		    "\"an id\", \"provider\": \"optional platform\"}");
		return;
	}
	answer_resolve(&a, m->snap, model, provider, m->as_of);
	end = answer_resolved(&a);
	if (a.record == NULL)
		buf_addf(&res->text, "%s: unknown: the catalog does not know "
		    "this model", model);
	else if (a.replacement == NULL)
		buf_addf(&res->text, "%s: %s %s is %s; no replacement is "
		    "named", model, a.record->provider, a.record->id,
		    status_name(a.state.status));
	else {
		buf_addf(&res->text, "%s: %s %s is %s; use %s", model,
		    a.record->provider, a.record->id,
		    status_name(a.state.status), a.replacement);
		if (end != NULL && strcmp(end->id, a.replacement) != 0)
			buf_addf(&res->text, " (then %s)", end->id);
	}
	jsonw_init(&w, BUF_MAX_INTERNAL);
	jsonw_obj_open(&w);
	jsonw_key(&w, "query");
	jsonw_str(&w, model);
	jsonw_key(&w, "found");
	jsonw_bool(&w, a.record != NULL);
	if (a.record != NULL) {
		jsonw_key(&w, "provider");
		jsonw_str(&w, a.record->provider);
		jsonw_key(&w, "id");
		jsonw_str(&w, a.record->id);
		jsonw_key(&w, "status");
		jsonw_str(&w, status_name(a.state.status));
		jsonw_key(&w, "replacement");
		jsonw_str(&w, a.replacement);
		jsonw_key(&w, "chain");
		jsonw_arr_open(&w);
		for (i = 0; i < a.nchain; i++)
			jsonw_str(&w, a.chain[i].id);
		jsonw_arr_close(&w);
		jsonw_key(&w, "resolved");
		jsonw_str(&w, end != NULL ? end->id : NULL);
	}
	jsonw_obj_close(&w);
	res->structured = jsonw_take(&w);
}

static void
tool_explain_error(struct mcp *m, const cJSON *args, struct tool_result *res)
{
	char cand[EXPLAIN_MAX][MATCH_ID_MAX];
	const char *message, *found;
	struct answer a;
	struct jsonw w;
	size_t n, i;

	if (arg_str(args, "message", 1, &message) < 0) {
		tool_error(res, "%s", "explain_error wants {\"message\": "
		    "\"the error message a client got\"}");
		return;
	}
	n = explain_candidates(message, cand, EXPLAIN_MAX);
	found = explain_pick(m->snap, cand, n);
	jsonw_init(&w, BUF_MAX_INTERNAL);
	jsonw_obj_open(&w);
	jsonw_key(&w, "candidates");
	jsonw_arr_open(&w);
	for (i = 0; i < n; i++)
		jsonw_str(&w, cand[i]);
	jsonw_arr_close(&w);
	jsonw_key(&w, "model");
	if (found != NULL) {
		answer_resolve(&a, m->snap, found, NULL, m->as_of);
		say_answer(&res->text, &a, found);
		answer_write(&w, &a, 0);
	} else {
		buf_adds(&res->text, "The message names no model the catalog "
		    "knows.");
		jsonw_null(&w);
	}
	jsonw_obj_close(&w);
	res->structured = jsonw_take(&w);
}

/* One change for people: "#12 2026-05-01T06:00:00Z openai gpt-4 status:
 * active -> deprecated". */
static void
say_change(struct buf *b, const cJSON *item)
{
	static const char *const keys[] = {
		"at", "provider", "id", "change", "old", "new"
	};
	const cJSON *v;
	size_t i;

	v = cJSON_GetObjectItemCaseSensitive(item, "seq");
	buf_addf(b, "\n#%.0f", cJSON_IsNumber(v) ? v->valuedouble : 0.0);
	for (i = 0; i < NELEM(keys); i++) {
		v = cJSON_GetObjectItemCaseSensitive(item, keys[i]);
		if (i == 4)
			buf_adds(b, ":");
		if (i == 5)
			buf_adds(b, " ->");
		if (cJSON_IsString(v))
			buf_addf(b, " %s", v->valuestring);
		else if (cJSON_IsNumber(v))
			buf_addf(b, " %.0f", v->valuedouble);
		else if (i >= 4)
			buf_adds(b, " (none)");
	}
}

/*
 * The changes after since_seq or since_time, oldest first, at most
 * MCP_CHANGES_MAX; with latest, the last MCP_CHANGES_MAX of the history.
 * Returns a new array, or NULL with *cause set.
 */
static cJSON *
read_changes(const char *db, int latest, long long since_seq,
    const char *since_time, long long *next, char **cause)
{
	cJSON *items, *page, *item;
	int n;

	if (!latest)
		return catalog_read_changes(db, since_seq, since_time,
		    MCP_CHANGES_MAX, next, cause);
	/* Pages through the history, keeping the newest rows. */
	items = cJSON_CreateArray();
	do {
		if ((page = catalog_read_changes(db, since_seq, NULL,
		    MCP_CHANGES_PAGE, next, cause)) == NULL) {
			cJSON_Delete(items);
			return NULL;
		}
		since_seq = *next;
		n = cJSON_GetArraySize(page);
		while ((item = cJSON_DetachItemFromArray(page, 0)) != NULL)
			cJSON_AddItemToArray(items, item);
		cJSON_Delete(page);
		while (cJSON_GetArraySize(items) > MCP_CHANGES_MAX)
			cJSON_DeleteItemFromArray(items, 0);
	} while (n == MCP_CHANGES_PAGE);
	return items;
}

static void
tool_recent_changes(struct mcp *m, const cJSON *args, struct tool_result *res)
{
	const char *since, *since_time = NULL;
	long long since_seq = 0, next = 0;
	cJSON *items = NULL, *item;
	char *cause = NULL, *text, *end;
	struct jsonw w;
	int32_t day;
	char ymd[11];

	if (arg_str(args, "since", 0, &since) < 0) {
		tool_error(res, "%s", "recent_changes wants {\"since\": "
		    "\"a change number or an RFC 3339 time\"}");
		return;
	}
	if (since != NULL && *since >= '0' && *since <= '9' &&
	    strchr(since, '-') == NULL) {
		since_seq = strtoll(since, &end, 10);
		if (*end != '\0' || since_seq < 0) {
			tool_error(res, "since is a change number or an RFC "
			    "3339 time, not \"%s\"", since);
			return;
		}
	} else if (since != NULL) {
		snprintf(ymd, sizeof(ymd), "%s", since);
		if (strlen(since) < 10 || date_parse_iso(ymd, &day) < 0) {
			tool_error(res, "since is a change number or an RFC "
			    "3339 time, not \"%s\"", since);
			return;
		}
		since_time = since;
	}
	if (m->db == NULL) {
		buf_adds(&res->text, "There is no change history: sunset mcp "
		    "answers from its built-in catalog; start it with --db "
		    "PATH to read a database's history.");
		res->structured = xstrdup("{\"available\":false,"
		    "\"items\":[]}");
		return;
	}
	if ((items = read_changes(m->db, since == NULL, since_seq, since_time,
	    &next, &cause)) == NULL) {
		log_warn("mcp: recent_changes: %s", cause);
		tool_error(res, "the change history cannot be read: %s", cause);
		free(cause);
		return;
	}
	buf_addf(&res->text, "%d changes", cJSON_GetArraySize(items));
	if (cJSON_GetArraySize(items) == 0)
		buf_adds(&res->text, ": none recorded in this range.");
	cJSON_ArrayForEach(item, items)
		say_change(&res->text, item);
	text = cJSON_PrintUnformatted(items);
	jsonw_init(&w, BUF_MAX_INTERNAL);
	jsonw_obj_open(&w);
	jsonw_key(&w, "available");
	jsonw_bool(&w, 1);
	jsonw_key(&w, "items");
	jsonw_raw(&w, text);
	jsonw_key(&w, "next");
	jsonw_int(&w, next);
	jsonw_obj_close(&w);
	res->structured = jsonw_take(&w);
	free(text);
	cJSON_Delete(items);
}

static const struct {
	const char	*name;
	void		(*call)(struct mcp *, const cJSON *,
			    struct tool_result *);
} calls[] = {
	{ "check_model", tool_check_model },
	{ "list_retiring", tool_list_retiring },
	{ "find_replacement", tool_find_replacement },
	{ "explain_error", tool_explain_error },
	{ "recent_changes", tool_recent_changes }
};

static void
do_tools_call(struct mcp *m, const cJSON *id, const cJSON *params)
{
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(params, "name");
	const cJSON *args = cJSON_GetObjectItemCaseSensitive(params,
	    "arguments");
	struct tool_result res;
	struct jsonw w;
	char *text;
	size_t i;

	if (!cJSON_IsString(name) || (args != NULL && !cJSON_IsObject(args) &&
	    !cJSON_IsNull(args))) {
		send_error(id, RPC_BAD_PARAMS, "tools/call wants {\"name\": "
		    "\"a tool\", \"arguments\": {...}}");
		return;
	}
	for (i = 0; i < NELEM(calls) && strcmp(calls[i].name,
	    name->valuestring) != 0; i++)
		;
	if (i == NELEM(calls)) {
		send_error(id, RPC_BAD_PARAMS, "no such tool");
		return;
	}
	memset(&res, 0, sizeof(res));
	buf_init(&res.text, BUF_MAX_INTERNAL);
	calls[i].call(m, args, &res);
	jsonw_init(&w, BUF_MAX_INTERNAL);
	jsonw_obj_open(&w);
	jsonw_key(&w, "content");
	jsonw_arr_open(&w);
	jsonw_obj_open(&w);
	jsonw_key(&w, "type");
	jsonw_str(&w, "text");
	jsonw_key(&w, "text");
	jsonw_str(&w, buf_str(&res.text));
	jsonw_obj_close(&w);
	jsonw_arr_close(&w);
	if (res.structured != NULL) {
		jsonw_key(&w, "structuredContent");
		jsonw_raw(&w, res.structured);
	}
	jsonw_key(&w, "isError");
	jsonw_bool(&w, res.is_error);
	jsonw_obj_close(&w);
	text = jsonw_take(&w);
	if (text != NULL)
		send_result(id, text);
	else
		send_error(id, -32603, "the answer could not be written");
	free(text);
	free(res.structured);
	buf_free(&res.text);
}

/* Handles one message (a line); replies unless it is a notification. */
static void
handle(struct mcp *m, const char *line, size_t len)
{
	cJSON *msg = cJSON_ParseWithLength(line, len);
	const cJSON *id, *method, *params;
	int notification;

	if (msg == NULL) {
		send_error(NULL, RPC_PARSE_ERROR, "parse error");
		return;
	}
	id = cJSON_GetObjectItemCaseSensitive(msg, "id");
	method = cJSON_GetObjectItemCaseSensitive(msg, "method");
	params = cJSON_GetObjectItemCaseSensitive(msg, "params");
	notification = cJSON_IsObject(msg) && id == NULL;
	if (id != NULL && !cJSON_IsString(id) && !cJSON_IsNumber(id))
		id = NULL;
	if (!cJSON_IsObject(msg) || !cJSON_IsString(method)) {
		/* A reply from the client (it has no method) needs none. */
		if (!cJSON_IsObject(msg) || (cJSON_GetObjectItem(msg,
		    "result") == NULL && cJSON_GetObjectItem(msg,
		    "error") == NULL))
			send_error(id, RPC_INVALID_REQUEST, "invalid request");
		goto out;
	}
	if (notification)
		goto out;	/* notifications/initialized and the like */
	if (params != NULL && !cJSON_IsObject(params)) {
		send_error(id, RPC_BAD_PARAMS, "params is an object");
		goto out;
	}
	if (strcmp(method->valuestring, "initialize") == 0)
		do_initialize(id, params);
	else if (strcmp(method->valuestring, "ping") == 0)
		send_result(id, "{}");
	else if (strcmp(method->valuestring, "tools/list") == 0)
		do_tools_list(id);
	else if (strcmp(method->valuestring, "tools/call") == 0)
		do_tools_call(m, id, params);
	else
		send_error(id, RPC_NO_METHOD, "method not found");
out:
	cJSON_Delete(msg);
}

/* Reads messages until the end of input. */
static void
serve(struct mcp *m)
{
	char *line = NULL;
	size_t size = 0;
	ssize_t len;

	while ((len = getline(&line, &size, stdin)) != -1) {
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			len--;
		if (len == 0)
			continue;
		if (len > MCP_LINE_MAX)
			send_error(NULL, RPC_INVALID_REQUEST,
			    "message too long");
		else
			handle(m, line, (size_t)len);
	}
	free(line);
}

int
cmd_mcp(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "at", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct mcp m = { NULL, NULL, 0 };
	int ch;

	if (cli_wants_help(argc, argv)) {
		fputs(mcp_help, stdout);
		return 0;
	}
	m.as_of = date_today();
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': m.db = optarg; break;
		case 'a':
			if (date_parse_iso(optarg, &m.as_of) < 0) {
				log_err("--at wants a date YYYY-MM-DD, not "
				    "\"%s\"", optarg);
				return EXIT_TROUBLE;
			}
			break;
		default:
			fputs(mcp_help, stderr);
			return EXIT_TROUBLE;
		}
	}
	if (optind != argc) {
		fputs(mcp_help, stderr);
		return EXIT_TROUBLE;
	}
	if (m.db != NULL && access(m.db, F_OK) != 0)
		m.db = NULL;	/* the built-in catalog has no history */
	if ((m.snap = cli_open_snapshot(m.db)) == NULL)
		return EXIT_TROUBLE;
	serve(&m);
	snapshot_unref(m.snap);
	return 0;
}
