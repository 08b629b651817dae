/*
 * embedded.h - data compiled into the binary: the built-in catalog
 * (data/catalog.json) and the schema migrations (sql/NNN-*.sql).
 */
#ifndef SUNSET_EMBEDDED_H
#define SUNSET_EMBEDDED_H

#include <stddef.h>

struct migration {
	int		 version;	/* user_version after applying sql */
	const char	*name;
	const char	*sql;
};

extern const char *const embedded_catalog;	/* NUL-terminated */
extern const size_t embedded_catalog_len;
extern const struct migration embedded_migrations[];	/* ascending */
extern const size_t embedded_nmigrations;

#endif
