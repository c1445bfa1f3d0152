/* common.h: what every sandbox test program shares: cmocka, the harness,
 * the HTTP client, and a group setup that starts one small sandbox. */
#ifndef CATS_TEST_SANDBOX_COMMON_H
#define CATS_TEST_SANDBOX_COMMON_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "harness.h"
#include "http.h"

/* Sizes small enough that a sanitizer build starts in a fraction of a second. */
#define SMALL_SIZES \
    "--size", "tasks=250", "--size", "activities=300", "--size", "candidates=60", \
    "--size", "users=12", "--size", "contacts=20", "--size", "companies=10", \
    "--size", "jobs=30", "--size", "work_history=80", "--size", "attachments=40", \
    "--size", "events=60"

/* The sandbox a test group runs against (set by start_group_sandbox). */
extern struct sandbox group_sandbox;

/* Starts group_sandbox with SMALL_SIZES plus extra (NULL-terminated, may be
 * NULL); for cmocka group setups.  Returns 0 or -1. */
int start_group_sandbox(const char *const *extra);
int stop_group_sandbox(void **state);

/* Counts the log lines holding every needle, waiting up to two seconds for
 * the count to reach `expected`: the sandbox writes a request's line just
 * after the response has gone out, so a client can read it first. */
int wait_log_lines(const struct sandbox *sb, const char *const *needles, int expected);

/* Asserts status and, for JSON, that the body parsed. */
#define assert_status(reply, expected) assert_int_equal((reply)->status, (expected))

#endif
