/*
 * db.h - the few SQLite helpers every store of the program shares: the
 * catalog (catalog.c) and the alerts' outbox (outbox.c).
 */
#ifndef SUNSET_DB_H
#define SUNSET_DB_H

#include <sqlite3.h>

/* Runs sql (one or more statements).  0, or -1 with *cause set to
 * SQLite's message. */
int db_exec(sqlite3 *db, const char *sql, char **cause);

/* Binds text, or NULL when s is NULL.  SQLite copies it. */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);

/* Opens path read-only on a connection of its own, with a busy timeout,
 * for the HTTP threads' short reads.  NULL with *cause set. */
sqlite3 *db_open_reader(const char *path, char **cause);

#endif
