/*
 * test_addr.c - "ADDRESS:PORT" listen addresses: IPv4, bracketed IPv6,
 * the port range, and the message a bad address gets.
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "addr.h"
#include "tap.h"

/* addr must parse to family, host (as inet_ntop writes it) and port. */
static void
check_good(const char *addr, int family, const char *host, unsigned port)
{
	struct sockaddr_storage ss;
	const struct sockaddr_in *sin = (const struct sockaddr_in *)&ss;
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)&ss;
	char buf[INET6_ADDRSTRLEN], *cause = NULL;
	const char *got = NULL;
	unsigned got_port = 0;

	if (!ok(addr_parse(addr, &ss, &cause) == 0, "%s parses", addr)) {
		printf("#   cause: %s\n", cause != NULL ? cause : "(null)");
		free(cause);
		return;
	}
	is_int(ss.ss_family, family, "%s: address family", addr);
	if (ss.ss_family == AF_INET) {
		got = inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof(buf));
		got_port = ntohs(sin->sin_port);
	} else if (ss.ss_family == AF_INET6) {
		got = inet_ntop(AF_INET6, &sin6->sin6_addr, buf, sizeof(buf));
		got_port = ntohs(sin6->sin6_port);
	}
	is_str(got, host, "%s: host", addr);
	is_int(got_port, port, "%s: port", addr);
	ok(cause == NULL, "%s: no cause", addr);
}

/* addr must be refused with a cause quoting it and saying the form. */
static void
check_bad(const char *addr, const char *what)
{
	struct sockaddr_storage ss;
	char *cause = NULL, quoted[256];

	snprintf(quoted, sizeof(quoted), "\"%s\"", addr);
	is_int(addr_parse(addr, &ss, &cause), -1, "%s is refused", what);
	if (!ok(cause != NULL && strstr(cause, quoted) != NULL &&
	    strstr(cause, "ADDRESS:PORT") != NULL,
	    "%s: the cause quotes it and says ADDRESS:PORT", what))
		printf("#   cause: %s\n", cause != NULL ? cause : "(null)");
	free(cause);
}

int
main(void)
{
	struct sockaddr_storage ss;

	check_good("127.0.0.1:7380", AF_INET, "127.0.0.1", 7380);
	check_good("0.0.0.0:0", AF_INET, "0.0.0.0", 0);
	check_good("10.0.0.1:65535", AF_INET, "10.0.0.1", 65535);
	check_good("[::1]:7380", AF_INET6, "::1", 7380);
	check_good("[::]:0", AF_INET6, "::", 0);
	check_good("[2001:db8::7]:80", AF_INET6, "2001:db8::7", 80);
	check_good("[::ffff:127.0.0.1]:1", AF_INET6, "::ffff:127.0.0.1", 1);

	check_bad("localhost", "an address without port");
	check_bad("1.2.3.4:99999", "a port out of range");
	check_bad("1.2.3.4:65536", "port 65536");
	check_bad("1.2.3.4:-1", "a negative port");
	check_bad("1.2.3.4:", "an empty port");
	check_bad("1.2.3.4:80x", "a port with trailing bytes");
	check_bad("1.2.3.4:99999999999999999999", "a port that overflows");
	check_bad("example.com:80", "a host name");
	check_bad(":80", "an empty host");
	check_bad("1.2.3:80", "a short IPv4 address");
	check_bad("[::1]", "a bracketed address without port");
	check_bad("[::1]7380", "a bracketed address without colon");
	check_bad("[0000:0000:0000:0000:0000:0000:0000:0000:0000:0000]:80",
	    "an over-long bracketed host");
	check_bad("0000:0000:0000:0000:0000:0000:0000:0000:0000:0000:80",
	    "an over-long host");
	check_bad("", "an empty string");

	/* No cause wanted: the caller only asks whether it parses. */
	is_int(addr_parse("nonsense", &ss, NULL), -1,
	    "a NULL cause is allowed");

	ok(addr_is_loopback("127.0.0.1:7380"), "127.0.0.1 is loopback");
	ok(addr_is_loopback("127.9.8.7:1"), "all of 127/8 is loopback");
	ok(addr_is_loopback("[::1]:7380"), "::1 is loopback");
	ok(!addr_is_loopback("0.0.0.0:7380"), "the wildcard is not");
	ok(!addr_is_loopback("[::]:7380"), "nor the IPv6 wildcard");
	ok(!addr_is_loopback("128.0.0.1:7380"), "128.0.0.1 is not");
	ok(addr_is_loopback("[::ffff:127.0.0.1]:80"),
	    "v4-mapped 127/8 is loopback too");
	ok(!addr_is_loopback("[::ffff:10.0.0.1]:80"),
	    "other v4-mapped addresses are not");
	ok(!addr_is_loopback("nonsense"), "what does not parse is not");

	/* Peers, as the server sees them: v4-mapped loopback counts. */
	is_int(addr_parse("127.0.0.1:1", &ss, NULL), 0, "a v4 peer parses");
	ok(addr_sa_is_loopback((struct sockaddr *)&ss), "a 127/8 peer is on "
	    "loopback");
	is_int(addr_parse("[::ffff:127.0.0.1]:1", &ss, NULL), 0,
	    "a v4-mapped peer parses");
	ok(addr_sa_is_loopback((struct sockaddr *)&ss),
	    "a v4-mapped 127/8 peer is on loopback");
	is_int(addr_parse("[::ffff:192.0.2.1]:1", &ss, NULL), 0,
	    "a v4-mapped other peer parses");
	ok(!addr_sa_is_loopback((struct sockaddr *)&ss),
	    "a v4-mapped other peer is not");
	is_int(addr_parse("192.0.2.1:1", &ss, NULL), 0, "192.0.2.1 parses");
	ok(!addr_sa_is_loopback((struct sockaddr *)&ss), "192.0.2.1 is not");
	ok(!addr_sa_is_loopback(NULL), "no peer address is not loopback");

	return tap_done();
}
