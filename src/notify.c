/*
 * notify.c - sd_notify(3) in a few lines: one datagram to $NOTIFY_SOCKET,
 * which may name an abstract socket ("@..."); and the two things systemd
 * tells a service in its environment: the watchdog interval and the
 * sockets it passes (sd_watchdog_enabled, sd_listen_fds).
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "notify.h"

int
notify_send(const char *state)
{
	const char *path = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sun;
	socklen_t len;
	size_t n;
	int fd, rc;

	if (path == NULL || *path == '\0')
		return 0;
	n = strlen(path);
	if ((path[0] != '/' && path[0] != '@') || n >= sizeof(sun.sun_path))
		return -1;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, n);
	if (path[0] == '@')
		sun.sun_path[0] = '\0';
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
	if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return -1;
	rc = sendto(fd, state, strlen(state), MSG_NOSIGNAL,
	    (struct sockaddr *)&sun, len) < 0 ? -1 : 0;
	close(fd);
	return rc;
}

/* 1 when $LISTEN_PID / $WATCHDOG_PID (when set) names this process. */
static int
for_us(const char *pid_var)
{
	const char *pid = getenv(pid_var);

	return pid == NULL || strtol(pid, NULL, 10) == (long)getpid();
}

unsigned long long
notify_watchdog_usec(void)
{
	const char *usec = getenv("WATCHDOG_USEC");

	if (usec == NULL || !for_us("WATCHDOG_PID"))
		return 0;
	return strtoull(usec, NULL, 10);
}

int
notify_listen_fd(void)
{
	const char *fds = getenv("LISTEN_FDS");

	if (fds == NULL || getenv("LISTEN_PID") == NULL ||
	    !for_us("LISTEN_PID") || strtol(fds, NULL, 10) < 1)
		return -1;
	return 3;	/* SD_LISTEN_FDS_START */
}
