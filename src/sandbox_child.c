/* sandbox_child.c: starts and stops the cats-sandbox behind --sandbox. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "mem.h"
#include "sandbox_child.h"

#define START_TIMEOUT_MS 10000

/* The cats-sandbox beside /proc/self/exe, or plain "cats-sandbox" for a
 * PATH search. */
static void
find_program(char *path, size_t size)
{
    char self[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    char *slash;

    snprintf(path, size, "cats-sandbox");
    if (len <= 0)
        return;
    self[len] = '\0';
    slash = strrchr(self, '/');
    if (slash == NULL)
        return;
    *slash = '\0';
    char beside[PATH_MAX + 16];
    snprintf(beside, sizeof beside, "%s/cats-sandbox", self);
    if (access(beside, X_OK) == 0)
        snprintf(path, size, "%s", beside);
}

static int
open_log(const char *log_path)
{
    int fd = log_path ? open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600) : -1;

    return fd >= 0 ? fd : open("/dev/null", O_WRONLY | O_CLOEXEC);
}

/* Reads a line into buf within the deadline; returns 0 or -1. */
static int
read_line(int fd, char *buf, size_t size, struct timespec *deadline)
{
    size_t len = 0;

    while (len + 1 < size) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long left = (deadline->tv_sec - now.tv_sec) * 1000
                    + (deadline->tv_nsec - now.tv_nsec) / 1000000;
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        if (left <= 0 || poll(&pfd, 1, (int)left) <= 0 || read(fd, buf + len, 1) != 1)
            return -1;
        if (buf[len] == '\n')
            break;
        len++;
    }
    buf[len] = '\0';
    return 0;
}

static void
run_child(const char *program, int out_fd, int log_fd)
{
    /* A process group of its own keeps the terminal's Ctrl-C, which the
     * console handles, from stopping the sandbox under it. */
    setpgid(0, 0);
    dup2(out_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    execlp(program, program, "--port", "0", (char *)NULL);
    fprintf(stderr, "cats-admin: cannot run %s: %s\n", program, strerror(errno));
    _exit(127);
}

static int
read_greeting(struct sandbox_child *child, const char *program, char *err, size_t err_size)
{
    struct timespec deadline;
    char key_line[sizeof child->key - 8];

    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += START_TIMEOUT_MS / 1000;
    if (read_line(child->stdout_fd, child->url, sizeof child->url, &deadline) != 0
        || strncmp(child->url, "http://127.0.0.1:", 17) != 0) {
        snprintf(err, err_size, "%s did not print its URL within %d seconds; is it built "
                 "(make) or installed?", program, START_TIMEOUT_MS / 1000);
        return -1;
    }
    if (read_line(child->stdout_fd, key_line, sizeof key_line, &deadline) != 0
        || strncmp(key_line, "key: ", 5) != 0) {
        snprintf(err, err_size, "%s printed no 'key: ' line after its URL.", program);
        return -1;
    }
    memcpy(child->key, key_line + 5, strlen(key_line + 5) + 1);
    memset(key_line, 0, sizeof key_line);
    return 0;
}

int
sandbox_child_start(struct sandbox_child *child, const char *log_path, char *err,
                    size_t err_size)
{
    char program[PATH_MAX + 16];
    int fds[2], log_fd;

    memset(child, 0, sizeof *child);
    child->pid = -1;
    child->stdout_fd = -1;
    find_program(program, sizeof program);
    if (pipe2(fds, O_CLOEXEC) != 0) {
        snprintf(err, err_size, "cannot create a pipe for cats-sandbox: %s", strerror(errno));
        return -1;
    }
    log_fd = open_log(log_path);
    if (log_path && log_fd >= 0)
        snprintf(child->log_path, sizeof child->log_path, "%s", log_path);

    child->pid = fork();
    if (child->pid == 0)
        run_child(program, fds[1], log_fd);
    close(fds[1]);
    if (log_fd >= 0)
        close(log_fd);
    child->stdout_fd = fds[0];
    if (child->pid < 0 || read_greeting(child, program, err, err_size) != 0) {
        if (child->pid < 0)
            snprintf(err, err_size, "cannot start cats-sandbox: %s", strerror(errno));
        sandbox_child_stop(child);
        return -1;
    }
    return 0;
}

void
sandbox_child_stop(struct sandbox_child *child)
{
    if (child->pid > 0) {
        kill(child->pid, SIGTERM);
        for (int waited = 0; waited < 2000; waited += 10) {
            if (waitpid(child->pid, NULL, WNOHANG) == child->pid) {
                child->pid = -1;
                break;
            }
            nanosleep(&(struct timespec){ .tv_nsec = 10 * 1000 * 1000 }, NULL);
        }
        if (child->pid > 0) {
            kill(child->pid, SIGKILL);
            waitpid(child->pid, NULL, 0);
        }
    }
    child->pid = -1;
    if (child->stdout_fd >= 0)
        close(child->stdout_fd);
    child->stdout_fd = -1;
    mem_wipe(child->key, sizeof child->key);
}
