/*
 * api_changefeeds.c - the change history as feeds for people and feed
 * readers: GET /v1/changes.atom (Atom, RFC 4287) and GET
 * /v1/changes.json (JSON Feed 1.1), one entry per change, newest first.
 *
 * They read the history as GET /v1/changes does, on a connection of
 * their own.  Links are absolute: the origin is http:// and the
 * request's Host header when it holds only host[:port] characters, or
 * the address the server listens on.  Every text from a feed or a
 * request goes through html_xml() (Atom) or cJSON (JSON Feed).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api_int.h"
#include "catalog.h"
#include "change.h"
#include "date.h"
#include "html.h"
#include "log.h"

#define HOST_MAX	255
#define FEED_TITLE	"sunset: model lifecycle changes"

/* 1 when c may be in a host name or an IPv4 address. */
static int
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.';
}

/* 1 when h is host[:port]: a name or IPv4 address, or [IPv6]. */
static int
valid_host(const char *h)
{
	size_t n = 0, digits;

	if (h == NULL || strlen(h) > HOST_MAX)
		return 0;
	if (h[0] == '[') {
		for (n = 1; (h[n] >= '0' && h[n] <= '9') ||
		    (h[n] >= 'a' && h[n] <= 'f') ||
		    (h[n] >= 'A' && h[n] <= 'F') || h[n] == ':' ||
		    h[n] == '.'; n++)
			;
		if (n == 1 || h[n] != ']')
			return 0;
		n++;
	} else {
		while (name_char(h[n]))
			n++;
		if (n == 0)
			return 0;
	}
	if (h[n] == '\0')
		return 1;
	if (h[n++] != ':')
		return 0;
	for (digits = 0; h[n] >= '0' && h[n] <= '9'; n++)
		digits++;
	return h[n] == '\0' && digits >= 1 && digits <= 5;
}

/* "http://HOST" into b: the request's Host, or the listen address. */
static void
put_origin(struct buf *b, struct MHD_Connection *c, const struct api *api)
{
	const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_HOST);

	buf_adds(b, "http://");
	buf_adds(b, valid_host(host) ? host : api->origin_host);
}

/* A JSON string member of item, or NULL. */
static const char *
field(const cJSON *item, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static long long
field_seq(const cJSON *item)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, "seq");

	return cJSON_IsNumber(v) ? (long long)v->valuedouble : 0;
}

/* What the change item says, in words, into b. */
static void
put_what(struct buf *b, const cJSON *item)
{
	change_describe(b, field(item, "change"), field(item, "feed"),
	    field(item, "old"), field(item, "new"));
}

/* The entry's title: "ID (PROVIDER): what changed". */
static void
put_title(struct buf *b, const cJSON *item)
{
	const char *id = field(item, "id"), *provider = field(item, "provider");

	buf_addf(b, "%s (%s): ", id ? id : "?", provider ? provider : "?");
	put_what(b, item);
}

/* The entry's text: the title, then who said it and when. */
static void
put_text(struct buf *b, const cJSON *item)
{
	const char *at = field(item, "at"), *feed = field(item, "feed");

	put_title(b, item);
	buf_addf(b, ". Change %lld, seen in feed %s at %s.", field_seq(item),
	    feed ? feed : "?", at ? at : "?");
}

/* The model page's absolute URL of the item. */
static void
put_model_url(struct buf *b, const char *origin, const cJSON *item)
{
	const char *id = field(item, "id"), *provider = field(item, "provider");

	buf_adds(b, origin);
	buf_adds(b, "/models/");
	html_pct(b, id != NULL ? id : "");
	if (provider != NULL && *provider != '\0') {
		buf_adds(b, "?provider=");
		html_pct(b, provider);
	}
}

/*
 * The latest changes, newest first, for the route named what; NULL after
 * a 400 or 503 reply.  The caller deletes the array.
 */
static cJSON *
latest(struct MHD_Connection *c, struct request *req, const char *what,
    struct reply *out)
{
	long limit = LIST_LIMIT_DEFAULT;
	char *cause = NULL;
	cJSON *items;

	if (api_arg_uint(c, "limit", LIST_LIMIT_MAX, &limit, out) < 0)
		return NULL;
	if (req->api->database == NULL || (items = catalog_read_latest_changes(
	    req->api->database, (int)limit, &cause)) == NULL) {
		api_error(out, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable",
		    "the change history cannot be read now");
		log_warn("GET %s: %s", what, cause ? cause : "no database");
		free(cause);
		return NULL;
	}
	return items;
}

/* The time of the newest change, or now when there is none. */
static const char *
updated(const cJSON *items, char buf[DATE_TIME_LEN])
{
	const char *at = field(cJSON_GetArrayItem(items, 0), "at");

	if (at != NULL)
		return at;
	date_format_time(time(NULL), buf);
	return buf;
}

/* <tag>text</tag> with text escaped. */
static void
put_element(struct buf *b, const char *tag, const char *text)
{
	buf_addf(b, "<%s>", tag);
	html_xml(b, text);
	buf_addf(b, "</%s>\n", tag);
}

/* <link rel="REL" [type="TYPE"] href="URL"/> */
static void
put_link(struct buf *b, const char *rel, const char *type, const char *url)
{
	buf_addf(b, "<link rel=\"%s\" ", rel);
	if (type != NULL)
		buf_addf(b, "type=\"%s\" ", type);
	buf_adds(b, "href=\"");
	html_xml(b, url);
	buf_adds(b, "\"/>\n");
}

static void
put_atom_entry(struct buf *b, const char *origin, const cJSON *item)
{
	struct buf t;

	buf_init(&t, BUF_MAX_INTERNAL);
	buf_adds(b, "<entry>\n");
	buf_addf(b, "<id>urn:sunset:change:%lld</id>\n", field_seq(item));
	put_title(&t, item);
	put_element(b, "title", buf_str(&t));
	put_element(b, "updated", field(item, "at"));
	buf_reset(&t);
	put_model_url(&t, origin, item);
	put_link(b, "alternate", "text/html", buf_str(&t));
	buf_reset(&t);
	put_text(&t, item);
	buf_adds(b, "<summary type=\"text\">");
	html_xml(b, buf_str(&t));
	buf_adds(b, "</summary>\n</entry>\n");
	buf_free(&t);
}

void
api_route_changes_atom(struct MHD_Connection *c, struct request *req,
    const char *a, struct reply *out)
{
	struct buf b, origin, self;
	const cJSON *item;
	cJSON *items;
	char stamp[DATE_TIME_LEN];

	if ((items = latest(c, req, "/v1/changes.atom", out)) == NULL)
		return;
	buf_init(&origin, HOST_MAX + 16);
	put_origin(&origin, c, req->api);
	buf_init(&self, HOST_MAX + 32);
	buf_addf(&self, "%s/v1/changes.atom", buf_str(&origin));
	buf_init(&b, BUF_MAX_INTERNAL);
	buf_adds(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
	put_element(&b, "id", buf_str(&self));
	put_element(&b, "title", FEED_TITLE);
	put_element(&b, "updated", updated(items, stamp));
	buf_adds(&b, "<author><name>sunset</name></author>\n");
	put_link(&b, "self", "application/atom+xml", buf_str(&self));
	buf_reset(&self);
	buf_addf(&self, "%s/", buf_str(&origin));
	put_link(&b, "alternate", "text/html", buf_str(&self));
	cJSON_ArrayForEach(item, items)
		put_atom_entry(&b, buf_str(&origin), item);
	buf_adds(&b, "</feed>\n");
	out->text = buf_take(&b, NULL);
	out->content_type = "application/atom+xml";
	out->no_cache = 1;
	buf_free(&origin);
	buf_free(&self);
	cJSON_Delete(items);
}

static cJSON *
json_item(const char *origin, const cJSON *item)
{
	cJSON *o = cJSON_CreateObject();
	struct buf t;
	char id[48];

	snprintf(id, sizeof(id), "urn:sunset:change:%lld", field_seq(item));
	cJSON_AddStringToObject(o, "id", id);
	buf_init(&t, BUF_MAX_INTERNAL);
	put_model_url(&t, origin, item);
	cJSON_AddStringToObject(o, "url", buf_str(&t));
	buf_reset(&t);
	put_title(&t, item);
	cJSON_AddStringToObject(o, "title", buf_str(&t));
	buf_reset(&t);
	put_text(&t, item);
	cJSON_AddStringToObject(o, "content_text", buf_str(&t));
	buf_free(&t);
	cJSON_AddStringToObject(o, "date_published", field(item, "at"));
	return o;
}

void
api_route_changes_json(struct MHD_Connection *c, struct request *req,
    const char *a, struct reply *out)
{
	struct buf origin, url;
	const cJSON *item;
	cJSON *items, *list;

	if ((items = latest(c, req, "/v1/changes.json", out)) == NULL)
		return;
	buf_init(&origin, HOST_MAX + 16);
	put_origin(&origin, c, req->api);
	buf_init(&url, HOST_MAX + 32);
	out->body = cJSON_CreateObject();
	cJSON_AddStringToObject(out->body, "version",
	    "https://jsonfeed.org/version/1.1");
	cJSON_AddStringToObject(out->body, "title", FEED_TITLE);
	buf_addf(&url, "%s/", buf_str(&origin));
	cJSON_AddStringToObject(out->body, "home_page_url", buf_str(&url));
	buf_reset(&url);
	buf_addf(&url, "%s/v1/changes.json", buf_str(&origin));
	cJSON_AddStringToObject(out->body, "feed_url", buf_str(&url));
	list = cJSON_AddArrayToObject(out->body, "items");
	cJSON_ArrayForEach(item, items)
		cJSON_AddItemToArray(list, json_item(buf_str(&origin), item));
	out->content_type = "application/feed+json";
	out->no_cache = 1;
	buf_free(&origin);
	buf_free(&url);
	cJSON_Delete(items);
}
