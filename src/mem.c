/* mem.c: allocation helpers that abort on exhaustion, and secret wiping. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

static void *
mem_check(void *ptr, size_t size)
{
    if (ptr == NULL) {
        fprintf(stderr, "cats-admin: out of memory (allocating %zu bytes)\n", size);
        abort();
    }
    return ptr;
}

void *
mem_alloc(size_t size)
{
    return mem_check(malloc(size ? size : 1), size);
}

void *
mem_calloc(size_t count, size_t size)
{
    return mem_check(calloc(count ? count : 1, size ? size : 1), count * size);
}

void *
mem_realloc(void *ptr, size_t size)
{
    return mem_check(realloc(ptr, size ? size : 1), size);
}

char *
mem_strdup(const char *s)
{
    return s ? mem_strndup(s, strlen(s)) : NULL;
}

char *
mem_strndup(const char *s, size_t len)
{
    char *copy = mem_alloc(len + 1);

    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

char *
mem_printf(const char *format, ...)
{
    va_list args;
    char *result = NULL;

    va_start(args, format);
    int length = vasprintf(&result, format, args);
    va_end(args);

    if (length < 0)
        mem_check(NULL, 0);
    return result;
}

void
mem_wipe(void *ptr, size_t size)
{
    if (ptr != NULL)
        explicit_bzero(ptr, size);
}

void
mem_wipe_free(char *secret)
{
    if (secret == NULL)
        return;
    mem_wipe(secret, strlen(secret));
    free(secret);
}
