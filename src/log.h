/*
 * log.h - one logging path for the daemon and the CLI.
 *
 * The daemon logs to stderr with sd-daemon priority prefixes ("<3>") that
 * journald turns into priorities; the CLI prints "sunset: message".
 * errno is preserved across every call, as OpenSMTPD's log.c does.
 */
#ifndef SUNSET_LOG_H
#define SUNSET_LOG_H

#include "util.h"

enum log_style { LOG_STYLE_CLI, LOG_STYLE_DAEMON };

/* Chooses the output style; verbose enables debug messages. */
void log_init(enum log_style style, int verbose);

void log_err(const char *fmt, ...) ATTR_PRINTF(1, 2);
void log_warn(const char *fmt, ...) ATTR_PRINTF(1, 2);
void log_notice(const char *fmt, ...) ATTR_PRINTF(1, 2);
void log_info(const char *fmt, ...) ATTR_PRINTF(1, 2);
void log_debug(const char *fmt, ...) ATTR_PRINTF(1, 2);

#endif
