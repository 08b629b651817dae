/*
 * conf.h - sunset.conf (sunset.conf(5)): "key = value" lines, "#" comments.
 *
 * Parsing is driven by one table of keys with their types and bounds, so
 * every key is checked the same way and every error names file:line.
 */
#ifndef SUNSET_CONF_H
#define SUNSET_CONF_H

#define CONF_DEFAULT_PATH	SYSCONFDIR "/sunset/sunset.conf"
#define CONF_DEFAULT_LISTEN	"127.0.0.1:7380"
#define CONF_DEFAULT_DATABASE	"/var/lib/sunset/catalog.db"

#define CONF_DEFAULT_INTERVAL	(6 * 3600)

/* A [feed NAME] section. */
struct conf_feed {
	char	*name;
	char	*url;
	char	*format;
	char	*provider;	/* NULL unless set */
	int	 interval_s;
	int	 priority;
	int	 insecure_http;	/* allow plain http to any host */
	int	 timeout_s;	/* whole fetch */
	int	 max_size;	/* bytes; the format's default unless set */
};

struct conf {
	char		*listen;
	char		*database;
	char		*admin_token_file;	/* NULL: admin endpoints off */
	int		 embedded_catalog;	/* load the built-in catalog */
	char		*cors_origins;		/* NULL: off; "*" or origins
						 * separated by one space */
	struct conf_feed *feeds;
	size_t		 nfeeds;
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

/* 1 when feed may be fetched over plain http: its URL names a loopback
 * host, or it says insecure_http = yes. */
int conf_feed_allows_http(const struct conf_feed *feed);

/* The feed called name, or NULL. */
const struct conf_feed *conf_find_feed(const struct conf *conf,
    const char *name);

/*
 * The configuration a command runs with: the defaults, then path (or the
 * default file when path is NULL and it exists), then the command line's
 * listen and database (each may be NULL).  Returns 0, or -1 with *cause.
 */
int conf_read(const char *path, const char *listen, const char *database,
    struct conf *conf, char **cause);

/*
 * Reads the admin token from path: the first line, which must not be
 * empty, from a file no one but its owner may read.  Returns a new string
 * or NULL with *cause set.
 */
char *conf_read_token(const char *path, char **cause);

/* Parses text as the file name says; the same rules, for tests. */
int conf_parse(const char *name, const char *text, struct conf *conf,
    char **cause);

#endif
