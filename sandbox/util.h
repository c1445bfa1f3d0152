/* util.h: small helpers shared by the sandbox: allocation that aborts on
 * exhaustion, RFC 3339 dates and a growable string buffer. */
#ifndef SANDBOX_UTIL_H
#define SANDBOX_UTIL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Allocators that print a message and abort when memory runs out, so the
 * callers never see NULL.  Free the results with free(). */
void *util_xmalloc(size_t size);
void *util_xcalloc(size_t count, size_t size);
void *util_xrealloc(void *ptr, size_t size);
char *util_xstrdup(const char *text);

/* Duplicates text, or returns NULL when text is NULL. */
char *util_strdup_or_null(const char *text);

/* Replaces *slot with a copy of text (NULL allowed) and frees the old value. */
void util_replace_string(char **slot, const char *text);

/* The current time in Unix seconds, and in seconds with a fraction. */
int64_t util_now(void);
double util_now_seconds(void);

/* Buffer sizes for the formatters below, with room for any int year. */
#define UTIL_TIME_SIZE 64
#define UTIL_DATE_SIZE 32

/* Formats t as RFC 3339 ("2026-01-05T09:00:00+00:00") shown at the given
 * offset from UTC in minutes; out must hold UTIL_TIME_SIZE bytes. */
void util_format_time(int64_t t, int offset_minutes, char out[UTIL_TIME_SIZE]);

/* Formats t as a date only ("2026-01-05"); out must hold UTIL_DATE_SIZE bytes. */
void util_format_date(int64_t t, char out[UTIL_DATE_SIZE]);

/* Parses an RFC 3339 date-time ("2024-03-30T00:48:55.061Z", with an offset
 * or Z).  Returns true and stores Unix seconds in *out on success. */
bool util_parse_time(const char *text, int64_t *out);

/* Parses a calendar date "YYYY-MM-DD".  Returns true when it is valid. */
bool util_parse_date(const char *text, int64_t *out);

/* Writes a random version 4 UUID ("0b7c...-4...") into out. */
void util_uuid(char out[40]);

/* Sleeps up to ms milliseconds, returning early when *stop becomes true. */
void util_sleep_ms(long ms, const atomic_bool *stop);

/* A growable byte buffer, always NUL-terminated.  The owner frees data. */
struct buffer {
    char *data;
    size_t len;
    size_t cap;
};

void buffer_append(struct buffer *buf, const void *bytes, size_t len);
void buffer_appendf(struct buffer *buf, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buffer_free(struct buffer *buf);

#endif
