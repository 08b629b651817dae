/*
 * cli.h - the subcommands people and CI run (sunset(1)).
 *
 * Each takes argc/argv with argv[0] the command name and returns the exit
 * status: 0, 1 (something deprecated, for check), 2 (usage or runtime
 * error).
 */
#ifndef SUNSET_CLI_H
#define SUNSET_CLI_H

#include <stdint.h>

#define EXIT_DEPRECATED	1
#define EXIT_TROUBLE	2

int cmd_check(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_fix(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_sync(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_help(int argc, char **argv);
/* In mcp.c: the Model Context Protocol server on stdio. */
int cmd_mcp(int argc, char **argv);
/* In main.c: the daemon. */
int cmd_serve(int argc, char **argv);

struct snapshot;

/*
 * The snapshot a command answers from: the database at db when it names an
 * existing file, else the catalog built into the binary (loaded into a
 * private in-memory database, the daemon's own path).  Logs and returns
 * NULL on error.
 */
struct snapshot *cli_open_snapshot(const char *db);

/* Prints the overview of commands to stdout. */
void cli_usage(void);

/* --at DATE and --within DAYS: 0, or -1 after logging what they want. */
int cli_parse_at(const char *s, int32_t *as_of);
int cli_parse_within(const char *s, long *within);

/* 0 when each of the n paths is a file or a directory; -1 after logging
 * the first that is not. */
int cli_check_paths(char **paths, int n);

/* 1 when argv holds -h or --help: callers print their help and exit 0. */
int cli_wants_help(int argc, char **argv);

#endif
