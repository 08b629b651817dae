/*
 * html.h - the escapers that put any text into HTML or a URL as text
 * only, appending to a buf (buf.h).
 *
 * html_esc() is for HTML text and attribute values (single- or
 * double-quoted), html_pct() for a URL path segment or query value,
 * html_uri() for a whole URL that goes where only a URI may (a Link
 * header, an iCalendar URL).
 * Pages are written into a buf with buf_adds() for markup and these for
 * everything that comes from a feed or a request.
 */
#ifndef SUNSET_HTML_H
#define SUNSET_HTML_H

#include "buf.h"

/*
 * s as HTML text or an attribute value: < > & " ' become references;
 * bytes that are not UTF-8 and control characters (but tab and newline)
 * become U+FFFD, so the page stays valid whatever a feed or a client
 * sent.  s NULL appends nothing.
 */
void html_esc(struct buf *b, const char *s);

/*
 * s as XML 1.0 text or an attribute value: html_esc(), and the
 * noncharacters U+FFFE and U+FFFF, which XML does not allow, become
 * U+FFFD as well.  s NULL appends nothing.
 */
void html_xml(struct buf *b, const char *s);

/* s, in which `backticks` mark code, as HTML text with <code> spans. */
void html_esc_code(struct buf *b, const char *s);

/* s percent-encoded: every byte but ASCII letters, digits and - . _ ~. */
void html_pct(struct buf *b, const char *s);

/*
 * The URL s as a URI (RFC 3986): the characters a URI may hold stay as
 * they are, an escape %XX too; every other byte (non-ASCII, controls,
 * space, " < > \ ^ ` { | } and a % that starts no escape) is
 * percent-encoded.
 */
void html_uri(struct buf *b, const char *s);

#endif
