/* fetch_sandbox_test.c: the fetcher and the model together, over real HTTP
 * against a cats-sandbox the test starts. */
#include "config.h"

#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "fetch.h"
#include "fixture.h"
#include "model.h"

#define WAKE_TIMEOUT_MS 10000
#define SCREEN 50
#define MAX_REQUESTS 16

struct env {
    struct fixture fixture;
    struct fetch *fetch;
    struct model *model;
};

/* Starts a sandbox with extra_args, then a fetcher on its session. */
static struct env *
env_start(const char *const *extra_args, long timeout_ms)
{
    struct env *env = calloc(1, sizeof *env);
    struct api_error err;

    if (fixture_start(&env->fixture, extra_args, timeout_ms) != 0)
        fail_msg("the sandbox did not start");
    env->fetch = fetch_new(env->fixture.session, 2, &err);
    if (env->fetch == NULL)
        fail_msg("fetch_new: %s", err.message);
    env->model = model_new();
    return env;
}

static int
teardown(void **state)
{
    struct env *env = *state;

    if (env != NULL) {
        fetch_free(env->fetch);
        model_free(env->model);
        fixture_stop(&env->fixture);
        free(env);
    }
    return 0;
}

/* Blocks on the wake-up pipe as the UI does and returns the next result. */
static struct fetch_result *
wait_result(struct env *env)
{
    struct fetch_result *res = fetch_take(env->fetch);
    struct pollfd pfd = { .fd = fetch_wake_fd(env->fetch), .events = POLLIN };

    while (res == NULL) {
        if (poll(&pfd, 1, WAKE_TIMEOUT_MS) != 1)
            fail_msg("no result within %d ms", WAKE_TIMEOUT_MS);
        res = fetch_take(env->fetch);
    }
    return res;
}

/* Submits the requests model_list_want() returns for rows [first, first + SCREEN),
 * waits for every result and applies it.  Returns the requests made. */
static int
show_rows(struct env *env, struct model_list *list, long first, bool prefetch)
{
    struct model_request reqs[MAX_REQUESTS];
    int n = model_list_want(list, first, SCREEN, prefetch, time(NULL), reqs, MAX_REQUESTS);

    for (int i = 0; i < n; i++)
        assert_int_equal(fetch_page(env->fetch, &reqs[i]), 0);
    for (int i = 0; i < n; i++) {
        struct fetch_result *res = wait_result(env);

        assert_true(fetch_apply_page(env->model, res, time(NULL)));
        fetch_result_free(res);
    }
    return n;
}

static int64_t
row_id(struct model_list *list, long index)
{
    struct model_row row;

    model_list_row(list, index, &row);
    assert_int_equal(row.state, MODEL_PAGE_LOADED);
    return json_object_get_int64(json_object_object_get(row.record, "id"));
}

static void
test_last_row_costs_two_requests(void **state)
{
    const char *const args[] = { "--size", "tasks=100000", NULL };
    struct env *env = *state = env_start(args, 0);
    const char *const pages[] = { "GET /v3/tasks?page=", " 200 ", NULL };
    char range[64];

    struct model_list *tasks = model_open(env->model, "/tasks", "tasks");
    assert_int_equal(show_rows(env, tasks, 0, true), 1);
    assert_int_equal(model_list_rows(tasks), 100000);

    assert_int_equal(show_rows(env, tasks, 100000 - SCREEN, true), 1);
    int64_t last_id = row_id(tasks, 99999);
    assert_true(last_id > row_id(tasks, 99998));
    model_list_format_range(tasks, 100000 - SCREEN, SCREEN, range, sizeof range);
    assert_string_equal(range, "99951-100000 of 100000");

    assert_int_equal(fixture_wait_log(&env->fixture, pages, 2), 2);
    assert_int_equal(sandbox_count_log_lines(&env->fixture.sandbox, pages), 2);
}

static void
test_refreshed_list_drops_result(void **state)
{
    struct env *env = *state = env_start(NULL, 0);
    struct model_request req;
    struct model_row row;

    struct model_list *users = model_open(env->model, "/users", "users");
    assert_int_equal(model_list_want(users, 0, SCREEN, false, time(NULL), &req, 1), 1);
    assert_int_equal(fetch_page(env->fetch, &req), 0);
    model_list_refresh(users);

    struct fetch_result *res = wait_result(env);
    assert_int_equal(res->error.kind, API_OK);
    assert_false(fetch_apply_page(env->model, res, time(NULL)));
    fetch_result_free(res);
    model_list_row(users, 0, &row);
    assert_int_equal(row.state, MODEL_PAGE_MISSING);

    assert_int_equal(show_rows(env, users, 0, false), 1);
    assert_true(row_id(users, 0) > 0);
}

static void
test_closed_list_requests_cancelled(void **state)
{
    const char *const args[] = { "--latency-ms", "300", NULL };
    struct env *env = *state = env_start(args, 0);
    struct model_request reqs[MAX_REQUESTS];

    struct model_list *tasks = model_open(env->model, "/tasks", "tasks");
    model_list_load_all(tasks);
    assert_int_equal(model_list_want(tasks, 0, SCREEN, false, time(NULL), reqs, 1), 1);
    assert_int_equal(fetch_page(env->fetch, &reqs[0]), 0);
    struct fetch_result *first = wait_result(env);
    assert_true(fetch_apply_page(env->model, first, time(NULL)));
    fetch_result_free(first);

    int n = model_list_want(tasks, 0, SCREEN, false, time(NULL), reqs, MAX_REQUESTS);
    assert_int_equal(n, MAX_REQUESTS);
    for (int i = 0; i < n; i++)
        assert_int_equal(fetch_page(env->fetch, &reqs[i]), 0);

    /* Two workers are busy with the first two; the rest never run. */
    unsigned long id = model_list_id(tasks);
    model_close(env->model, tasks);
    int cancelled = fetch_cancel_list(env->fetch, id, 0);
    assert_true(cancelled >= MAX_REQUESTS - 2);
    assert_int_equal(fetch_pending(env->fetch), MAX_REQUESTS - cancelled);

    for (int i = 0; i < MAX_REQUESTS - cancelled; i++) {
        struct fetch_result *res = wait_result(env);
        assert_false(fetch_apply_page(env->model, res, time(NULL)));
        fetch_result_free(res);
    }
    const char *const pages[] = { "GET /v3/tasks?page=", NULL };
    assert_int_equal(fixture_wait_log(&env->fixture, pages, 1 + MAX_REQUESTS - cancelled),
                     1 + MAX_REQUESTS - cancelled);
}

static void
test_null_total_follows_next(void **state)
{
    const char *const args[] = { "--quirk", "total-null", "--size", "users=130", NULL };
    struct env *env = *state = env_start(args, 0);
    char range[64];

    struct model_list *users = model_open(env->model, "/users", "users");
    assert_int_equal(show_rows(env, users, 0, false), 1);
    assert_false(model_list_total_known(users));
    model_list_format_range(users, 0, SCREEN, range, sizeof range);
    assert_string_equal(range, "1-50 of 100+");

    /* The sandbox adds its few example users to the 130 generated ones. */
    assert_int_equal(show_rows(env, users, 100 - SCREEN, false), 1);
    assert_true(model_list_total_known(users));
    long rows = model_list_rows(users);
    assert_true(rows > 130 && rows < 200);
    assert_true(row_id(users, rows - 1) > 0);
    assert_int_equal(show_rows(env, users, rows - SCREEN, true), 0);
}

static void
test_rate_limit_waits_without_sending(void **state)
{
    const char *const args[] = { "--throttle-burst", "1", "--throttle-retry-after", "30", NULL };
    struct env *env = *state = env_start(args, 0);
    struct model_request req;
    struct model_row row;
    time_t before = time(NULL);

    struct model_list *tasks = model_open(env->model, "/tasks", "tasks");
    assert_int_equal(model_list_want(tasks, 0, SCREEN, true, before, &req, 1), 1);
    assert_int_equal(fetch_page(env->fetch, &req), 0);
    struct fetch_result *res = wait_result(env);
    assert_int_equal(res->error.kind, API_ERR_RATE_LIMITED);
    assert_int_equal(res->error.retry_after, 30);
    assert_true(fetch_apply_page(env->model, res, before));
    fetch_result_free(res);

    model_list_row(tasks, 0, &row);
    assert_int_equal(row.state, MODEL_PAGE_WAITING);
    assert_int_equal(row.until, before + 30);
    assert_non_null(strstr(row.message, "30"));

    /* While the Retry-After runs, nothing is fetched ahead, and a request
     * fails without reaching the server. */
    assert_false(fetch_prefetch_allowed(env->fetch, 0));
    assert_int_equal(fetch_get(env->fetch, 7, "/site"), 0);
    res = wait_result(env);
    assert_int_equal(res->tag, 7);
    assert_int_equal(res->error.kind, API_ERR_RATE_LIMITED);
    assert_true(res->error.retry_after > 0 && res->error.retry_after <= 30);
    assert_true(res->rate.retry_in_ms > 0);
    fetch_result_free(res);

    const char *const site[] = { "GET /v3/site", NULL };
    const char *const any[] = { "GET /v3/", NULL };
    assert_int_equal(fixture_wait_log(&env->fixture, any, 1), 1);
    assert_int_equal(sandbox_count_log_lines(&env->fixture.sandbox, site), 0);
}

static void
test_write_copies_arguments(void **state)
{
    struct env *env = *state = env_start(NULL, 0);
    struct api_task_fields fields = { .set = API_TASK_DESCRIPTION | API_TASK_PRIORITY };
    int64_t id = fixture_first_id(&env->fixture, "/tasks", "tasks");
    char path[64];

    assert_true(id > 0);
    char *description = strdup("Phone the candidate about 面接 😀");
    fields.description = description;
    fields.priority = 4;
    assert_int_equal(fetch_task_update(env->fetch, 11, id, &fields), 0);
    memset(description, 'x', strlen(description));
    free(description);

    struct fetch_result *res = wait_result(env);
    assert_int_equal(res->op, FETCH_TASK_UPDATE);
    assert_int_equal(res->tag, 11);
    assert_int_equal(res->id, id);
    assert_int_equal(res->error.kind, API_OK);
    fetch_result_free(res);

    snprintf(path, sizeof path, "/tasks/%lld", (long long)id);
    assert_int_equal(fetch_get(env->fetch, 12, path), 0);
    res = wait_result(env);
    assert_int_equal(res->error.kind, API_OK);
    assert_string_equal(json_object_get_string(json_object_object_get(res->record, "description")),
                        "Phone the candidate about 面接 😀");
    assert_int_equal(json_object_get_int(json_object_object_get(res->record, "priority")), 4);
    fetch_result_free(res);
}

static void
test_events_feed_appends(void **state)
{
    struct env *env = *state = env_start(NULL, 0);

    struct model_list *feed = model_open_feed(env->model, "/events", "events");
    assert_int_equal(fetch_events(env->fetch, 1, 0), 0);
    struct fetch_result *res = wait_result(env);
    assert_int_equal(res->op, FETCH_EVENTS);
    assert_int_equal(res->error.kind, API_OK);
    long first_count = (long)api_list_length(&res->list);
    assert_true(first_count > 0);
    assert_true(res->list.has_next);

    const char *next = api_json_link(res->list.body, "next");
    assert_non_null(next);
    assert_int_equal(fetch_get_list(env->fetch, 2, next, "events"), 0);
    assert_int_equal(model_feed_append(feed, json_object_get(res->list.rows)), first_count);
    fetch_result_free(res);

    res = wait_result(env);
    assert_int_equal(res->op, FETCH_GET_LIST);
    assert_int_equal(res->error.kind, API_OK);
    long second_count = (long)api_list_length(&res->list);
    assert_int_equal(model_feed_append(feed, json_object_get(res->list.rows)), second_count);
    fetch_result_free(res);

    assert_int_equal(model_list_rows(feed), first_count + second_count);
    assert_true(row_id(feed, first_count) > row_id(feed, first_count - 1));
}

static void
test_shutdown_during_stalled_requests(void **state)
{
    const char *const args[] = { "--stall-rate", "1", "--stall-ms", "60000", NULL };
    struct env *env = *state = env_start(args, 120000);
    const char *const sent[] = { "GET /v3/site", NULL };
    struct timespec start, end;

    for (unsigned long tag = 0; tag < 6; tag++)
        assert_int_equal(fetch_get(env->fetch, tag, "/site"), 0);
    assert_int_equal(fetch_pending(env->fetch), 6);
    nanosleep(&(struct timespec){ .tv_nsec = 300 * 1000 * 1000 }, NULL);

    /* Both workers are inside a request the sandbox stalls for a minute,
     * under a two-minute timeout, when the fetcher stops: it cancels them
     * instead of waiting, and frees the four never sent.  Ten seconds is
     * far below the stall, so only a cancelled request ends this soon. */
    clock_gettime(CLOCK_MONOTONIC, &start);
    fetch_free(env->fetch);
    clock_gettime(CLOCK_MONOTONIC, &end);
    env->fetch = NULL;
    assert_true(end.tv_sec - start.tv_sec < 10);
    assert_true(sandbox_count_log_lines(&env->fixture.sandbox, sent) <= 2);
}

static void
test_prefetch_stops_on_low_budget(void **state)
{
    const char *const args[] = { "--rate-limit", "10/3600", NULL };
    struct env *env = *state = env_start(args, 0);

    assert_true(fetch_prefetch_allowed(env->fetch, 20));
    assert_int_equal(fetch_get(env->fetch, 1, "/site"), 0);
    struct fetch_result *res = wait_result(env);
    assert_int_equal(res->error.kind, API_OK);
    assert_int_equal(res->rate.limit, 10);
    assert_int_equal(res->rate.remaining, 9);
    fetch_result_free(res);

    assert_false(fetch_prefetch_allowed(env->fetch, 20));
    assert_true(fetch_prefetch_allowed(env->fetch, 9));
    assert_false(fetch_prefetch_allowed(env->fetch, 10));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_last_row_costs_two_requests, teardown),
        cmocka_unit_test_teardown(test_refreshed_list_drops_result, teardown),
        cmocka_unit_test_teardown(test_closed_list_requests_cancelled, teardown),
        cmocka_unit_test_teardown(test_null_total_follows_next, teardown),
        cmocka_unit_test_teardown(test_rate_limit_waits_without_sending, teardown),
        cmocka_unit_test_teardown(test_write_copies_arguments, teardown),
        cmocka_unit_test_teardown(test_events_feed_appends, teardown),
        cmocka_unit_test_teardown(test_shutdown_during_stalled_requests, teardown),
        cmocka_unit_test_teardown(test_prefetch_stops_on_low_budget, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
