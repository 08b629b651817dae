/*
 * addr.c - "ADDRESS:PORT" parsing for listen addresses.
 *
 * Pure: bytes in, a socket address out; no resolver, no sockets.  Only
 * numeric IPv4 and bracketed IPv6 hosts are taken, so every address that
 * parses can be bound without a lookup.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "addr.h"
#include "util.h"

int
addr_parse(const char *addr, struct sockaddr_storage *ss, char **cause)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	const char *colon;
	char host[INET6_ADDRSTRLEN + 1], *end;
	size_t hostlen;
	long port;

	memset(ss, 0, sizeof(*ss));
	if (addr[0] == '[') {
		if ((colon = strstr(addr, "]:")) == NULL)
			goto bad;
		hostlen = (size_t)(colon - addr - 1);
		if (hostlen >= sizeof(host))
			goto bad;
		memcpy(host, addr + 1, hostlen);
		colon++;
	} else {
		if ((colon = strrchr(addr, ':')) == NULL)
			goto bad;
		hostlen = (size_t)(colon - addr);
		if (hostlen >= sizeof(host))
			goto bad;
		memcpy(host, addr, hostlen);
	}
	host[hostlen] = '\0';
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	if (colon[1] == '\0' || *end != '\0' || errno != 0 || port < 0 ||
	    port > 65535)
		goto bad;
	if (inet_pton(AF_INET, host, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)port);
		return 0;
	}
	if (inet_pton(AF_INET6, host, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)port);
		return 0;
	}
bad:
	set_cause(cause, "bad listen address \"%s\" (want ADDRESS:PORT, "
	    "e.g. 127.0.0.1:7380 or [::1]:7380)", addr);
	return -1;
}

int
addr_is_loopback(const char *addr)
{
	struct sockaddr_storage ss;

	if (addr_parse(addr, &ss, NULL) < 0)
		return 0;
	return addr_sa_is_loopback((const struct sockaddr *)&ss);
}

int
addr_sa_is_loopback(const struct sockaddr *sa)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)sa;

	if (sa == NULL)
		return 0;
	if (sa->sa_family == AF_INET)
		return (ntohl(sin->sin_addr.s_addr) >> 24) == 127;
	if (sa->sa_family != AF_INET6)
		return 0;
	/* ::1, or 127.0.0.0/8 as an IPv4-mapped address (::ffff:127.x). */
	return IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr) ||
	    (IN6_IS_ADDR_V4MAPPED(&sin6->sin6_addr) &&
	    sin6->sin6_addr.s6_addr[12] == 127);
}
