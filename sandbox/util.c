/* util.c: allocation, time formatting and parsing, and byte buffers. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "util.h"

static void *
check_alloc(void *ptr, size_t size)
{
    if (ptr == NULL && size != 0) {
        fprintf(stderr, "cats-sandbox: out of memory allocating %zu bytes\n", size);
        abort();
    }
    return ptr;
}

void *
util_xmalloc(size_t size)
{
    return check_alloc(malloc(size), size);
}

void *
util_xcalloc(size_t count, size_t size)
{
    return check_alloc(calloc(count, size), count * size);
}

void *
util_xrealloc(void *ptr, size_t size)
{
    return check_alloc(realloc(ptr, size), size);
}

char *
util_xstrdup(const char *text)
{
    size_t len = strlen(text) + 1;

    return memcpy(util_xmalloc(len), text, len);
}

char *
util_strdup_or_null(const char *text)
{
    return text ? util_xstrdup(text) : NULL;
}

void
util_replace_string(char **slot, const char *text)
{
    char *copy = util_strdup_or_null(text);

    free(*slot);
    *slot = copy;
}

int64_t
util_now(void)
{
    return (int64_t)time(NULL);
}

double
util_now_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
util_format_time(int64_t t, int offset_minutes, char out[UTIL_TIME_SIZE])
{
    time_t shifted = (time_t)(t + offset_minutes * 60);
    struct tm tm;
    int magnitude = abs(offset_minutes);

    gmtime_r(&shifted, &tm);
    snprintf(out, UTIL_TIME_SIZE, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
             tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
             tm.tm_sec, offset_minutes < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
}

void
util_format_date(int64_t t, char out[UTIL_DATE_SIZE])
{
    time_t when = (time_t)t;
    struct tm tm;

    gmtime_r(&when, &tm);
    snprintf(out, UTIL_DATE_SIZE, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* Reads exactly count digits at *p and advances past them. */
static bool
read_digits(const char **p, int count, int *out)
{
    int value = 0;

    for (int i = 0; i < count; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return false;
        value = value * 10 + ((*p)[i] - '0');
    }
    *p += count;
    *out = value;
    return true;
}

static bool
days_valid(int year, int month, int day)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    if (month < 1 || month > 12 || day < 1)
        return false;
    return day <= days[month - 1] + (month == 2 && leap);
}

static bool
parse_date_part(const char **p, struct tm *tm)
{
    int year, month, day;

    if (!read_digits(p, 4, &year) || *(*p)++ != '-' || !read_digits(p, 2, &month)
        || *(*p)++ != '-' || !read_digits(p, 2, &day) || !days_valid(year, month, day))
        return false;
    tm->tm_year = year - 1900;
    tm->tm_mon = month - 1;
    tm->tm_mday = day;
    return true;
}

static bool
parse_offset(const char *p, int *seconds)
{
    int hours, minutes, sign;

    if (*p == 'Z' || *p == 'z') {
        *seconds = 0;
        return p[1] == '\0';
    }
    if (*p != '+' && *p != '-')
        return false;
    sign = *p++ == '-' ? -1 : 1;
    if (!read_digits(&p, 2, &hours) || *p++ != ':' || !read_digits(&p, 2, &minutes)
        || hours > 23 || minutes > 59 || *p != '\0')
        return false;
    *seconds = sign * (hours * 3600 + minutes * 60);
    return true;
}

bool
util_parse_time(const char *text, int64_t *out)
{
    struct tm tm = { 0 };
    const char *p = text;
    int hour, minute, second, offset;

    if (!parse_date_part(&p, &tm) || (*p != 'T' && *p != 't'))
        return false;
    p++;
    if (!read_digits(&p, 2, &hour) || *p++ != ':' || !read_digits(&p, 2, &minute)
        || *p++ != ':' || !read_digits(&p, 2, &second) || hour > 23 || minute > 59
        || second > 60)
        return false;
    if (*p == '.') {
        for (p++; isdigit((unsigned char)*p); p++)
            continue;
    }
    if (!parse_offset(p, &offset))
        return false;

    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    *out = (int64_t)timegm(&tm) - offset;
    return true;
}

bool
util_parse_date(const char *text, int64_t *out)
{
    struct tm tm = { 0 };
    const char *p = text;

    if (!parse_date_part(&p, &tm) || *p != '\0')
        return false;
    *out = (int64_t)timegm(&tm);
    return true;
}

void
util_uuid(char out[40])
{
    unsigned char bytes[16];

    if (getrandom(bytes, sizeof bytes, 0) != (ssize_t)sizeof bytes)
        memset(bytes, 0, sizeof bytes);
    bytes[6] = (unsigned char)((bytes[6] & 0x0f) | 0x40);
    bytes[8] = (unsigned char)((bytes[8] & 0x3f) | 0x80);
    snprintf(out, 40, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
             bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]);
}

void
util_sleep_ms(long ms, const atomic_bool *stop)
{
    while (ms > 0 && !(stop && atomic_load(stop))) {
        long slice = ms < 50 ? ms : 50;
        struct timespec ts = { .tv_sec = 0, .tv_nsec = slice * 1000000L };

        nanosleep(&ts, NULL);
        ms -= slice;
    }
}

void
buffer_append(struct buffer *buf, const void *bytes, size_t len)
{
    if (buf->len + len + 1 > buf->cap) {
        size_t cap = buf->cap ? buf->cap : 256;

        while (cap < buf->len + len + 1)
            cap *= 2;
        buf->data = util_xrealloc(buf->data, cap);
        buf->cap = cap;
    }
    memcpy(buf->data + buf->len, bytes, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
}

void
buffer_appendf(struct buffer *buf, const char *fmt, ...)
{
    char small[512];
    va_list args;
    int len;

    va_start(args, fmt);
    len = vsnprintf(small, sizeof small, fmt, args);
    va_end(args);
    if (len < 0)
        return;
    if ((size_t)len < sizeof small) {
        buffer_append(buf, small, (size_t)len);
        return;
    }

    char *big = util_xmalloc((size_t)len + 1);

    va_start(args, fmt);
    vsnprintf(big, (size_t)len + 1, fmt, args);
    va_end(args);
    buffer_append(buf, big, (size_t)len);
    free(big);
}

void
buffer_free(struct buffer *buf)
{
    free(buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
}
