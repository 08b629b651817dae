/*
 * utf8.h - what is and is not UTF-8.
 *
 * One definition for every writer that must emit valid text whatever a
 * feed or a client sent: no overlong forms, no surrogates, nothing past
 * U+10FFFF.
 */
#ifndef SUNSET_UTF8_H
#define SUNSET_UTF8_H

#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (n bytes available, n >= 1):
 * 1 for ASCII, 2 to 4, or 0 when s does not start one. */
size_t utf8_len(const unsigned char *s, size_t n);
/* 1 when the n bytes at s are all valid UTF-8. */
int utf8_valid(const char *s, size_t n);

#endif
