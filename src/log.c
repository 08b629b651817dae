/*
 * log.c - stderr logging, with journald priority prefixes when stderr is
 * the journal.
 *
 * Each message is formatted into one buffer and written with one call, so
 * lines from the HTTP threads and the main loop never interleave.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"

static int journal;
static int verbose;

/*
 * Whether stderr is the journal: systemd sets JOURNAL_STREAM to the
 * "DEVICE:INODE" of the stream it connected to stderr.  A process that
 * inherited the variable but whose stderr went elsewhere (a terminal, a
 * file) does not match it.
 */
static int
stderr_is_journal(void)
{
	const char *s = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;
	int end = 0;

	if (s == NULL || sscanf(s, "%llu:%llu%n", &dev, &ino, &end) != 2 ||
	    s[end] != '\0')
		return 0;
	if (fstat(STDERR_FILENO, &st) < 0)
		return 0;
	return dev == (unsigned long long)st.st_dev &&
	    ino == (unsigned long long)st.st_ino;
}

void
log_init(int v)
{
	journal = stderr_is_journal();
	verbose = v;
}

static void vlog(int, const char *, va_list) ATTR_PRINTF(2, 0);

static void
vlog(int prio, const char *fmt, va_list ap)
{
	char line[2048];
	int saved = errno, n;
	size_t len;

	if (prio == 7 && !verbose) {
		errno = saved;
		return;
	}
	if (journal)
		n = snprintf(line, sizeof(line), "<%d>", prio);
	else
		n = snprintf(line, sizeof(line), "sunset: ");
	len = (size_t)n;
	n = vsnprintf(line + len, sizeof(line) - len - 1, fmt, ap);
	if (n > 0)
		len += (size_t)n < sizeof(line) - len - 1 ? (size_t)n :
		    sizeof(line) - len - 2;
	line[len++] = '\n';
	/* A failed write to stderr has nowhere to be reported. */
	if (write(STDERR_FILENO, line, len) < 0)
		(void)0;
	errno = saved;
}

#define LOG_FN(name, prio)                 \
	void name(const char *fmt, ...)    \
	{                                  \
		va_list ap;                \
		va_start(ap, fmt);         \
		vlog(prio, fmt, ap);       \
		va_end(ap);                \
	}

LOG_FN(log_err, 3)
LOG_FN(log_warn, 4)
LOG_FN(log_notice, 5)
LOG_FN(log_info, 6)
LOG_FN(log_debug, 7)
