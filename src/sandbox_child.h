/* sandbox_child.h: runs cats-sandbox as a child process for
 * `cats-admin --sandbox`, and stops it when the console ends.
 *
 * Everything here runs before curses starts or after it stops: starting
 * waits (up to ten seconds) for the sandbox to print its URL and key. */
#ifndef CATS_SANDBOX_CHILD_H
#define CATS_SANDBOX_CHILD_H

#include <stddef.h>
#include <sys/types.h>

struct sandbox_child {
    pid_t pid;
    int stdout_fd;      /* kept open so the child's writes do not fail with EPIPE */
    char url[256];      /* "http://127.0.0.1:PORT/v3" */
    char key[256];      /* the key it generated */
    char log_path[512]; /* its request log, or "" when it goes nowhere */
};

/* Starts the cats-sandbox next to this program's executable, else the one
 * on PATH, on a free loopback port with a generated key; its request log
 * goes to log_path (NULL or unwritable: discarded).  Returns 0, or -1 with
 * a message in err. */
int sandbox_child_start(struct sandbox_child *child, const char *log_path, char *err,
                        size_t err_size);

/* Stops the child (SIGTERM, then SIGKILL after two seconds) and wipes the
 * key.  Safe to call on a child that never started. */
void sandbox_child_stop(struct sandbox_child *child);

#endif
