/* fixture.h: what the API client tests share: a cats-sandbox started for
 * the test, a session and client on it with a trace file, and helpers to
 * switch the sandbox's faults and quirks and to find seeded ids. */
#ifndef CATS_TEST_API_FIXTURE_H
#define CATS_TEST_API_FIXTURE_H

#include <stdint.h>

#include "api.h"
#include "harness.h"

struct fixture {
    struct sandbox sandbox;
    struct api_session *session;
    struct api_client *client;
    char trace_path[256];     /* this session's CATS_ADMIN_TRACE file */
};

/* Starts a sandbox with extra_args (NULL-terminated, may be NULL) and a
 * session on it whose total timeout is timeout_ms (0: the default) and
 * whose trace goes to a new temporary file.  Returns 0, or -1 with a
 * message on stderr. */
int fixture_start(struct fixture *f, const char *const *extra_args, long timeout_ms);

/* Frees the client and session, stops the sandbox, removes the trace. */
void fixture_stop(struct fixture *f);

/* Sends method with a JSON body (may be NULL) to the sandbox's control
 * path ("/_sandbox/faults") over plain libcurl, so a broken client cannot
 * hide a failed switch.  Returns the HTTP status, or -1. */
long fixture_control(struct fixture *f, const char *method, const char *path, const char *json);

/* Turns every fault off and every quirk off.  Returns 0 or -1. */
int fixture_reset(struct fixture *f);

/* The id of the first row of the collection at path, or -1. */
int64_t fixture_first_id(struct fixture *f, const char *path, const char *plural);

/* Waits up to two seconds for the sandbox's request log to hold expected
 * lines that contain every needle (the sandbox writes a line after it
 * sends the response).  Returns the count last seen. */
int fixture_wait_log(struct fixture *f, const char *const *needles, int expected);

/* Reads a whole file into a new NUL-terminated buffer (caller frees), or
 * NULL. */
char *fixture_read_file(const char *path, size_t *length);

/* Counts the lines of a text file. */
int fixture_count_lines(const char *path);

#endif
