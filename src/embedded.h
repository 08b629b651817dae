/*
 * embedded.h - data compiled into the binary: the built-in catalog
 * (data/catalog.json), the schema migrations (sql/NNN-*.sql) and the
 * pages' and guide's files under data/ (see data/README), which are
 * found by their path under data/.
 */
#ifndef SUNSET_EMBEDDED_H
#define SUNSET_EMBEDDED_H

#include <stddef.h>

struct migration {
	int		 version;	/* user_version after applying sql */
	const char	*name;
	const char	*sql;
};

struct embedded_file {
	const char	*name;		/* "assets/page.css" */
	const char	*data;		/* NUL-terminated */
	size_t		 len;
};

extern const char *const embedded_catalog;	/* NUL-terminated */
extern const size_t embedded_catalog_len;
extern const struct migration embedded_migrations[];	/* ascending */
extern const size_t embedded_nmigrations;
extern const struct embedded_file embedded_files[];	/* sorted by name */
extern const size_t embedded_nfiles;

/* The file called name ("assets/page.css"), or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
