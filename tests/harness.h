/* harness.h: starts and stops a cats-sandbox for a test, over real HTTP.
 *
 * A test calls sandbox_start() with the flags it needs; the harness runs
 * $CATS_TEST_BUILDDIR/cats-sandbox on a free loopback port with a fixed key
 * and seed, reads the base URL from its first line of output, and sends its
 * request log (stderr) to a file the test can read.  sandbox_stop() kills it
 * and removes the log.  Nothing here talks to any host but 127.0.0.1.
 */
#ifndef CATS_TEST_HARNESS_H
#define CATS_TEST_HARNESS_H

#include <stddef.h>
#include <sys/types.h>

#define SANDBOX_TEST_KEY "test-key-0123456789"

struct sandbox {
    pid_t pid;
    char url[256];      /* "http://127.0.0.1:PORT/v3" */
    char root[256];     /* "http://127.0.0.1:PORT", for the control endpoint */
    char key[64];       /* the key the sandbox accepts */
    char log_path[256]; /* its stderr: one line per request */
    int stdout_fd;      /* read end of its stdout, kept open while it runs */
};

/* Starts cats-sandbox with "--port 0 --key SANDBOX_TEST_KEY --seed 1" and
 * then extra_args (NULL-terminated, may be NULL).  Returns 0, or -1 with a
 * message on stderr when the program could not start or printed no URL
 * within ten seconds. */
int sandbox_start(struct sandbox *sb, const char *const *extra_args);

/* Stops the sandbox (SIGTERM, then SIGKILL after two seconds) and removes
 * its log.  Safe on a sandbox that failed to start. */
void sandbox_stop(struct sandbox *sb);

/* Counts the lines of the request log that contain every one of the given
 * substrings (NULL-terminated list).  Returns -1 when the log is unreadable. */
int sandbox_count_log_lines(const struct sandbox *sb, const char *const *needles);

/* Builds the path of a program in the build tree ("cats-sandbox",
 * "cats-admin") into buf.  Returns buf. */
char *harness_build_path(char *buf, size_t size, const char *program);

#endif
