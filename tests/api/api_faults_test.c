/* api_faults_test.c: the API client against a misbehaving cats-sandbox:
 * each injected fault maps to its error kind, the rate limit is tracked,
 * the trace stays free of secrets, and connections are reused. */
#include "config.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "fixture.h"

static struct fixture fx;

static int
start_group(void **state)
{
    return fixture_start(&fx, NULL, 0);
}

static int
stop_group(void **state)
{
    fixture_stop(&fx);
    return 0;
}

static int
reset_sandbox(void **state)
{
    return fixture_reset(&fx);
}

static void
assert_kind(const struct api_error *err, enum api_error_kind kind)
{
    if (err->kind != kind)
        fail_msg("expected a %s error, got %s (HTTP %ld): %s", api_error_kind_name(kind),
                 api_error_kind_name(err->kind), err->status, err->message);
}

static void
set_faults(const char *json)
{
    long status = fixture_control(&fx, "PUT", "/_sandbox/faults", json);

    if (status != 200)
        fail_msg("PUT /_sandbox/faults %s returned %ld", json, status);
}

/* A client on the fixture's sandbox with its own limits; free both. */
static struct api_client *
client_with(struct api_session **session, long timeout_ms, size_t max_body)
{
    struct api_session_config cfg = {
        .base_url = fx.sandbox.url, .api_key = fx.sandbox.key, .timeout_ms = timeout_ms, .max_body = max_body,
        .trace_path = "",
    };
    struct api_error err;

    *session = api_session_new(&cfg, &err);
    assert_non_null(*session);
    return api_client_new(*session, &err);
}

/* Lists one page of tasks and returns the error kind. */
static enum api_error_kind
list_tasks(struct api_client *client, struct api_error *err)
{
    struct api_list list;

    if (api_tasks_list(client, 1, 25, &list, err) == 0)
        api_list_free(&list);
    else
        assert_null(list.body);
    return err->kind;
}

/* ---- faults ---- */

static void
server_error_html_summarised(void **state)
{
    struct api_error err;
    char line[1024];

    set_faults("{\"error_rate\": 1}");
    assert_int_equal(list_tasks(fx.client, &err), API_ERR_SERVER);
    assert_int_equal(err.status, 500);
    assert_string_not_equal(err.message, "");
    assert_null(strchr(err.message, '<'));
    assert_null(strchr(err.message, '\n'));
    assert_string_not_equal(err.request_id, "");

    api_error_describe(&err, line, sizeof line);
    assert_non_null(strstr(line, "HTTP 500"));
    assert_non_null(strstr(line, err.request_id));
}

static void
throttle_sets_retry_after(void **state)
{
    struct api_rate_limit rate;
    struct api_error err;

    set_faults("{\"throttle_burst\": 1, \"throttle_retry_after\": 7}");
    assert_int_equal(list_tasks(fx.client, &err), API_ERR_RATE_LIMITED);
    assert_int_equal(err.status, 429);
    assert_int_equal(err.retry_after, 7);

    api_session_rate_limit(fx.session, &rate);
    assert_true(rate.retry_in_ms > 5000);
    assert_true(rate.retry_in_ms <= 7000);
    assert_int_equal(list_tasks(fx.client, &err), API_OK);
}

static void
malformed_body_bad_json(void **state)
{
    struct api_error err;
    struct json_object *site = NULL;

    set_faults("{\"malformed_rate\": 1}");
    assert_int_equal(list_tasks(fx.client, &err), API_ERR_BAD_JSON);
    assert_int_equal(err.status, 200);
    assert_int_equal(api_site_get(fx.client, &site, &err), -1);
    assert_kind(&err, API_ERR_BAD_JSON);
    assert_null(site);
}

static void
truncated_body_truncated(void **state)
{
    struct api_error err;

    set_faults("{\"truncate_rate\": 1}");
    assert_int_equal(list_tasks(fx.client, &err), API_ERR_TRUNCATED);
}

static void
disconnect_is_network(void **state)
{
    struct api_error err;

    set_faults("{\"disconnect_rate\": 1}");
    assert_int_equal(list_tasks(fx.client, &err), API_ERR_NETWORK);
    assert_int_equal(err.status, 0);
    set_faults("{\"disconnect_rate\": 0}");
    assert_int_equal(list_tasks(fx.client, &err), API_OK);
}

static void
stall_is_timeout(void **state)
{
    struct api_session *session;
    struct api_client *client = client_with(&session, 300, 0);
    struct api_error err;

    set_faults("{\"stall_rate\": 1, \"stall_ms\": 3000}");
    assert_int_equal(list_tasks(client, &err), API_ERR_TIMEOUT);
    assert_int_equal(err.status, 0);
    api_client_free(client);
    api_session_free(session);
}

static void
latency_still_succeeds(void **state)
{
    struct api_error err;

    set_faults("{\"latency_ms\": 150, \"jitter_ms\": 50}");
    assert_int_equal(list_tasks(fx.client, &err), API_OK);
}

static void
fault_path_limits_faults(void **state)
{
    struct api_list list;
    struct api_error err;

    set_faults("{\"error_rate\": 1, \"fault_path\": \"/tasks\"}");
    assert_int_equal(list_tasks(fx.client, &err), API_ERR_SERVER);
    assert_int_equal(api_users_list(fx.client, 1, 5, &list, &err), 0);
    api_list_free(&list);
}

static void
failed_create_returns_no_id(void **state)
{
    struct api_task_fields fields = {
        .set = API_TASK_DESCRIPTION | API_TASK_PRIORITY | API_TASK_ASSIGNED_TO_ID,
        .description = "lost", .priority = 1, .assigned_to_id = fixture_first_id(&fx, "/users", "users"),
    };
    struct api_error err;
    int64_t id = -1;

    set_faults("{\"error_rate\": 1}");
    assert_int_equal(api_task_create(fx.client, &fields, &id, &err), -1);
    assert_kind(&err, API_ERR_SERVER);
    assert_int_equal(id, 0);
}

static void
body_over_cap_too_large(void **state)
{
    struct api_session *session;
    struct api_client *client = client_with(&session, 0, 1024);
    struct api_list list;
    struct api_error err;

    assert_int_equal(api_tasks_list(client, 1, 100, &list, &err), -1);
    assert_kind(&err, API_ERR_TOO_LARGE);
    assert_non_null(strstr(err.message, "1024"));
    api_client_free(client);
    api_session_free(session);
}

static void
wrong_key_is_auth(void **state)
{
    struct api_session_config cfg = { .base_url = fx.sandbox.url, .api_key = "not-the-key", .trace_path = "" };
    struct api_error err;
    struct api_session *session = api_session_new(&cfg, &err);
    struct api_client *client = api_client_new(session, &err);
    struct json_object *record = NULL;

    assert_int_equal(list_tasks(client, &err), API_ERR_AUTH);
    assert_string_equal(err.message, "Invalid credentials.");
    assert_string_not_equal(err.request_id, "");
    /* CATS checks the key before routing, so an unknown path is a 401 too. */
    assert_int_equal(api_get(client, "/no/such/thing", &record, &err), -1);
    assert_kind(&err, API_ERR_AUTH);
    api_client_free(client);
    api_session_free(session);
}

/* Lists tasks through a new session on base_url and returns the error. */
static enum api_error_kind
list_tasks_at(const char *base_url, struct api_error *err)
{
    struct api_session_config cfg = { .base_url = base_url, .api_key = "k", .trace_path = "", .timeout_ms = 5000 };
    struct api_session *session = api_session_new(&cfg, err);
    struct api_client *client = api_client_new(session, err);

    list_tasks(client, err);
    api_client_free(client);
    api_session_free(session);
    return err->kind;
}

static void
tls_to_plain_server_is_tls(void **state)
{
    char url[sizeof fx.sandbox.url + 8];
    struct api_error err;

    /* The sandbox speaks plain HTTP, so a TLS handshake with it fails. */
    snprintf(url, sizeof url, "https://%.240s", fx.sandbox.url + strlen("http://"));
    assert_int_equal(list_tasks_at(url, &err), API_ERR_TLS);
    assert_int_equal(err.status, 0);
    assert_string_not_equal(err.message, "");
}

static void
closed_port_is_network(void **state)
{
    struct api_error err;

    /* Port 1 is privileged and nothing in the tests listens on it. */
    assert_int_equal(list_tasks_at("http://127.0.0.1:1/v3", &err), API_ERR_NETWORK);
    assert_int_equal(err.status, 0);
}

static void
loopback_bypasses_env_proxy(void **state)
{
    struct api_error err;

    /* A proxy elsewhere cannot reach this machine's loopback sandbox, so the
     * client goes direct even when the environment names one. */
    setenv("http_proxy", "http://127.0.0.1:1", 1);
    setenv("HTTPS_PROXY", "http://127.0.0.1:1", 1);
    assert_int_equal(list_tasks(fx.client, &err), API_OK);
}

static int
unset_proxies(void **state)
{
    unsetenv("http_proxy");
    unsetenv("HTTPS_PROXY");
    return 0;
}

/* ---- rate limit ---- */

static void
rate_headers_tracked(void **state)
{
    struct api_rate_limit before, after;
    struct api_error err;

    assert_int_equal(list_tasks(fx.client, &err), API_OK);
    api_session_rate_limit(fx.session, &before);
    assert_true(before.limit > 0);
    assert_true(before.remaining >= 0);
    assert_true(before.remaining < before.limit);

    assert_int_equal(list_tasks(fx.client, &err), API_OK);
    api_session_rate_limit(fx.session, &after);
    assert_int_equal(after.limit, before.limit);
    assert_int_equal(after.remaining, before.remaining - 1);
}

/* A second sandbox with a tiny limit, stopped by the teardown even when an
 * assertion ends the test early. */
static struct fixture limited;

static int
stop_limited(void **state)
{
    /* A zeroed fixture was never started; its descriptors are not open. */
    if (limited.sandbox.pid != 0)
        fixture_stop(&limited);
    return 0;
}

static void
rate_limit_exhausted(void **state)
{
    static const char *const args[] = { "--rate-limit", "3/3600", NULL };
    struct api_rate_limit rate;
    struct api_error err;

    assert_int_equal(fixture_start(&limited, args, 0), 0);
    for (int i = 0; i < 3; i++)
        assert_int_equal(list_tasks(limited.client, &err), API_OK);
    api_session_rate_limit(limited.session, &rate);
    assert_int_equal(rate.limit, 3);
    assert_int_equal(rate.remaining, 0);

    assert_int_equal(list_tasks(limited.client, &err), API_ERR_RATE_LIMITED);
    assert_true(err.retry_after > 0);
    api_session_rate_limit(limited.session, &rate);
    assert_true(rate.retry_in_ms > 0);
}

/* ---- quirks ---- */

static void
quirks_total_null_string_ids(void **state)
{
    struct api_list list;
    struct api_error err;
    struct json_object *task;
    const char *self;
    int64_t id = 0, again = 0;

    assert_int_equal(fixture_control(&fx, "PUT", "/_sandbox/quirks",
                                     "{\"total_null\": true, \"string_id\": true, \"href_no_slash\": true}"), 200);
    assert_int_equal(api_tasks_list(fx.client, 1, 10, &list, &err), 0);
    assert_false(list.total_known);
    assert_true(list.has_next);
    assert_true(json_object_is_type(json_object_object_get(api_list_row(&list, 0), "id"), json_type_string));
    assert_true(api_json_id(api_list_row(&list, 0), "id", &id));

    self = api_json_link(api_list_row(&list, 0), "self");
    assert_non_null(self);
    assert_true(self[0] != '/');
    assert_int_equal(api_get(fx.client, self, &task, &err), 0);
    assert_true(api_json_id(task, "id", &again));
    assert_int_equal(again, id);
    json_object_put(task);
    api_list_free(&list);
}

/* ---- trace and connections ---- */

static void
trace_lines_without_key(void **state)
{
    int before = fixture_count_lines(fx.trace_path);
    struct json_object *site;
    struct api_error err;
    char *trace, *line;

    assert_int_equal(list_tasks(fx.client, &err), API_OK);
    assert_int_equal(api_site_get(fx.client, &site, &err), 0);
    json_object_put(site);
    assert_int_equal(api_task_get(fx.client, 987654321, &site, &err), -1);
    assert_int_equal(fixture_count_lines(fx.trace_path), before + 3);

    trace = fixture_read_file(fx.trace_path, NULL);
    assert_non_null(trace);
    assert_null(strstr(trace, fx.sandbox.key));
    assert_null(strstr(trace, "Token"));
    line = strstr(trace, " GET /tasks?page=1&per_page=25 200 ");
    assert_non_null(line);
    assert_non_null(strstr(trace, " GET /site 200 "));
    assert_non_null(strstr(trace, " GET /tasks/987654321 404 "));
    assert_non_null(strstr(trace, err.request_id));
    free(trace);
}

static void
hundred_pages_one_connection(void **state)
{
    struct api_session *session;
    struct api_client *client = client_with(&session, 0, 0);
    struct api_list list;
    struct api_error err;

    for (int page = 1; page <= 100; page++) {
        if (api_tasks_list(client, page, 1, &list, &err) != 0)
            fail_msg("page %d failed: %s", page, err.message);
        assert_int_equal(api_list_length(&list), 1);
        api_list_free(&list);
    }
    assert_int_equal(api_client_connections(client), 1);
    api_client_free(client);
    api_session_free(session);
}

/* The refusal happens when the session is created, before any client
 * exists that could connect; the https form of the same URL is accepted
 * there, which shows that nothing was resolved or contacted either way. */
static void
plain_http_remote_never_connects(void **state)
{
    struct api_session_config cfg = { .base_url = "http://cats.example.com/v3", .api_key = "k", .trace_path = "" };
    struct api_session *session;
    struct api_error err;

    assert_null(api_session_new(&cfg, &err));
    assert_kind(&err, API_ERR_CONFIG);
    assert_non_null(strstr(err.message, "cats.example.com"));

    cfg.base_url = "https://cats.example.com/v3";
    session = api_session_new(&cfg, &err);
    assert_non_null(session);
    api_session_free(session);
}

/* ---- threads ---- */

struct worker {
    struct api_session *session;
    int failures;
};

static void *
fetch_pages(void *data)
{
    struct worker *worker = data;
    struct api_error err;
    struct api_client *client = api_client_new(worker->session, &err);
    struct api_list list;

    for (int page = 1; page <= 10; page++) {
        if (api_activities_list(client, page, 10, &list, &err) != 0)
            worker->failures++;
        api_list_free(&list);
    }
    api_client_free(client);
    return NULL;
}

static void
threads_share_session(void **state)
{
    struct worker workers[4];
    pthread_t threads[4];
    struct api_rate_limit rate;

    for (int i = 0; i < 4; i++) {
        workers[i] = (struct worker){ .session = fx.session };
        assert_int_equal(pthread_create(&threads[i], NULL, fetch_pages, &workers[i]), 0);
    }
    for (int i = 0; i < 100; i++)
        api_session_rate_limit(fx.session, &rate);
    for (int i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        assert_int_equal(workers[i].failures, 0);
    }
    api_session_rate_limit(fx.session, &rate);
    assert_true(rate.limit > 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(server_error_html_summarised, reset_sandbox),
        cmocka_unit_test_setup(throttle_sets_retry_after, reset_sandbox),
        cmocka_unit_test_setup(malformed_body_bad_json, reset_sandbox),
        cmocka_unit_test_setup(truncated_body_truncated, reset_sandbox),
        cmocka_unit_test_setup(disconnect_is_network, reset_sandbox),
        cmocka_unit_test_setup(stall_is_timeout, reset_sandbox),
        cmocka_unit_test_setup(latency_still_succeeds, reset_sandbox),
        cmocka_unit_test_setup(fault_path_limits_faults, reset_sandbox),
        cmocka_unit_test_setup(failed_create_returns_no_id, reset_sandbox),
        cmocka_unit_test_setup(body_over_cap_too_large, reset_sandbox),
        cmocka_unit_test_setup(wrong_key_is_auth, reset_sandbox),
        cmocka_unit_test_setup(tls_to_plain_server_is_tls, reset_sandbox),
        cmocka_unit_test_setup(closed_port_is_network, reset_sandbox),
        cmocka_unit_test_setup_teardown(loopback_bypasses_env_proxy, reset_sandbox, unset_proxies),
        cmocka_unit_test_setup(rate_headers_tracked, reset_sandbox),
        cmocka_unit_test_setup_teardown(rate_limit_exhausted, reset_sandbox, stop_limited),
        cmocka_unit_test_setup(quirks_total_null_string_ids, reset_sandbox),
        cmocka_unit_test_setup(trace_lines_without_key, reset_sandbox),
        cmocka_unit_test_setup(hundred_pages_one_connection, reset_sandbox),
        cmocka_unit_test_setup(plain_http_remote_never_connects, reset_sandbox),
        cmocka_unit_test_setup(threads_share_session, reset_sandbox),
    };

    return cmocka_run_group_tests_name("api_faults", tests, start_group, stop_group);
}
