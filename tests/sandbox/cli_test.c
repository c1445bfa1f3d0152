/* cli_test.c: cats-sandbox as a program: its flags and exit codes, the
 * generated key, a clean exit on SIGTERM, the request log, the rate limit,
 * quirk flags and the determinism of the seed. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

#define SB (&group_sandbox)
#define FIXED_EPOCH "1767225600" /* 2026-01-01T00:00:00Z */

static int
setup(void **state)
{
    return start_group_sandbox(NULL);
}

struct child {
    pid_t pid;
    int out_fd;
    int err_fd;
};

/* Starts cats-sandbox with args (NULL-terminated) and pipes on its stdout
 * and stderr. */
static void
spawn(const char *const *args, struct child *child)
{
    char program[512];
    const char *argv[32] = { program };
    int out[2], err[2];
    size_t n = 1;

    harness_build_path(program, sizeof program, "cats-sandbox");
    for (; args && *args && n < 31; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    assert_int_equal(pipe(out), 0);
    assert_int_equal(pipe(err), 0);
    child->pid = fork();
    if (child->pid == 0) {
        dup2(out[1], STDOUT_FILENO);
        dup2(err[1], STDERR_FILENO);
        close(out[0]);
        close(err[0]);
        execv(program, (char *const *)argv);
        _exit(127);
    }
    close(out[1]);
    close(err[1]);
    child->out_fd = out[0];
    child->err_fd = err[0];
}

/* Reads fd to its end (at most size - 1 bytes) within ten seconds. */
static void
read_all(int fd, char *buf, size_t size)
{
    size_t len = 0;
    struct pollfd pfd = { .fd = fd, .events = POLLIN };

    while (len + 1 < size && poll(&pfd, 1, 10000) > 0) {
        ssize_t got = read(fd, buf + len, size - 1 - len);

        if (got <= 0)
            break;
        len += (size_t)got;
    }
    buf[len] = '\0';
}

/* Runs cats-sandbox to completion; returns its exit status. */
static int
run(const char *const *args, char *out, size_t out_size, char *err, size_t err_size)
{
    struct child child;
    int status = 0;

    spawn(args, &child);
    read_all(child.out_fd, out, out_size);
    read_all(child.err_fd, err, err_size);
    waitpid(child.pid, &status, 0);
    close(child.out_fd);
    close(child.err_fd);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void
test_unknown_flag_exits_2(void **state)
{
    char out[4096], err[8192];
    const char *args[] = { "--bogus", NULL };

    assert_int_equal(run(args, out, sizeof out, err, sizeof err), 2);
    assert_non_null(strstr(err, "unknown option --bogus"));
    assert_non_null(strstr(err, "Usage: cats-sandbox"));
    assert_string_equal(out, "");
}

static void
test_bad_values_exit_2(void **state)
{
    const char *cases[][3] = {
        { "--port", "abc", "--port" }, { "--size", "widgets=3", "--size" },
        { "--rate-limit", "500", "--rate-limit" }, { "--quirk", "loud", "--quirk" },
        { "--error-rate", "2", "error_rate" }, { "--seed", "-1", "--seed" },
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[4096], err[8192];
        const char *args[] = { cases[i][0], cases[i][1], NULL };

        assert_int_equal(run(args, out, sizeof out, err, sizeof err), 2);
        if (strstr(err, cases[i][2]) == NULL)
            fail_msg("stderr for %s %s does not name %s: %s", cases[i][0], cases[i][1], cases[i][2], err);
    }
}

static void
test_help_and_version(void **state)
{
    char out[8192], err[4096];
    const char *help[] = { "--help", NULL };
    const char *version[] = { "--version", NULL };

    assert_int_equal(run(help, out, sizeof out, err, sizeof err), 0);
    assert_non_null(strstr(out, "--rate-limit COUNT/SECONDS"));
    assert_non_null(strstr(out, "--stall-rate SHARE"));
    assert_int_equal(run(version, out, sizeof out, err, sizeof err), 0);
    assert_true(strncmp(out, "cats-sandbox ", 13) == 0);
}

static void
test_port_in_use_named(void **state)
{
    char out[4096], err[8192], port[16];
    const char *colon = strrchr(SB->root, ':');
    const char *args[] = { "--port", port, NULL };

    snprintf(port, sizeof port, "%s", colon + 1);
    assert_int_equal(run(args, out, sizeof out, err, sizeof err), 1);
    assert_non_null(strstr(err, port));
    assert_non_null(strstr(err, "in use"));
    assert_string_equal(out, "");
}

static void
read_line(int fd, char *buf, size_t size)
{
    size_t len = 0;
    struct pollfd pfd = { .fd = fd, .events = POLLIN };

    while (len + 1 < size && poll(&pfd, 1, 10000) > 0 && read(fd, buf + len, 1) == 1 && buf[len] != '\n')
        len++;
    buf[len] = '\0';
}

static void
test_generated_key_and_sigterm(void **state)
{
    const char *args[] = { "--size", "tasks=5", "--size", "activities=5", NULL };
    char url[256], key_line[256], path[300], err[16384];
    struct child child;
    struct http_reply r;
    int status = -1;

    spawn(args, &child);
    read_line(child.out_fd, url, sizeof url);
    read_line(child.out_fd, key_line, sizeof key_line);
    assert_true(strncmp(url, "http://127.0.0.1:", 17) == 0);
    assert_true(strncmp(key_line, "key: ", 5) == 0);
    assert_true(strlen(key_line + 5) >= 16);

    snprintf(path, sizeof path, "%s/site", url);
    http_call("GET", path, key_line + 5, NULL, NULL, 0, 0, &r);
    assert_status(&r, 200);
    http_reply_free(&r);

    kill(child.pid, SIGTERM);
    read_all(child.err_fd, err, sizeof err);
    waitpid(child.pid, &status, 0);
    close(child.out_fd);
    close(child.err_fd);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_null(strstr(err, key_line + 5));
    assert_non_null(strstr(err, "cats-sandbox: stopping on SIGTERM"));
}

static void
test_request_log_lines(void **state)
{
    struct http_reply r;
    char key_query[128], line[4096];
    const char *exact[] = { "GET /v3/tasks?page=3&per_page=100 200 ", NULL };
    const char *denied[] = { "GET /v3/users 401 ", NULL };
    FILE *log;

    http_api(SB, "GET", "/tasks?page=3&per_page=100", NULL, &r);
    http_reply_free(&r);
    snprintf(key_query, sizeof key_query, "/users?api_key=%s", SANDBOX_TEST_KEY);
    http_api(SB, "GET", key_query, NULL, &r);
    http_reply_free(&r);
    snprintf(line, sizeof line, "%s/users", SB->url);
    http_call("GET", line, "bad", NULL, NULL, 0, 0, &r);
    http_reply_free(&r);

    assert_int_equal(wait_log_lines(SB, exact, 1), 1);
    assert_int_equal(wait_log_lines(SB, denied, 1), 1);
    log = fopen(SB->log_path, "r");
    assert_non_null(log);
    while (fgets(line, sizeof line, log)) {
        char method[16], target[2048], time[32];
        int status;

        assert_null(strstr(line, SANDBOX_TEST_KEY));
        if (strncmp(line, "cats-sandbox: ", 14) == 0)
            continue;
        assert_int_equal(sscanf(line, "%15s %2047s %d %31s", method, target, &status, time), 4);
        assert_non_null(strstr(time, "ms"));
    }
    fclose(log);
}

static void
test_rate_limit_and_retry_after(void **state)
{
    const char *args[] = { "--size", "tasks=5", "--rate-limit", "3/2", NULL };
    struct sandbox sb;
    struct http_reply r;
    const char *expected[] = { "2", "1", "0" };

    assert_int_equal(sandbox_start(&sb, args), 0);
    for (int i = 0; i < 3; i++) {
        http_api(&sb, "GET", "/site", NULL, &r);
        assert_status(&r, 200);
        assert_string_equal(r.rate_limit, "3");
        assert_string_equal(r.rate_remaining, expected[i]);
        http_reply_free(&r);
    }
    http_api(&sb, "GET", "/site", NULL, &r);
    assert_status(&r, 429);
    long wait = strtol(r.retry_after, NULL, 10);
    assert_true(wait >= 1 && wait <= 2);
    assert_string_equal(r.rate_remaining, "0");
    http_reply_free(&r);

    sleep((unsigned)wait + 1);
    http_api(&sb, "GET", "/site", NULL, &r);
    assert_status(&r, 200);
    http_reply_free(&r);

    http_control(&sb, "PUT", "/_sandbox/rate-limit", "{\"limit\":10,\"seconds\":60}", &r);
    assert_status(&r, 200);
    assert_int_equal(json_long(r.json, "remaining"), 10);
    http_reply_free(&r);
    sandbox_stop(&sb);
}

static void
test_quirk_flags(void **state)
{
    const char *args[] = { "--size", "tasks=5", "--quirk", "string-id", "--quirk", "href-no-slash", NULL };
    struct sandbox sb;
    struct http_reply r;

    assert_int_equal(sandbox_start(&sb, args), 0);
    http_api(&sb, "GET", "/users/657", NULL, &r);
    assert_string_equal(json_str(r.json, "id"), "657");
    assert_string_equal(json_str(r.json, "_links.self.href"), "users/657");
    http_reply_free(&r);
    sandbox_stop(&sb);
}

static char *
fetch(const struct sandbox *sb, const char *path)
{
    struct http_reply r;
    char *body;

    http_api(sb, "GET", path, NULL, &r);
    assert_status(&r, 200);
    body = r.body;
    r.body = NULL;
    http_reply_free(&r);
    return body;
}

static void
test_seed_is_deterministic(void **state)
{
    const char *one[] = { "--epoch", FIXED_EPOCH, "--size", "tasks=3000", "--size", "activities=3000", NULL };
    const char *two[] = { "--epoch", FIXED_EPOCH, "--size", "tasks=3000", "--size", "activities=3000",
                          "--seed", "2", NULL };
    const char *paths[] = { "/tasks?page=3&per_page=100", "/activities?page=7&per_page=100",
                            "/candidates?per_page=100", "/users?per_page=100", "/work_history/3001",
                            "/events?starting_after_timestamp=0", "/portals/11/jobs?per_page=100" };
    struct sandbox a, b, c;

    assert_int_equal(sandbox_start(&a, one), 0);
    assert_int_equal(sandbox_start(&b, one), 0);
    assert_int_equal(sandbox_start(&c, two), 0);
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        char *from_a = fetch(&a, paths[i]), *from_b = fetch(&b, paths[i]), *from_c = fetch(&c, paths[i]);

        assert_string_equal(from_a, from_b);
        if (i < 4)
            assert_string_not_equal(from_a, from_c);
        free(from_a);
        free(from_b);
        free(from_c);
    }
    sandbox_stop(&a);
    sandbox_stop(&b);
    sandbox_stop(&c);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unknown_flag_exits_2),
        cmocka_unit_test(test_bad_values_exit_2),
        cmocka_unit_test(test_help_and_version),
        cmocka_unit_test(test_port_in_use_named),
        cmocka_unit_test(test_generated_key_and_sigterm),
        cmocka_unit_test(test_request_log_lines),
        cmocka_unit_test(test_rate_limit_and_retry_after),
        cmocka_unit_test(test_quirk_flags),
        cmocka_unit_test(test_seed_is_deterministic),
    };

    return cmocka_run_group_tests_name("sandbox cli", tests, setup, stop_group_sandbox);
}
