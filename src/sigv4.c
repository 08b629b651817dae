/*
 * sigv4.c - AWS Signature Version 4 with OpenSSL's libcrypto.
 *
 * The canonical request is built from the URL as it will be sent: the
 * path with "." and ".." segments and empty segments removed, each
 * segment percent-encoded again (so "%2F" as sent is signed as "%252F",
 * which is what AWS computes for every service but S3); the query split
 * into parameters, each name and value decoded and encoded again with
 * only A-Z a-z 0-9 - _ . ~ left bare, and sorted by name, then value.
 * The signed headers are host, x-amz-date and, with a session token,
 * x-amz-security-token.  The key derived from the secret, and every step
 * of it, is wiped before it is freed.
 */
#include "config.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "html.h"
#include "sigv4.h"
#include "util.h"

#define ALGORITHM	"AWS4-HMAC-SHA256"
#define HASH_LEN	32		/* SHA-256 */
#define HEX_LEN		(2 * HASH_LEN + 1)

/* The parts of a URL the signature covers, each a new string. */
struct url_parts {
	char	*host;		/* lower-cased, ":port" when not the default */
	char	*path;		/* as sent; "" when the URL has none */
	char	*query;		/* as sent, without "?"; NULL when none */
};

/* A query parameter, name and value percent-encoded for signing. */
struct param {
	char	*name;
	char	*value;
};

static void
url_parts_free(struct url_parts *u)
{
	free(u->host);
	free(u->path);
	free(u->query);
}

/* Splits url into host, path and query.  Returns 0, or -1 with *cause set
 * (never to the URL itself, which may carry a password). */
static int
parse_url(const char *url, struct url_parts *u, char **cause)
{
	const char *p, *auth, *end, *at, *host, *hend, *port;
	const char *def;
	long n;
	size_t i;

	memset(u, 0, sizeof(*u));
	for (p = url; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			set_cause(cause, "the URL holds a control character");
			return -1;
		}
	if (strncasecmp(url, "https://", 8) == 0) {
		auth = url + 8;
		def = "443";
	} else if (strncasecmp(url, "http://", 7) == 0) {
		auth = url + 7;
		def = "80";
	} else {
		set_cause(cause, "the URL is not an absolute http or https URL");
		return -1;
	}
	end = auth + strcspn(auth, "/?#");
	/* The userinfo is never sent in the Host header. */
	host = auth;
	for (at = auth; at < end; at++)
		if (*at == '@')
			host = at + 1;
	if (*host == '[') {
		if ((hend = memchr(host, ']', (size_t)(end - host))) == NULL) {
			set_cause(cause, "the URL's IPv6 address has no ']'");
			return -1;
		}
		hend++;
	} else
		hend = host + strcspn(host, ":/?#");
	if (hend > end)
		hend = end;
	if (hend == host || (*host == '[' && hend - host < 3)) {
		set_cause(cause, "the URL has no host");
		return -1;
	}
	for (p = host; p < hend; p++)
		if (*p == ' ' || (*host != '[' && (*p == '[' || *p == ']'))) {
			set_cause(cause, "the URL's host is not a host name");
			return -1;
		}
	port = NULL;
	if (hend < end) {
		if (*hend != ':') {
			set_cause(cause, "the URL's host is not a host name");
			return -1;
		}
		port = hend + 1;
		n = 0;
		for (p = port; p < end; p++) {
			if (*p < '0' || *p > '9' || (n = n * 10 + (*p - '0')) >
			    65535) {
				set_cause(cause, "the URL's port is not a port "
				    "number");
				return -1;
			}
		}
		/* "host:" is the default port; so is "host:443" for https. */
		while (port < end - 1 && *port == '0')
			port++;
		if (port == end || (strlen(def) == (size_t)(end - port) &&
		    strncmp(port, def, strlen(def)) == 0))
			port = NULL;
		else if (n == 0) {
			set_cause(cause, "the URL's port is not a port number");
			return -1;
		}
	}
	if (port != NULL)
		u->host = xasprintf("%.*s:%.*s", (int)(hend - host), host,
		    (int)(end - port), port);
	else
		u->host = xstrndup(host, (size_t)(hend - host));
	for (i = 0; u->host[i] != '\0'; i++)
		if (u->host[i] >= 'A' && u->host[i] <= 'Z')
			u->host[i] += 'a' - 'A';
	p = end + strcspn(end, "?#");
	u->path = xstrndup(end, (size_t)(p - end));
	if (*p == '?') {
		p++;
		u->query = xstrndup(p, strcspn(p, "#"));
	}
	return 0;
}

/*
 * The canonical URI of the path as sent: empty and "." segments dropped,
 * ".." taking the one before it away (RFC 3986 5.2.4, and AWS wants no
 * empty segments), a trailing "/" kept when a segment is left, and each
 * segment percent-encoded.  An empty path is "/".
 */
static void
canonical_uri(struct buf *b, const char *path)
{
	char *copy, *seg, *next;
	char **segs;
	size_t nsegs = 0, i, len = strlen(path);

	segs = xreallocarray(NULL, len / 2 + 2, sizeof(*segs));
	copy = xstrdup(path);
	for (seg = copy; seg != NULL; seg = next) {
		if ((next = strchr(seg, '/')) != NULL)
			*next++ = '\0';
		if (*seg == '\0' || strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			if (nsegs > 0)
				nsegs--;
		} else
			segs[nsegs++] = seg;
	}
	buf_addc(b, '/');
	for (i = 0; i < nsegs; i++) {
		if (i > 0)
			buf_addc(b, '/');
		html_pct(b, segs[i]);
	}
	if (nsegs > 0 && len > 0 && path[len - 1] == '/')
		buf_addc(b, '/');
	free(copy);
	free(segs);
}

/* The n bytes at s decoded and encoded again for signing, or NULL when
 * they hold a broken escape or an escaped NUL. */
static char *
reencode(const char *s, size_t n)
{
	struct buf b;
	char *raw;
	size_t i, len = 0;
	int hi, lo;

	raw = xmalloc(n + 1);
	for (i = 0; i < n; i++) {
		if (s[i] != '%')
			raw[len++] = s[i];
		else if (i + 2 < n && (hi = hexval(s[i + 1])) >= 0 &&
		    (lo = hexval(s[i + 2])) >= 0 && hi + lo > 0) {
			raw[len++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			free(raw);
			return NULL;
		}
	}
	raw[len] = '\0';
	buf_init(&b, BUF_MAX_INTERNAL);
	html_pct(&b, raw);
	free(raw);
	return buf_take(&b, NULL);
}

static int
param_cmp(const void *a, const void *b)
{
	const struct param *x = a, *y = b;
	int c;

	if ((c = strcmp(x->name, y->name)) != 0)
		return c;
	return strcmp(x->value, y->value);
}

/* The canonical query string of query (NULL: none) into b.  Returns 0, or
 * -1 with *cause set. */
static int
canonical_query(struct buf *b, const char *query, char **cause)
{
	struct param *params = NULL;
	const char *p, *amp, *eq;
	size_t n = 0, i;
	int rc = -1;

	if (query == NULL)
		return 0;
	params = xreallocarray(NULL, strlen(query) / 2 + 1, sizeof(*params));
	for (p = query; *p != '\0'; p = *amp == '\0' ? amp : amp + 1) {
		amp = p + strcspn(p, "&");
		if (amp == p)
			continue;
		if ((eq = memchr(p, '=', (size_t)(amp - p))) == NULL)
			eq = amp;
		params[n].name = reencode(p, (size_t)(eq - p));
		params[n].value = eq == amp ? xstrdup("") :
		    reencode(eq + 1, (size_t)(amp - eq - 1));
		n++;
		if (params[n - 1].name == NULL || params[n - 1].value == NULL) {
			set_cause(cause, "the URL's query has a broken %% "
			    "escape");
			goto out;
		}
	}
	if (n > 0)
		qsort(params, n, sizeof(*params), param_cmp);
	for (i = 0; i < n; i++)
		buf_addf(b, "%s%s=%s", i > 0 ? "&" : "", params[i].name,
		    params[i].value);
	rc = 0;
out:
	for (i = 0; i < n; i++) {
		free(params[i].name);
		free(params[i].value);
	}
	free(params);
	return rc;
}

static void
hex(char *out, const unsigned char *md, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[md[i] >> 4];
		out[2 * i + 1] = digits[md[i] & 15];
	}
	out[2 * len] = '\0';
}

static void
sha256_hex(char out[HEX_LEN], const void *data, size_t len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;

	if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1 ||
	    mdlen != HASH_LEN)
		abort();
	hex(out, md, HASH_LEN);
}

static void
hmac(unsigned char out[HASH_LEN], const void *key, size_t keylen,
    const char *msg)
{
	unsigned int mdlen = 0;

	if (HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)msg,
	    strlen(msg), out, &mdlen) == NULL || mdlen != HASH_LEN)
		abort();
}

/*
 * The signature of sts: kDate = HMAC("AWS4" secret, date), then kRegion,
 * kService and kSigning, and HMAC(kSigning, sts) in hex.
 */
static void
signature(char out[HEX_LEN], const char *secret, const char *date,
    const char *region, const char *service, const char *sts)
{
	unsigned char k[HASH_LEN], k2[HASH_LEN];
	char *first;

	first = xasprintf("AWS4%s", secret);
	hmac(k, first, strlen(first), date);
	explicit_bzero(first, strlen(first));
	free(first);
	hmac(k2, k, HASH_LEN, region);
	hmac(k, k2, HASH_LEN, service);
	hmac(k2, k, HASH_LEN, "aws4_request");
	hmac(k, k2, HASH_LEN, sts);
	hex(out, k, HASH_LEN);
	explicit_bzero(k, sizeof(k));
	explicit_bzero(k2, sizeof(k2));
}

/* 1 when s is a non-empty run of printable ASCII without the bytes in
 * also (what may go into a header and a credential scope). */
static int
is_word(const char *s, const char *also)
{
	const char *p;

	if (s == NULL || *s == '\0')
		return 0;
	for (p = s; *p != '\0'; p++)
		if (*p < 0x20 || *p > 0x7e || strchr(also, *p) != NULL)
			return 0;
	return 1;
}

/* The value s as it is signed: no space at either end, runs of spaces
 * within made one. */
static char *
trim_all(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *w = out;

	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t') {
			if (w > out && w[-1] != ' ')
				*w++ = ' ';
		} else
			*w++ = *s;
	}
	if (w > out && w[-1] == ' ')
		w--;
	*w = '\0';
	return out;
}

/* Checks what goes into headers.  Returns 0, or -1 with *cause set. */
static int
check_inputs(const struct sigv4_request *req, const struct sigv4_key *key,
    char **cause)
{
	const char *p;

	if (req->method == NULL || *req->method == '\0') {
		set_cause(cause, "no method");
		return -1;
	}
	for (p = req->method; *p != '\0'; p++)
		if (*p < 'A' || *p > 'Z') {
			set_cause(cause, "the method is not an upper-case "
			    "word");
			return -1;
		}
	if (req->url == NULL) {
		set_cause(cause, "no URL");
		return -1;
	}
	if (!is_word(req->region, " /,")) {
		set_cause(cause, "the region is empty or not a word");
		return -1;
	}
	if (!is_word(req->service, " /,")) {
		set_cause(cause, "the service is empty or not a word");
		return -1;
	}
	if (!is_word(key->access_key_id, " /,")) {
		set_cause(cause, "the access key id is empty or not a word");
		return -1;
	}
	if (key->secret_access_key == NULL ||
	    *key->secret_access_key == '\0') {
		set_cause(cause, "the secret access key is empty");
		return -1;
	}
	if (key->session_token != NULL &&
	    !is_word(key->session_token, "")) {
		set_cause(cause, "the session token is empty or holds a "
		    "control character");
		return -1;
	}
	return 0;
}

int
sigv4_sign(const struct sigv4_request *req, const struct sigv4_key *key,
    char ***headers, char **cause)
{
	struct url_parts u;
	struct buf cr;
	struct tm tm;
	char amzdate[17], date[9], payload[HEX_LEN], crhash[HEX_LEN];
	char sig[HEX_LEN];
	char *token = NULL, *scope = NULL, *sts = NULL, **out;
	const char *signed_headers;
	size_t n = 0;
	int rc = -1;

	*headers = NULL;
	if (check_inputs(req, key, cause) == -1)
		return -1;
	if (gmtime_r(&req->now, &tm) == NULL ||
	    strftime(amzdate, sizeof(amzdate), "%Y%m%dT%H%M%SZ", &tm) != 16) {
		set_cause(cause, "the time is out of range");
		return -1;
	}
	memcpy(date, amzdate, 8);
	date[8] = '\0';
	if (parse_url(req->url, &u, cause) == -1)
		return -1;

	buf_init(&cr, BUF_MAX_INTERNAL);
	buf_addf(&cr, "%s\n", req->method);
	canonical_uri(&cr, u.path);
	buf_addc(&cr, '\n');
	if (canonical_query(&cr, u.query, cause) == -1)
		goto out;
	buf_addf(&cr, "\nhost:%s\nx-amz-date:%s\n", u.host, amzdate);
	if (key->session_token != NULL) {
		token = trim_all(key->session_token);
		buf_addf(&cr, "x-amz-security-token:%s\n", token);
		signed_headers = "host;x-amz-date;x-amz-security-token";
	} else
		signed_headers = "host;x-amz-date";
	sha256_hex(payload, req->body != NULL ? req->body : "",
	    req->body != NULL ? req->body_len : 0);
	buf_addf(&cr, "\n%s\n%s", signed_headers, payload);
	if (buf_failed(&cr)) {
		set_cause(cause, "the URL is too long");
		goto out;
	}
	sha256_hex(crhash, buf_str(&cr), buf_len(&cr));

	scope = xasprintf("%s/%s/%s/aws4_request", date, req->region,
	    req->service);
	sts = xasprintf("%s\n%s\n%s\n%s", ALGORITHM, amzdate, scope, crhash);
	signature(sig, key->secret_access_key, date, req->region,
	    req->service, sts);

	out = xcalloc(4, sizeof(*out));
	out[n++] = xasprintf("X-Amz-Date: %s", amzdate);
	if (key->session_token != NULL)
		out[n++] = xasprintf("X-Amz-Security-Token: %s",
		    key->session_token);
	out[n++] = xasprintf("Authorization: %s Credential=%s/%s, "
	    "SignedHeaders=%s, Signature=%s", ALGORITHM, key->access_key_id,
	    scope, signed_headers, sig);
	*headers = out;
	rc = 0;
out:
	buf_free(&cr);
	url_parts_free(&u);
	free(token);
	free(scope);
	free(sts);
	return rc;
}

void
sigv4_headers_free(char **headers)
{
	wipe_strv(headers);
}
