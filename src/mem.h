/* mem.h: allocation helpers that never return NULL, and wiping of secrets.
 *
 * The console cannot do anything useful once malloc fails, so these
 * functions print one line to stderr and abort() instead of handing NULL
 * back to every caller.  Memory they return is released with free(), or
 * with mem_wipe_free() when it held a secret such as the API key.
 */
#ifndef CATS_MEM_H
#define CATS_MEM_H

#include <stddef.h>

/* malloc(size); size 0 still returns a pointer that free() accepts. */
void *mem_alloc(size_t size);

/* calloc(count, size), checking count * size for overflow. */
void *mem_calloc(size_t count, size_t size);

/* realloc(ptr, size); ptr may be NULL. */
void *mem_realloc(void *ptr, size_t size);

/* Returns a copy of s, or NULL when s is NULL. */
char *mem_strdup(const char *s);

/* Returns a copy of the first len bytes of s, NUL-terminated. */
char *mem_strndup(const char *s, size_t len);

/* Returns a string formatted like printf. */
char *mem_printf(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* Overwrites a NUL-terminated string with zeros (in a way the compiler
 * keeps) and frees it.  NULL is allowed. */
void mem_wipe_free(char *secret);

/* Overwrites size bytes at ptr with zeros in a way the compiler keeps. */
void mem_wipe(void *ptr, size_t size);

#endif
