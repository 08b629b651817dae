/*
 * conf.c - sunset.conf reading.
 *
 * Invariant: a file is applied whole or not at all; the caller's struct
 * is only written after the last line parsed.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "conf.h"
#include "util.h"

#include <sys/socket.h>

#define CONF_FILE_MAX (1024 * 1024)

enum conf_type { CONF_STRING, CONF_PATH, CONF_LISTEN, CONF_BOOL };

static const struct conf_key {
	const char	*name;
	enum conf_type	 type;
	size_t		 offset;
} keys[] = {
	{ "listen", CONF_LISTEN, offsetof(struct conf, listen) },
	{ "database", CONF_PATH, offsetof(struct conf, database) },
	{ "admin_token_file", CONF_PATH,
	    offsetof(struct conf, admin_token_file) },
	{ "embedded_catalog", CONF_BOOL,
	    offsetof(struct conf, embedded_catalog) },
};

void
conf_init(struct conf *conf)
{
	memset(conf, 0, sizeof(*conf));
	conf->listen = xstrdup(CONF_DEFAULT_LISTEN);
	conf->database = xstrdup(CONF_DEFAULT_DATABASE);
	conf->embedded_catalog = 1;
}

void
conf_clear(struct conf *conf)
{
	free(conf->listen);
	free(conf->database);
	free(conf->admin_token_file);
	memset(conf, 0, sizeof(*conf));
}

static void
conf_copy(struct conf *dst, const struct conf *src)
{
	dst->listen = xstrdup(src->listen);
	dst->database = xstrdup(src->database);
	dst->admin_token_file = xstrdup_or_null(src->admin_token_file);
	dst->embedded_catalog = src->embedded_catalog;
}

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int
set_value(struct conf *conf, const struct conf_key *k, const char *value,
    char **cause)
{
	struct sockaddr_storage ss;
	char **str = (char **)((char *)conf + k->offset);
	int *flag = (int *)((char *)conf + k->offset);

	switch (k->type) {
	case CONF_BOOL:
		if (strcmp(value, "yes") == 0 || strcmp(value, "true") == 0)
			*flag = 1;
		else if (strcmp(value, "no") == 0 ||
		    strcmp(value, "false") == 0)
			*flag = 0;
		else {
			set_cause(cause, "%s must be yes or no", k->name);
			return -1;
		}
		return 0;
	case CONF_LISTEN:
		if (api_parse_listen(value, &ss, cause) < 0)
			return -1;
		break;
	case CONF_PATH:
		if (value[0] != '/') {
			set_cause(cause, "%s must be an absolute path",
			    k->name);
			return -1;
		}
		break;
	case CONF_STRING:
		break;
	}
	free(*str);
	*str = xstrdup(value);
	return 0;
}

int
conf_parse(const char *name, const char *text, struct conf *conf,
    char **cause)
{
	struct conf work;
	char *copy = xstrdup(text), *p = copy, *line, *eq, *key, *value;
	char *why = NULL;
	unsigned seen = 0;
	size_t lineno = 0, i;
	int rc = -1;

	conf_copy(&work, conf);
	while ((line = strsep(&p, "\n")) != NULL) {
		lineno++;
		if ((eq = strchr(line, '#')) != NULL)
			*eq = '\0';
		line = trim(line);
		if (*line == '\0')
			continue;
		if (*line == '[') {
			set_cause(cause, "%s:%zu: sections are not supported "
			    "by this version", name, lineno);
			goto out;
		}
		if ((eq = strchr(line, '=')) == NULL) {
			set_cause(cause, "%s:%zu: expected key = value", name,
			    lineno);
			goto out;
		}
		*eq = '\0';
		key = trim(line);
		value = trim(eq + 1);
		for (i = 0; i < NELEM(keys); i++)
			if (strcmp(keys[i].name, key) == 0)
				break;
		if (i == NELEM(keys)) {
			set_cause(cause, "%s:%zu: unknown key \"%s\"", name,
			    lineno, key);
			goto out;
		}
		if (seen & (1u << i)) {
			set_cause(cause, "%s:%zu: %s is set twice", name,
			    lineno, key);
			goto out;
		}
		seen |= 1u << i;
		if (*value == '\0') {
			set_cause(cause, "%s:%zu: %s has no value", name,
			    lineno, key);
			goto out;
		}
		if (set_value(&work, &keys[i], value, &why) < 0) {
			set_cause(cause, "%s:%zu: %s", name, lineno, why);
			goto out;
		}
	}
	conf_clear(conf);
	*conf = work;
	memset(&work, 0, sizeof(work));
	rc = 0;
out:
	conf_clear(&work);
	free(why);
	free(copy);
	return rc;
}

int
conf_load(const char *path, struct conf *conf, char **cause)
{
	char *text;
	int rc;

	if ((text = read_file(path, CONF_FILE_MAX, NULL, cause)) == NULL)
		return -1;
	rc = conf_parse(path, text, conf, cause);
	free(text);
	return rc;
}
