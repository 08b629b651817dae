/*
 * webhook.h - what an alert sends and how: the payload in each format
 * (standard, slack, text), the Standard Webhooks signature
 * (https://www.standardwebhooks.com), the receiver's URL shown without
 * its secrets, and one POST with libcurl.
 *
 * The payload is written once, when the event enters the outbox, and
 * every attempt sends those bytes; the webhook-timestamp and the
 * signature are made per attempt.
 */
#ifndef SUNSET_WEBHOOK_H
#define SUNSET_WEBHOOK_H

#include <stddef.h>
#include <time.h>

#include "alert_eval.h"
#include "buf.h"

/* The prefix of a Standard Webhooks secret. */
#define WEBHOOK_SECRET_PREFIX	"whsec_"

/*
 * The one-line message of an event, into b: the model, what happened,
 * its date, days left and replacement ("gpt-x (openai) shuts down on
 * 2026-12-10, 7 days left (7-day threshold); replacement: openai/gpt-y").
 * today is the day the event is made.
 */
void webhook_message(struct buf *b, const struct alert_event *e,
    int32_t today);

/*
 * The payload of event e in format ("standard", "slack" or "text"),
 * made at now: a new string (caller frees), and its content type in
 * *content_type (static).  standard is {"type", "timestamp", "data"};
 * slack is {"text", "blocks"}; text is the message line.
 */
char *webhook_body(const char *format, const struct alert_event *e,
    time_t now, const char **content_type);

/*
 * Decodes a "whsec_BASE64" secret into a new key (*key, *len; caller
 * frees).  Returns 0, or -1 with *cause set.
 */
int webhook_secret_decode(const char *secret, unsigned char **key,
    size_t *len, char **cause);

/*
 * The webhook-signature value of (id, timestamp, body) under key:
 * "v1," and the base64 HMAC-SHA256 of "id.timestamp.body".  A new
 * string the caller frees.
 */
char *webhook_sign(const unsigned char *key, size_t keylen, const char *id,
    long long timestamp, const char *body, size_t len);

/*
 * url with only its scheme and host (and port) left, then "/…" when
 * anything followed: "https://hooks.slack.com/…".  Never the user, path
 * or query, where receivers keep their secrets.  A new string.
 */
char *webhook_redact_url(const char *url);

/* One POST. */
struct webhook_post {
	const char		*url;
	const char		*id;		/* webhook-id */
	const char		*content_type;
	const char		*body;
	size_t			 len;
	const unsigned char	*key;		/* NULL: unsigned */
	size_t			 keylen;
	int			 timeout_s;	/* whole attempt */
	/* Called about once a second while the attempt runs; nonzero
	 * cuts it short. */
	int			(*stop)(void);
};

/* How an attempt ended: a 2xx is delivered. */
struct webhook_result {
	long	 status;	/* HTTP status; 0: no answer */
	char	 error[256];	/* "" after a 2xx */
};

/*
 * Sends p on curl (an easy handle the caller owns and reuses; it is
 * reset first) and fills *r.  Returns 0 when a 2xx came back, -1
 * otherwise.  No redirects are followed; plain http only to loopback
 * (the configuration checked the URL).
 */
int webhook_send(void *curl, const struct webhook_post *p,
    struct webhook_result *r);

#endif
