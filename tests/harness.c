/* harness.c: starts and stops a cats-sandbox child process for a test. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define START_TIMEOUT_MS 10000
#define MAX_ARGS 64

char *
harness_build_path(char *buf, size_t size, const char *program)
{
    const char *dir = getenv("CATS_TEST_BUILDDIR");

    snprintf(buf, size, "%s/%s", dir && *dir ? dir : ".", program);
    return buf;
}

static void
exec_sandbox(const char *program, const char *const *extra, int out_fd, int log_fd)
{
    const char *argv[MAX_ARGS];
    int n = 0;

    argv[n++] = program;
    argv[n++] = "--port";
    argv[n++] = "0";
    argv[n++] = "--key";
    argv[n++] = SANDBOX_TEST_KEY;
    argv[n++] = "--seed";
    argv[n++] = "1";
    for (; extra && *extra && n < MAX_ARGS - 1; extra++)
        argv[n++] = *extra;
    argv[n] = NULL;

    dup2(out_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    execv(program, (char *const *)argv);
    fprintf(stderr, "harness: cannot run %s: %s\n", program, strerror(errno));
    _exit(127);
}

/* Reads one line from fd into buf, waiting at most timeout_ms in total. */
static int
read_line(int fd, char *buf, size_t size, int timeout_ms)
{
    size_t len = 0;
    struct pollfd pfd = { .fd = fd, .events = POLLIN };

    while (len + 1 < size) {
        if (poll(&pfd, 1, timeout_ms) <= 0)
            return -1;
        ssize_t got = read(fd, buf + len, 1);
        if (got <= 0)
            return -1;
        if (buf[len] == '\n')
            break;
        len++;
    }
    buf[len] = '\0';
    return 0;
}

static int
parse_url(struct sandbox *sb, const char *line)
{
    const char *suffix;

    if (strncmp(line, "http://127.0.0.1:", 17) != 0)
        return -1;
    suffix = strstr(line, "/v3");
    if (suffix == NULL || suffix[3] != '\0' || strlen(line) >= sizeof sb->url)
        return -1;
    memcpy(sb->url, line, strlen(line) + 1);
    memcpy(sb->root, line, (size_t)(suffix - line));
    sb->root[suffix - line] = '\0';
    return 0;
}

int
sandbox_start(struct sandbox *sb, const char *const *extra_args)
{
    char program[512], line[512];
    int pipe_fds[2], log_fd;

    memset(sb, 0, sizeof *sb);
    sb->pid = -1;
    sb->stdout_fd = -1;
    snprintf(sb->key, sizeof sb->key, "%s", SANDBOX_TEST_KEY);
    harness_build_path(program, sizeof program, "cats-sandbox");
    snprintf(sb->log_path, sizeof sb->log_path, "/tmp/cats-sandbox-test.XXXXXX");

    log_fd = mkstemp(sb->log_path);
    if (log_fd < 0 || pipe(pipe_fds) != 0) {
        fprintf(stderr, "harness: cannot create the log or pipe: %s\n", strerror(errno));
        return -1;
    }

    sb->pid = fork();
    if (sb->pid == 0) {
        close(pipe_fds[0]);
        exec_sandbox(program, extra_args, pipe_fds[1], log_fd);
    }
    close(pipe_fds[1]);
    close(log_fd);

    if (sb->pid < 0 || read_line(pipe_fds[0], line, sizeof line, START_TIMEOUT_MS) != 0
        || parse_url(sb, line) != 0) {
        fprintf(stderr, "harness: %s printed no base URL; its log is %s\n", program, sb->log_path);
        close(pipe_fds[0]);
        sandbox_stop(sb);
        return -1;
    }
    /* Later stdout lines are not read; the pipe stays open so writes never fail. */
    sb->stdout_fd = pipe_fds[0];
    return 0;
}

static int
wait_exit(pid_t pid, int timeout_ms)
{
    for (int waited = 0; waited < timeout_ms; waited += 10) {
        if (waitpid(pid, NULL, WNOHANG) == pid)
            return 0;
        nanosleep(&(struct timespec){ .tv_nsec = 10 * 1000 * 1000 }, NULL);
    }
    return -1;
}

void
sandbox_stop(struct sandbox *sb)
{
    if (sb->pid > 0) {
        kill(sb->pid, SIGTERM);
        if (wait_exit(sb->pid, 2000) != 0) {
            kill(sb->pid, SIGKILL);
            waitpid(sb->pid, NULL, 0);
        }
    }
    sb->pid = -1;
    if (sb->stdout_fd >= 0)
        close(sb->stdout_fd);
    sb->stdout_fd = -1;
    if (sb->log_path[0] != '\0' && getenv("CATS_TEST_KEEP_LOG") == NULL)
        unlink(sb->log_path);
}

static int
line_matches(const char *line, const char *const *needles)
{
    for (; *needles; needles++)
        if (strstr(line, *needles) == NULL)
            return 0;
    return 1;
}

int
sandbox_count_log_lines(const struct sandbox *sb, const char *const *needles)
{
    char line[4096];
    int count = 0;
    FILE *log = fopen(sb->log_path, "r");

    if (log == NULL)
        return -1;
    while (fgets(line, sizeof line, log))
        count += line_matches(line, needles);
    fclose(log);
    return count;
}
