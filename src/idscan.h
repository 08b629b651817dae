/*
 * idscan.h - finding many ids at once in text: an Aho-Corasick automaton.
 *
 * An id set is built once and read-only afterwards.  It matches ASCII
 * case-insensitively and only whole ids: the bytes around a match must not
 * be able to continue an id (ASCII letters, digits, '.', '-', '_'; a '.'
 * that is not followed by one of those ends a sentence, not an id).  Where
 * matches overlap, the leftmost wins, then the longest.  idscan_buffer()
 * scans text held in memory; a stream scans text read in blocks (a file)
 * and finds exactly what idscan_buffer() would in the whole text.  Pure:
 * bytes in, matches out; no files, no clock.
 */
#ifndef SUNSET_IDSCAN_H
#define SUNSET_IDSCAN_H

#include <stddef.h>
#include <stdint.h>

/* The longest id a set takes, in bytes. */
#define IDSCAN_ID_MAX 255

/* The block a stream reads: every block but a text's last is this long. */
#define IDSCAN_BLOCK (1024 * 1024)

struct idscan_set;
struct idscan_stream;

/* One match; valid during the callback only. */
struct idscan_match {
	const char	*path;		/* the stream's, or NULL */
	uint64_t	 offset;	/* of the first byte matched */
	uint64_t	 line;		/* 1-based */
	uint64_t	 column;	/* 1-based, in bytes */
	uint64_t	 column_utf16;	/* 1-based, in UTF-16 code units (SARIF's
					   default); in bytes when the line is
					   too long to look back over */
	const char	*text;		/* the bytes as found, not folded */
	size_t		 len;
	const void	*data;		/* what idscan_set_add was given */
};

/* Called once per match, in text order. */
typedef void (*idscan_fn)(const struct idscan_match *m, void *arg);

/* An empty set, to add ids to and then compile.  Never NULL. */
struct idscan_set *idscan_set_new(void);

/*
 * Adds an id to find (ASCII case-insensitively); data comes back with
 * every match of it.  Returns 0; 1 when the set holds the id already (its
 * first data stays); -1 when the id is empty, longer than IDSCAN_ID_MAX,
 * holds a control character or a space, or the set is compiled.
 */
int idscan_set_add(struct idscan_set *set, const char *id, const void *data);

/* Builds the automaton; the set is read-only from then on. */
void idscan_set_compile(struct idscan_set *set);

/*
 * With on, an id made only of letters ("command", "classify", "davinci":
 * English words too) counts only as the whole of a value: the whole of a
 * string literal ("command", 'command', `command`), or of a config value
 * (model: command, MODEL=command, up to the end of the line or a comment),
 * either after a platform's '/' too (cohere/command); never as a word in
 * a sentence, quoted or not.  Off by default.
 */
void idscan_set_quote_words(struct idscan_set *set, int on);

/* How many ids the set holds; the i-th as added (folded) and its data. */
size_t idscan_set_count(const struct idscan_set *set);
const char *idscan_set_id(const struct idscan_set *set, size_t i);
const void *idscan_set_data(const struct idscan_set *set, size_t i);

/* Size of the compiled automaton: states, and bytes of its tables. */
size_t idscan_set_states(const struct idscan_set *set);
size_t idscan_set_bytes(const struct idscan_set *set);

/* Frees set; NULL is a no-op. */
void idscan_set_free(struct idscan_set *set);

/*
 * Finds the compiled set's ids in buf (len bytes, need not be
 * NUL-terminated; its ends count as id boundaries) and calls fn for each
 * match in order.  Allocates only to collect candidates.  Returns the
 * number of matches.
 */
size_t idscan_buffer(const struct idscan_set *set, const char *buf,
    size_t len, idscan_fn fn, void *arg);

/* A stream over the compiled set, which must outlive it.  Never NULL. */
struct idscan_stream *idscan_stream_new(const struct idscan_set *set);

/* Starts a new text; its matches go to fn with m->path = path, which is
 * not copied and must live until the next idscan_stream_begin. */
void idscan_stream_begin(struct idscan_stream *st, const char *path,
    idscan_fn fn, void *arg);

/*
 * Scans the next block of the text in buf: len bytes, starting with those
 * the previous call kept.  Without eof buf must be full (len is
 * IDSCAN_BLOCK): the matches that can be told are reported, the bytes the
 * next block needs (context, and the tail that may hold the start of an
 * id) are moved to the start of buf, and their count is returned; the
 * caller reads the next bytes after them.  With eof, the rest of the text
 * is scanned and 0 returned.
 */
size_t idscan_stream_block(struct idscan_stream *st, char *buf, size_t len,
    int eof);

/* Frees st; NULL is a no-op. */
void idscan_stream_free(struct idscan_stream *st);

#endif
