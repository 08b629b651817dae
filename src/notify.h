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

#endif
