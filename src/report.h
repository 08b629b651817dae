/*
 * report.h - sends an inventory report to a daemon: POST /v1/inventory
 * with libcurl (sunset scan --report).
 *
 * Knows the route and its answer, nothing of scanning.
 */
#ifndef SUNSET_REPORT_H
#define SUNSET_REPORT_H

#include <stddef.h>

/* The models of a report: (provider, id) pairs, not owned. */
struct report_model {
	const char	*provider;
	const char	*id;
};

/* 0 when report_post can post to url (see there), else -1 with *cause
 * set: a check to make before the work whose result is reported. */
int report_check_url(const char *url, char **cause);

/*
 * Posts models to the daemon at url (its base URL, or the full
 * /v1/inventory URL) under label, with the bearer token when not NULL.
 * url must be https, or http to a loopback host.  Returns 0 once the
 * daemon answered 2xx, with *recorded and *unknown (when not NULL) set
 * from its answer; else -1 with *cause set.
 */
int report_post(const char *url, const char *label, const char *token,
    const struct report_model *models, size_t n, size_t *recorded,
    size_t *unknown, char **cause);

/*
 * The label a scan reports under when none is given: the base name of the
 * git top level above path, or of path's directory, with the bytes a
 * label may not hold replaced by '-'.  Caller frees.
 */
char *report_default_label(const char *path);

#endif
