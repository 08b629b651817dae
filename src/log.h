/*
 * log.h - one logging path for the daemon and the CLI.
 *
 * Messages go to stderr, one line each.  When stderr is the journal
 * (systemd names the stream it connected in JOURNAL_STREAM), a line starts
 * with its sd-daemon priority ("<3>"), which journald turns into the
 * entry's priority; anywhere else (a terminal, a file, a pipe) it starts
 * with "sunset: ".  errno is preserved across every call, as OpenSMTPD's
 * log.c does.
 */
#ifndef SUNSET_LOG_H
#define SUNSET_LOG_H

#include "util.h"

/*
 * Looks at where stderr goes and chooses the line format; verbose enables
 * debug messages.  Before the first call, lines start with "sunset: ".
 */
void log_init(int verbose);

void log_err(const char *fmt, ...) ATTR_PRINTF(1, 2);
void log_warn(const char *fmt, ...) ATTR_PRINTF(1, 2);
void log_notice(const char *fmt, ...) ATTR_PRINTF(1, 2);
void log_info(const char *fmt, ...) ATTR_PRINTF(1, 2);
void log_debug(const char *fmt, ...) ATTR_PRINTF(1, 2);

#endif
