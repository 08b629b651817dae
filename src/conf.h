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
#define CONF_DEFAULT_USAGE_FLUSH	60	/* seconds */

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
	/* Model-list API formats (feed.h, struct feed_api): */
	char	*key_file;	/* the key: a path or a credential's name */
	char	*regions;	/* names separated by one space, or NULL */
};

/* An [alert NAME] section (sunset.conf(5)). */
#define CONF_THRESHOLDS_MAX	16
#define CONF_THRESHOLD_DAYS_MAX	3650
#define CONF_DEFAULT_THRESHOLDS	"90,30,7,1"
#define CONF_DEFAULT_ALERT_TIMEOUT	15

/* Days before a shutdown, largest first, no two alike. */
struct conf_thresholds {
	int	 v[CONF_THRESHOLDS_MAX];
	size_t	 n;
};

struct conf_alert {
	char			*name;
	char			*url;		/* NULL when url_file is set */
	char			*url_file;	/* NULL when url is set */
	char			*format;	/* standard, slack or text */
	char			*secret_file;	/* NULL: unsigned */
	struct conf_thresholds	 thresholds;
	int			 only_used;	/* only models in use */
	char			*providers;	/* NULL: all; else slugs
						 * separated by one space */
	int			 timeout_s;	/* one delivery attempt */
};

struct conf {
	char		*listen;
	char		*database;
	char		*admin_token_file;	/* NULL: admin endpoints off */
	int		 embedded_catalog;	/* load the built-in catalog */
	int		 usage_flush_s;		/* 0: usage not counted */
	char		*cors_origins;		/* NULL: off; "*" or origins
						 * separated by one space */
	struct conf_feed *feeds;
	size_t		 nfeeds;
	struct conf_alert *alerts;
	size_t		 nalerts;
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

/* 1 when url names a loopback host (localhost, 127.0.0.0/8, ::1). */
int conf_url_loopback(const char *url);

/* 0 when url may receive alerts: https, or http to a loopback host;
 * else -1 with *cause set. */
int conf_alert_url_check(const char *url, char **cause);

/* Copies src into dst (every string its own); conf_alert_clear frees. */
void conf_alert_copy(struct conf_alert *dst, const struct conf_alert *src);
void conf_alert_clear(struct conf_alert *alert);

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
 * The file a secret's setting names: name itself when it is an absolute
 * path, else the systemd credential $CREDENTIALS_DIRECTORY/name.  Returns
 * a new string, or NULL with *cause set when that variable is not set.
 */
char *conf_secret_path(const char *name, char **cause);

/*
 * Reads the secret file name names (conf_secret_path), of at most max
 * bytes, refusing one that group or others may read.  Returns the text
 * (NUL-terminated, its length in *len when len is not NULL), which the
 * caller wipes and frees, or NULL with *cause set.  A cause never holds
 * the file's contents.
 */
char *conf_read_secret(const char *name, size_t max, size_t *len,
    char **cause);

/*
 * Reads a token (the admin token, an alert's URL or secret, an API key)
 * from the secret file name names: its first line, which must not be
 * empty.  Returns a new string or NULL with *cause set.
 */
char *conf_read_token(const char *path, char **cause);

/* Parses text as the file name says; the same rules, for tests. */
int conf_parse(const char *name, const char *text, struct conf *conf,
    char **cause);

#endif
