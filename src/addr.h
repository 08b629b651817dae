/*
 * addr.h - "ADDRESS:PORT" socket addresses, as the configuration and the
 * command line write them.
 *
 * Numeric addresses only: a listen address never goes through name
 * resolution, so checking one is pure and cannot block.
 */
#ifndef SUNSET_ADDR_H
#define SUNSET_ADDR_H

struct sockaddr;
struct sockaddr_storage;

/*
 * Splits "host:port" (IPv4) or "[v6]:port" (IPv6) into *ss, port 0 to
 * 65535.  Returns 0, or -1 with *cause set (caller frees) to a message
 * naming the address and the expected form.
 */
int addr_parse(const char *addr, struct sockaddr_storage *ss, char **cause);

/* 1 when addr names a loopback address (127.0.0.0/8 or ::1). */
int addr_is_loopback(const char *addr);

/* 1 when sa is a loopback address (127.0.0.0/8, ::1, or IPv4 loopback
 * mapped into IPv6); 0 for anything else, NULL included. */
int addr_sa_is_loopback(const struct sockaddr *sa);

#endif
