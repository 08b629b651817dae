/*
 * conf.h - sunset.conf (design §8): "key = value" lines, "#" comments.
 *
 * Parsing is driven by one table of keys with their types and bounds, so
 * every key is checked the same way and every error names file:line.
 */
#ifndef SUNSET_CONF_H
#define SUNSET_CONF_H

#define CONF_DEFAULT_PATH	SYSCONFDIR "/sunset/sunset.conf"
#define CONF_DEFAULT_LISTEN	"127.0.0.1:7380"
#define CONF_DEFAULT_DATABASE	"/var/lib/sunset/catalog.db"

struct conf {
	char	*listen;
	char	*database;
	char	*admin_token_file;	/* NULL: admin endpoints off */
	int	 embedded_catalog;	/* load the built-in catalog */
};

/* Fills conf with the defaults. */
void conf_init(struct conf *conf);
/* Frees what conf holds. */
void conf_clear(struct conf *conf);

/*
 * Reads path into conf (which holds the defaults or earlier values).
 * Returns 0, or -1 with *cause set to "path:line: problem"; conf is then
 * unchanged.
 */
int conf_load(const char *path, struct conf *conf, char **cause);

/* Parses text as the file name says; the same rules, for tests. */
int conf_parse(const char *name, const char *text, struct conf *conf,
    char **cause);

#endif
