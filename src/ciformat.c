/*
 * ciformat.c - escaping for CI outputs: GitHub Actions workflow
 * commands (as actions/toolkit's escapeData and escapeProperty do),
 * Markdown table cells, and the fingerprint of a finding.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ciformat.h"

/* Appends s with '%', CR, LF and (property) ':' and ',' as %XX. */
static void
escape(struct buf *b, const char *s, int property)
{
	for (; *s != '\0'; s++) {
		if (*s == '%' || *s == '\r' || *s == '\n' ||
		    (property && (*s == ':' || *s == ',')))
			buf_addf(b, "%%%02X", (unsigned char)*s);
		else
			buf_addc(b, *s);
	}
}

void
ci_escape_data(struct buf *b, const char *s)
{
	escape(b, s, 0);
}

void
ci_escape_property(struct buf *b, const char *s)
{
	escape(b, s, 1);
}

void
ci_markdown_cell(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\r' || *s == '\n')
			buf_addc(b, ' ');
		else if (*s == '<')
			buf_adds(b, "&lt;");
		else if (*s == '&')
			buf_adds(b, "&amp;");
		else {
			if (strchr("|\\`*_[]#>~!", *s) != NULL)
				buf_addc(b, '\\');
			buf_addc(b, *s);
		}
	}
}

static uint64_t
fnv(uint64_t h, const void *p, size_t n, int fold)
{
	const unsigned char *c = p;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= fold && c[i] >= 'A' && c[i] <= 'Z' ? c[i] + 32 : c[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

void
ci_fingerprint(char out[17], const char *rule, const char *path,
    const char *text, size_t len, uint64_t occurrence)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	char n[24];

	h = fnv(h, rule, strlen(rule) + 1, 0);
	h = fnv(h, path, strlen(path) + 1, 0);
	h = fnv(h, text, len, 1);
	snprintf(n, sizeof(n), ":%llu", (unsigned long long)occurrence);
	h = fnv(h, n, strlen(n), 0);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}
