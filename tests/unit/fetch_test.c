/* fetch_test.c: tests of the fetcher's queues, wake-up pipe, cancelling and
 * shutdown, against a closed port and a silent listener on 127.0.0.1. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "fetch.h"
#include "model.h"

#define WAKE_TIMEOUT_MS 10000
#define NOW ((time_t)1700000000)

struct fixture {
    int listener;               /* a socket that accepts and never responds, or -1 */
    char url[64];
    struct api_session *session;
    struct fetch *fetch;
    struct model *model;
};

/* Opens a listening socket on a free loopback port; returns it and the
 * port. */
static int
listen_loopback(int *port)
{
    struct sockaddr_in addr = { .sin_family = AF_INET };
    socklen_t len = sizeof addr;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_true(fd >= 0);
    assert_int_equal(bind(fd, (struct sockaddr *)&addr, sizeof addr), 0);
    assert_int_equal(listen(fd, 16), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&addr, &len), 0);
    *port = ntohs(addr.sin_port);
    return fd;
}

static void
start_fetch(struct fixture *fx, int workers)
{
    struct api_error err;
    struct api_session_config cfg = {
        .base_url = fx->url,
        .api_key = "test-key",
        .connect_timeout_ms = 2000,
        .timeout_ms = 1500,
        .trace_path = "",
    };

    fx->session = api_session_new(&cfg, &err);
    if (fx->session == NULL)
        fail_msg("api_session_new: %s", err.message);
    fx->fetch = fetch_new(fx->session, workers, &err);
    if (fx->fetch == NULL)
        fail_msg("fetch_new: %s", err.message);
    fx->model = model_new();
}

/* A server that refuses connections: a port that was free a moment ago. */
static int
setup_refused(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    int port;

    close(listen_loopback(&port));
    fx->listener = -1;
    snprintf(fx->url, sizeof fx->url, "http://127.0.0.1:%d/v3", port);
    *state = fx;
    return 0;
}

/* A server that accepts connections and never responds. */
static int
setup_silent(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    int port;

    fx->listener = listen_loopback(&port);
    snprintf(fx->url, sizeof fx->url, "http://127.0.0.1:%d/v3", port);
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *fx = *state;

    fetch_free(fx->fetch);
    api_session_free(fx->session);
    model_free(fx->model);
    if (fx->listener >= 0)
        close(fx->listener);
    free(fx);
    return 0;
}

static bool
wait_readable(int fd, int timeout_ms)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };

    return poll(&pfd, 1, timeout_ms) == 1;
}

/* Waits on the wake-up pipe as the UI does and takes the next result. */
static struct fetch_result *
wait_result(struct fixture *fx)
{
    struct fetch_result *res = fetch_take(fx->fetch);

    while (res == NULL) {
        if (!wait_readable(fetch_wake_fd(fx->fetch), WAKE_TIMEOUT_MS))
            fail_msg("no wake-up within %d ms", WAKE_TIMEOUT_MS);
        res = fetch_take(fx->fetch);
    }
    return res;
}

static void
test_refused_page_fails_in_model(void **state)
{
    struct fixture *fx = *state;
    struct model_list *list;
    struct model_request req;
    struct model_row row;

    start_fetch(fx, 2);
    list = model_open(fx->model, "/tasks", "tasks");
    assert_int_equal(model_list_want(list, 0, 20, true, NOW, &req, 1), 1);
    assert_int_equal(fetch_page(fx->fetch, &req), 0);
    assert_int_equal(fetch_pending(fx->fetch), 1);

    assert_true(wait_readable(fetch_wake_fd(fx->fetch), WAKE_TIMEOUT_MS));
    struct fetch_result *res = wait_result(fx);
    assert_int_equal(res->op, FETCH_PAGE);
    assert_int_equal(res->key.list_id, model_list_id(list));
    assert_int_equal(res->key.page, 1);
    assert_int_equal(res->error.kind, API_ERR_NETWORK);

    assert_true(fetch_apply_page(fx->model, res, NOW));
    fetch_result_free(res);
    model_list_row(list, 0, &row);
    assert_int_equal(row.state, MODEL_PAGE_FAILED);
    assert_true(strlen(row.message) > 0);

    assert_null(fetch_take(fx->fetch));
    assert_int_equal(fetch_pending(fx->fetch), 0);
}

static void
test_every_result_wakes_ui(void **state)
{
    struct fixture *fx = *state;
    enum { REQUESTS = 200 };
    bool seen[REQUESTS] = { false };
    int taken = 0;

    start_fetch(fx, 4);
    for (unsigned long tag = 0; tag < REQUESTS; tag++)
        assert_int_equal(fetch_get(fx->fetch, tag, "/site"), 0);

    /* The loop blocks only in poll(): a lost wake-up would time out. */
    while (taken < REQUESTS) {
        struct fetch_result *res;

        if (!wait_readable(fetch_wake_fd(fx->fetch), WAKE_TIMEOUT_MS))
            fail_msg("no wake-up after %d of %d results", taken, REQUESTS);
        while ((res = fetch_take(fx->fetch)) != NULL) {
            assert_int_equal(res->op, FETCH_GET);
            assert_true(res->tag < REQUESTS);
            assert_false(seen[res->tag]);
            seen[res->tag] = true;
            taken++;
            fetch_result_free(res);
        }
    }
    assert_int_equal(fetch_pending(fx->fetch), 0);
}

static void
test_stale_result_dropped_by_model(void **state)
{
    struct fixture *fx = *state;
    struct model_request req;

    start_fetch(fx, 1);
    struct model_list *list = model_open(fx->model, "/users", "users");
    assert_int_equal(model_list_want(list, 0, 20, false, NOW, &req, 1), 1);
    assert_int_equal(fetch_page(fx->fetch, &req), 0);
    model_list_refresh(list);

    struct fetch_result *res = wait_result(fx);
    assert_false(fetch_apply_page(fx->model, res, NOW));
    fetch_result_free(res);

    struct model_row row;
    model_list_row(list, 0, &row);
    assert_int_equal(row.state, MODEL_PAGE_MISSING);
}

static void
test_invalid_requests_rejected(void **state)
{
    struct fixture *fx = *state;
    struct model_request req = { 0 };

    start_fetch(fx, 1);
    assert_int_equal(fetch_get(fx->fetch, 1, NULL), -1);
    assert_int_equal(fetch_get_list(fx->fetch, 1, "/events", NULL), -1);
    assert_int_equal(fetch_page(fx->fetch, &req), -1);
    assert_int_equal(fetch_delete(fx->fetch, 1, FETCH_GET, 5), -1);
    assert_int_equal(fetch_portal_job(fx->fetch, 1, FETCH_TASK_DELETE, 5, 6), -1);
    assert_int_equal(fetch_task_update(fx->fetch, 1, 5, NULL), -1);
    assert_int_equal(fetch_pending(fx->fetch), 0);

    struct fetch_result res = { .op = FETCH_GET };
    assert_false(fetch_apply_page(fx->model, &res, NOW));
}

/* Waits until the worker's request reaches the silent listener. */
static int
accept_worker_connection(struct fixture *fx)
{
    assert_true(wait_readable(fx->listener, WAKE_TIMEOUT_MS));
    int conn = accept(fx->listener, NULL, NULL);
    assert_true(conn >= 0);
    return conn;
}

static void
test_cancel_drops_queued_pages(void **state)
{
    struct fixture *fx = *state;
    struct model_request reqs[8];

    start_fetch(fx, 1);
    struct model_list *tasks = model_open(fx->model, "/tasks", "tasks");
    struct model_list *users = model_open(fx->model, "/users", "users");
    model_list_load_all(tasks);
    assert_int_equal(model_list_want(tasks, 0, 20, false, NOW, reqs, 1), 1);
    assert_int_equal(fetch_page(fx->fetch, &reqs[0]), 0);
    int conn = accept_worker_connection(fx);

    /* The worker is busy with the first page; queue more behind it. */
    for (int page = 2; page <= 5; page++) {
        struct model_request more = reqs[0];
        more.page = page;
        assert_int_equal(fetch_page(fx->fetch, &more), 0);
    }
    assert_int_equal(model_list_want(users, 0, 20, false, NOW, reqs, 1), 1);
    assert_int_equal(fetch_page(fx->fetch, &reqs[0]), 0);
    assert_int_equal(fetch_pending(fx->fetch), 6);

    model_list_refresh(tasks);
    assert_int_equal(fetch_cancel_list(fx->fetch, model_list_id(tasks),
                                       model_list_generation(tasks)), 4);
    assert_int_equal(fetch_pending(fx->fetch), 2);
    assert_int_equal(fetch_cancel_list(fx->fetch, model_list_id(tasks), 0), 0);

    /* The running page times out; then the users page runs. */
    struct fetch_result *first = wait_result(fx);
    assert_int_equal(first->key.list_id, model_list_id(tasks));
    assert_int_equal(first->error.kind, API_ERR_TIMEOUT);
    assert_false(fetch_apply_page(fx->model, first, NOW));
    fetch_result_free(first);
    close(conn);
}

static void
test_shutdown_with_requests_in_flight(void **state)
{
    struct fixture *fx = *state;
    int fds[2];

    start_fetch(fx, 2);
    assert_int_equal(pipe(fds), 0);
    close(fds[0]);
    for (unsigned long tag = 0; tag < 10; tag++)
        assert_int_equal(fetch_get(fx->fetch, tag, "/tasks/1"), 0);
    assert_int_equal(fetch_attachment_download(fx->fetch, 99, 7, fds[1]), 0);
    int conn = accept_worker_connection(fx);

    fetch_free(fx->fetch);
    fx->fetch = NULL;
    close(conn);

    /* The download was never run, and its descriptor was closed. */
    errno = 0;
    assert_int_equal(fcntl(fds[1], F_GETFD), -1);
    assert_int_equal(errno, EBADF);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_refused_page_fails_in_model, setup_refused, teardown),
        cmocka_unit_test_setup_teardown(test_every_result_wakes_ui, setup_refused, teardown),
        cmocka_unit_test_setup_teardown(test_stale_result_dropped_by_model, setup_refused,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_invalid_requests_rejected, setup_refused, teardown),
        cmocka_unit_test_setup_teardown(test_cancel_drops_queued_pages, setup_silent, teardown),
        cmocka_unit_test_setup_teardown(test_shutdown_with_requests_in_flight, setup_silent,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
