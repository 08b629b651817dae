/*
 * upstream.h - a feed server for the tests, on loopback, in-process.
 *
 * Paths behave as their names say: /doc serves the current document
 * (settable) with an ETag and honours If-None-Match; /status/NNN answers
 * that status; /stall sends a little and then nothing; /big sends more than
 * a fetch may take, in chunks with no announced size; /bigdeclared
 * announces it; /loop redirects to itself; /redirect goes to /doc;
 * /truncated announces more than it sends; /html serves a page.
 */
#ifndef SUNSET_TEST_UPSTREAM_H
#define SUNSET_TEST_UPSTREAM_H

#include <stddef.h>

#define UPSTREAM_BIG (9 * 1024 * 1024)

/* Starts the server on 127.0.0.1 and returns its port, or 0. */
unsigned upstream_start(void);
void upstream_stop(void);
/* Replaces the document /doc serves; a new document gets a new ETag. */
void upstream_set_doc(const char *text);
/* "http://127.0.0.1:PORT" + path, in a static buffer. */
const char *upstream_url(const char *path);
/* How many requests /doc has had, and how many were answered 304. */
int upstream_doc_requests(void);
int upstream_doc_not_modified(void);
/* How many pages /auth/pages has served. */
int upstream_pages_served(void);

#endif
