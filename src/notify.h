/*
 * notify.h - the systemd notify protocol, without libsystemd.
 */
#ifndef SUNSET_NOTIFY_H
#define SUNSET_NOTIFY_H

/*
 * Sends state ("READY=1", "STATUS=...") to $NOTIFY_SOCKET.  Does nothing
 * when the variable is unset; returns -1 when sending failed.
 */
int notify_send(const char *state);

/*
 * The watchdog interval systemd asked for (WATCHDOG_USEC, for this
 * process), in microseconds, or 0 when there is none.
 */
unsigned long long notify_watchdog_usec(void);

/*
 * The listening socket systemd passed (LISTEN_FDS, for this process), or
 * -1 when there is none.  Only the first is used.
 */
int notify_listen_fd(void);

#endif
