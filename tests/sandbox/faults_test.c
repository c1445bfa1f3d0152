/* faults_test.c: each injected fault, switched at run time through
 * /_sandbox/faults and by flag at start, and the quirks endpoint. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common.h"

#define SB (&group_sandbox)

static int
setup(void **state)
{
    return start_group_sandbox(NULL);
}

static void
set_faults(const char *body)
{
    struct http_reply r;

    http_control(SB, "PUT", "/_sandbox/faults", body, &r);
    assert_status(&r, 200);
    http_reply_free(&r);
}

/* Turns every fault off again after a test. */
static int
reset_faults(void **state)
{
    set_faults("{\"latency_ms\":0,\"jitter_ms\":0,\"error_rate\":0,\"throttle_burst\":0,"
               "\"malformed_rate\":0,\"truncate_rate\":0,\"disconnect_rate\":0,\"stall_rate\":0,"
               "\"fault_path\":\"\"}");
    return 0;
}

static double
seconds_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
test_faults_listed(void **state)
{
    struct http_reply r;
    const char *names[] = { "latency_ms", "jitter_ms", "error_rate", "throttle_burst", "throttle_retry_after",
                            "malformed_rate", "truncate_rate", "disconnect_rate", "stall_rate", "stall_ms",
                            "fault_path" };

    http_control(SB, "GET", "/_sandbox/faults", NULL, &r);
    assert_status(&r, 200);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        assert_non_null(json_at(r.json, names[i]));
    assert_int_equal(json_long(r.json, "stall_ms"), 30000);
    http_reply_free(&r);
}

static void
test_bad_fault_values_400(void **state)
{
    const char *bodies[] = { "{\"error_rate\":1.5}", "{\"latency_ms\":-1}", "{\"no_such_fault\":1}",
                             "{\"fault_path\":3}", "not json" };

    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        struct http_reply r;

        http_control(SB, "PUT", "/_sandbox/faults", bodies[i], &r);
        assert_status(&r, 400);
        assert_non_null(json_str(r.json, "message"));
        http_reply_free(&r);
    }
}

static void
test_latency_delays_replies(void **state)
{
    struct http_reply r;
    double started;

    set_faults("{\"latency_ms\":300,\"jitter_ms\":100}");
    started = seconds_now();
    http_api(SB, "GET", "/site", NULL, &r);
    assert_status(&r, 200);
    assert_true(seconds_now() - started >= 0.3);
    http_reply_free(&r);
}

static void
test_server_error_is_html(void **state)
{
    struct http_reply r;

    set_faults("{\"error_rate\":1}");
    http_api(SB, "GET", "/tasks", NULL, &r);
    assert_status(&r, 500);
    assert_non_null(strstr(r.content_type, "text/html"));
    assert_non_null(strstr(r.body, "<html>"));
    assert_int_equal(strlen(r.request_id), 36);
    http_reply_free(&r);
}

static void
test_throttle_burst(void **state)
{
    struct http_reply r;

    set_faults("{\"throttle_burst\":2,\"throttle_retry_after\":7}");
    for (int i = 0; i < 2; i++) {
        http_api(SB, "GET", "/users", NULL, &r);
        assert_status(&r, 429);
        assert_string_equal(r.retry_after, "7");
        http_reply_free(&r);
    }
    http_api(SB, "GET", "/users", NULL, &r);
    assert_status(&r, 200);
    http_reply_free(&r);
}

static void
test_malformed_json(void **state)
{
    struct http_reply r;

    set_faults("{\"malformed_rate\":1}");
    http_api(SB, "GET", "/tasks", NULL, &r);
    assert_status(&r, 200);
    assert_int_equal(r.code, CURLE_OK);
    assert_true(r.len > 0);
    assert_null(r.json);
    http_reply_free(&r);
}

static void
test_truncated_body(void **state)
{
    struct http_reply r;

    set_faults("{\"truncate_rate\":1}");
    http_api(SB, "GET", "/tasks", NULL, &r);
    assert_int_equal(r.code, CURLE_PARTIAL_FILE);
    http_reply_free(&r);
}

static void
test_disconnect(void **state)
{
    struct http_reply r;
    const char *needles[] = { "GET /v3/jobs?disconnect=1 000 ", NULL };

    set_faults("{\"disconnect_rate\":1}");
    http_api(SB, "GET", "/jobs?disconnect=1", NULL, &r);
    assert_int_equal(r.code, CURLE_GOT_NOTHING);
    http_reply_free(&r);
    assert_int_equal(wait_log_lines(SB, needles, 1), 1);
}

struct stalled_call {
    struct http_reply reply;
    char url[512];
};

static void *
run_stalled(void *arg)
{
    struct stalled_call *call = arg;

    http_call("GET", call->url, SANDBOX_TEST_KEY, NULL, NULL, 0, 1500, &call->reply);
    return NULL;
}

static void
test_stall_holds_only_its_connection(void **state)
{
    struct stalled_call call;
    struct http_reply r;
    pthread_t thread;
    double started;

    set_faults("{\"stall_rate\":1,\"stall_ms\":4000,\"fault_path\":\"/tasks\"}");
    snprintf(call.url, sizeof call.url, "%s/tasks", SB->url);
    assert_int_equal(pthread_create(&thread, NULL, run_stalled, &call), 0);

    started = seconds_now();
    http_api(SB, "GET", "/users", NULL, &r);
    assert_status(&r, 200);
    assert_true(seconds_now() - started < 1.0);
    http_reply_free(&r);

    pthread_join(thread, NULL);
    assert_int_equal(call.reply.code, CURLE_OPERATION_TIMEDOUT);
    http_reply_free(&call.reply);
}

static void
test_fault_path_limits_faults(void **state)
{
    struct http_reply r;

    set_faults("{\"error_rate\":1,\"fault_path\":\"/activities\"}");
    http_api(SB, "GET", "/tasks", NULL, &r);
    assert_status(&r, 200);
    http_reply_free(&r);
    http_api(SB, "GET", "/activities", NULL, &r);
    assert_status(&r, 500);
    http_reply_free(&r);
}

static void
test_quirks_switch_at_run_time(void **state)
{
    struct http_reply r;

    http_control(SB, "PUT", "/_sandbox/quirks", "{\"total_null\":true,\"string_id\":true,\"href_no_slash\":true}", &r);
    assert_status(&r, 200);
    assert_true(json_object_get_boolean(json_at(r.json, "total_null")));
    http_reply_free(&r);

    http_api(SB, "GET", "/tasks?per_page=2", NULL, &r);
    json_object *total = (json_object *)1;

    assert_true(json_object_object_get_ex(r.json, "total", &total));
    assert_null(total);
    assert_null(json_at(r.json, "_links.last"));
    assert_non_null(json_at(r.json, "_links.next"));
    assert_string_equal(json_str(r.json, "_embedded.tasks.0.id"), "1000001");
    assert_string_equal(json_str(r.json, "_embedded.tasks.0._links.self.href"), "tasks/1000001");
    http_reply_free(&r);

    http_control(SB, "PUT", "/_sandbox/quirks", "{\"total_null\":false,\"string_id\":false,\"href_no_slash\":false}", &r);
    http_reply_free(&r);
    http_api(SB, "GET", "/tasks?per_page=2", NULL, &r);
    assert_int_equal(json_long(r.json, "total"), 250);
    assert_int_equal(json_long(r.json, "_embedded.tasks.0.id"), 1000001);
    http_reply_free(&r);

    http_control(SB, "PUT", "/_sandbox/quirks", "{\"mixed_offsets\":true}", &r);
    http_reply_free(&r);
    http_api(SB, "GET", "/activities/123456789", NULL, &r);
    assert_string_equal(json_str(r.json, "date"), "2024-11-19T14:57:54-05:00");
    http_reply_free(&r);
    http_control(SB, "PUT", "/_sandbox/quirks", "{\"mixed_offsets\":false}", &r);
    http_reply_free(&r);

    http_control(SB, "PUT", "/_sandbox/quirks", "{\"bogus\":true}", &r);
    assert_status(&r, 400);
    http_reply_free(&r);
}

static void
test_fault_flags_at_start(void **state)
{
    const char *args[] = { "--size", "tasks=10", "--error-rate", "1", "--throttle-retry-after", "9", NULL };
    struct sandbox sb;
    struct http_reply r;

    assert_int_equal(sandbox_start(&sb, args), 0);
    http_api(&sb, "GET", "/tasks", NULL, &r);
    assert_status(&r, 500);
    http_reply_free(&r);
    http_control(&sb, "GET", "/_sandbox/faults", NULL, &r);
    assert_int_equal(json_long(r.json, "throttle_retry_after"), 9);
    http_reply_free(&r);
    sandbox_stop(&sb);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_faults_listed),
        cmocka_unit_test(test_bad_fault_values_400),
        cmocka_unit_test_teardown(test_latency_delays_replies, reset_faults),
        cmocka_unit_test_teardown(test_server_error_is_html, reset_faults),
        cmocka_unit_test_teardown(test_throttle_burst, reset_faults),
        cmocka_unit_test_teardown(test_malformed_json, reset_faults),
        cmocka_unit_test_teardown(test_truncated_body, reset_faults),
        cmocka_unit_test_teardown(test_disconnect, reset_faults),
        cmocka_unit_test_teardown(test_stall_holds_only_its_connection, reset_faults),
        cmocka_unit_test_teardown(test_fault_path_limits_faults, reset_faults),
        cmocka_unit_test(test_quirks_switch_at_run_time),
        cmocka_unit_test(test_fault_flags_at_start),
    };

    return cmocka_run_group_tests_name("sandbox faults", tests, setup, stop_group_sandbox);
}
