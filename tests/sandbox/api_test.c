/* api_test.c: the sandbox's API core over real HTTP: auth order, request
 * ids, rate-limit headers, envelopes and paging, tasks, activities and
 * users. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "common.h"

#define SB (&group_sandbox)

static int
setup(void **state)
{
    return start_group_sandbox(NULL);
}

static void
test_missing_key_gets_401(void **state)
{
    struct http_reply r;
    char url[512];

    snprintf(url, sizeof url, "%s/tasks", SB->url);
    http_call("GET", url, NULL, NULL, NULL, 0, 0, &r);
    assert_status(&r, 401);
    assert_string_equal(json_str(r.json, "message"), "Invalid credentials.");
    assert_string_equal(r.content_type, "application/json; charset=utf-8");
    assert_int_equal(strlen(r.request_id), 36);
    assert_string_equal(r.rate_limit, "");
    http_reply_free(&r);
}

static void
test_bad_key_401_before_404(void **state)
{
    struct http_reply r;
    char url[512];

    snprintf(url, sizeof url, "%s/no/such/path", SB->url);
    http_call("GET", url, "wrong-key", NULL, NULL, 0, 0, &r);
    assert_status(&r, 401);
    http_reply_free(&r);

    http_call("GET", SB->url, NULL, NULL, NULL, 0, 0, &r);
    assert_status(&r, 401);
    http_reply_free(&r);

    snprintf(url, sizeof url, "%s/tasks/999999999", SB->url);
    http_call("DELETE", url, "Token-less", NULL, NULL, 0, 0, &r);
    assert_status(&r, 401);
    http_reply_free(&r);
}

static void
test_multipart_415_before_401(void **state)
{
    struct http_reply r;
    char url[512];
    const char *body = "--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nhi\r\n--x--\r\n";

    snprintf(url, sizeof url, "%s/attachments/parse", SB->url);
    http_call("POST", url, "wrong-key", "multipart/form-data; boundary=x", body, strlen(body), 0, &r);
    assert_status(&r, 415);
    assert_string_equal(json_str(r.json, "message"), "Unsupported Content-Type.");
    http_reply_free(&r);
}

static void
test_request_ids_differ(void **state)
{
    struct http_reply a, b;

    http_api(SB, "GET", "/site", NULL, &a);
    http_api(SB, "GET", "/site", NULL, &b);
    assert_status(&a, 200);
    assert_int_equal(strlen(a.request_id), 36);
    assert_string_not_equal(a.request_id, b.request_id);
    http_reply_free(&a);
    http_reply_free(&b);
}

static void
test_rate_headers_on_api_replies(void **state)
{
    struct http_reply r;

    http_api(SB, "GET", "/tasks/999999999", NULL, &r);
    assert_status(&r, 404);
    assert_string_equal(r.rate_limit, "500");
    assert_true(strlen(r.rate_remaining) > 0);
    assert_non_null(json_str(r.json, "message"));
    http_reply_free(&r);
}

static void
test_unknown_path_404(void **state)
{
    struct http_reply r;

    http_api(SB, "GET", "/tasks/1000001/complete", NULL, &r);
    assert_status(&r, 404);
    assert_non_null(strstr(json_str(r.json, "message"), "/tasks/1000001/complete"));
    http_reply_free(&r);

    http_api(SB, "PATCH", "/tasks/1000001", "{}", &r);
    assert_status(&r, 405);
    http_reply_free(&r);
}

static void
test_list_defaults(void **state)
{
    struct http_reply r;

    http_api(SB, "GET", "/tasks", NULL, &r);
    assert_status(&r, 200);
    assert_int_equal(json_long(r.json, "count"), 25);
    assert_int_equal(json_long(r.json, "total"), 250);
    assert_int_equal(json_object_array_length(json_at(r.json, "_embedded.tasks")), 25);
    assert_string_equal(json_str(r.json, "_links.self.href"), "/tasks?page=1&per_page=25");
    assert_string_equal(json_str(r.json, "_links.first.href"), "/tasks?page=1&per_page=25");
    assert_string_equal(json_str(r.json, "_links.next.href"), "/tasks?page=2&per_page=25");
    assert_string_equal(json_str(r.json, "_links.last.href"), "/tasks?page=10&per_page=25");
    assert_null(json_at(r.json, "_links.prev"));
    http_reply_free(&r);
}

static void
test_last_page_partial(void **state)
{
    struct http_reply r;

    http_api(SB, "GET", "/tasks?per_page=100&page=3", NULL, &r);
    assert_status(&r, 200);
    assert_int_equal(json_long(r.json, "count"), 50);
    assert_string_equal(json_str(r.json, "_links.prev.href"), "/tasks?page=2&per_page=100");
    assert_string_equal(json_str(r.json, "_links.last.href"), "/tasks?page=3&per_page=100");
    assert_null(json_at(r.json, "_links.next"));
    http_reply_free(&r);
}

static void
test_page_past_end_empty(void **state)
{
    struct http_reply r;

    http_api(SB, "GET", "/tasks?per_page=100&page=9", NULL, &r);
    assert_status(&r, 200);
    assert_int_equal(json_long(r.json, "count"), 0);
    assert_int_equal(json_long(r.json, "total"), 250);
    assert_int_equal(json_object_array_length(json_at(r.json, "_embedded.tasks")), 0);
    assert_null(json_at(r.json, "_links.next"));
    http_reply_free(&r);
}

static void
test_per_page_capped_at_100(void **state)
{
    struct http_reply r;

    http_api(SB, "GET", "/tasks?per_page=500", NULL, &r);
    assert_status(&r, 200);
    assert_int_equal(json_long(r.json, "count"), 100);
    assert_string_equal(json_str(r.json, "_links.self.href"), "/tasks?page=1&per_page=100");
    http_reply_free(&r);
}

static void
test_bad_paging_400(void **state)
{
    const char *paths[] = { "/tasks?page=0", "/tasks?page=-1", "/tasks?per_page=0", "/tasks?per_page=abc",
                            "/users?page=2x" };

    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        struct http_reply r;

        http_api(SB, "GET", paths[i], NULL, &r);
        assert_status(&r, 400);
        assert_non_null(strstr(json_str(r.json, "message"), "page"));
        http_reply_free(&r);
    }
}

/* Follows a record's link and expects 200. */
static void
assert_link_resolves(json_object *record, const char *rel)
{
    const char *href = json_str(record, rel);
    struct http_reply r;

    assert_non_null(href);
    http_api(SB, "GET", href, NULL, &r);
    assert_status(&r, 200);
    http_reply_free(&r);
}

static void
test_task_references_resolve(void **state)
{
    struct http_reply r;

    http_api(SB, "GET", "/tasks?per_page=40", NULL, &r);
    assert_status(&r, 200);
    json_object *tasks = json_at(r.json, "_embedded.tasks");
    int items = 0;

    for (size_t i = 0; i < json_object_array_length(tasks); i++) {
        json_object *task = json_object_array_get_idx(tasks, i);

        assert_link_resolves(task, "_links.self.href");
        assert_link_resolves(task, "_links.assigned_to.href");
        if (json_at(task, "_links.data_item")) {
            assert_link_resolves(task, "_links.data_item.href");
            items++;
        }
    }
    assert_true(items > 10);
    http_reply_free(&r);
}

static void
test_task_create_and_get(void **state)
{
    struct http_reply r;
    char path[64];

    http_api(SB, "POST", "/tasks",
             "{\"description\":\"Call Zoë about the offer\",\"priority\":2,\"assigned_to_id\":657,"
             "\"date_due\":\"2024-03-30T00:48:55.061Z\",\"data_item\":{\"id\":101,\"type\":\"candidate\"}}", &r);
    assert_status(&r, 201);
    assert_int_equal(r.len, 0);
    assert_non_null(strstr(r.location, "/v3/tasks/"));
    long id = location_id(&r);
    http_reply_free(&r);

    snprintf(path, sizeof path, "/tasks/%ld", id);
    http_api(SB, "GET", path, NULL, &r);
    assert_status(&r, 200);
    assert_int_equal(json_long(r.json, "id"), id);
    assert_string_equal(json_str(r.json, "description"), "Call Zoë about the offer");
    assert_int_equal(json_long(r.json, "priority"), 2);
    assert_int_equal(json_long(r.json, "assigned_to_id"), 657);
    assert_string_equal(json_str(r.json, "date_due"), "2024-03-30T00:48:55+00:00");
    assert_string_equal(json_str(r.json, "data_item.type"), "candidate");
    assert_false(json_object_get_boolean(json_at(r.json, "is_completed")));
    http_reply_free(&r);
}

/* Posts body to path with method and expects 400 naming `field`. */
static void
assert_rejected(const char *method, const char *path, const char *body, const char *field)
{
    struct http_reply r;

    http_api(SB, method, path, body, &r);
    assert_status(&r, 400);
    assert_non_null(json_str(r.json, "message"));
    if (strstr(json_str(r.json, "message"), field) == NULL)
        fail_msg("message '%s' does not name %s", json_str(r.json, "message"), field);
    http_reply_free(&r);
}

static void
test_task_create_validation(void **state)
{
    assert_rejected("POST", "/tasks", "{\"description\":\"x\",\"assigned_to_id\":657}", "priority must not be optional");
    assert_rejected("POST", "/tasks", "{\"description\":\"x\",\"priority\":3}", "assigned_to_id must be positive");
    assert_rejected("POST", "/tasks", "{\"description\":\"x\",\"priority\":6,\"assigned_to_id\":657}", "priority");
    assert_rejected("POST", "/tasks", "{\"description\":\"x\",\"priority\":0,\"assigned_to_id\":657}", "priority");
    assert_rejected("POST", "/tasks", "{\"description\":\"x\",\"priority\":3,\"assigned_to_id\":999999}", "assigned_to_id 999999 is not a user");
    assert_rejected("POST", "/tasks", "{\"description\":\"x\",\"priority\":3,\"assigned_to_id\":657,\"data_item\":{\"id\":1,\"type\":\"pipeline\"}}", "data_item.type");
    assert_rejected("POST", "/tasks", "{\"description\":\"x\",\"priority\":3,\"assigned_to_id\":657,\"data_item\":{\"id\":42,\"type\":\"job\"}}", "data_item");
    assert_rejected("POST", "/tasks", "{\"description\":\"x\",\"priority\":3,\"assigned_to_id\":657,\"date_due\":\"tomorrow\"}", "date_due");
    assert_rejected("POST", "/tasks", "{\"description\":\"x\",\"priority\":3,\"assigned_to_id\":657,\"date_due\":\"2024-02-30T10:00:00Z\"}", "date_due");
    assert_rejected("POST", "/tasks", "{\"priority\":3,\"assigned_to_id\":657}", "description");
    assert_rejected("POST", "/tasks", "{\"description\":", "JSON");
    assert_rejected("POST", "/tasks", "[1,2]", "JSON");
}

static void
test_task_create_reports_every_error(void **state)
{
    struct http_reply r;

    http_api(SB, "POST", "/tasks", "{\"description\":\"x\"}", &r);
    assert_status(&r, 400);
    assert_int_equal(json_object_array_length(json_at(r.json, "errors")), 2);
    assert_non_null(strstr(json_str(r.json, "message"), "priority"));
    assert_non_null(strstr(json_str(r.json, "message"), "assigned_to_id"));
    http_reply_free(&r);
}

static void
test_task_update(void **state)
{
    struct http_reply r;

    http_api(SB, "PUT", "/tasks/1000002", "{\"priority\":5,\"is_completed\":true,\"description\":\"Done\"}", &r);
    assert_status(&r, 204);
    assert_int_equal(r.len, 0);
    http_reply_free(&r);

    http_api(SB, "GET", "/tasks/1000002", NULL, &r);
    assert_int_equal(json_long(r.json, "priority"), 5);
    assert_true(json_object_get_boolean(json_at(r.json, "is_completed")));
    assert_non_null(json_str(r.json, "date_completed"));
    assert_string_equal(json_str(r.json, "description"), "Done");
    http_reply_free(&r);

    http_api(SB, "PUT", "/tasks/1000002", "{\"is_completed\":false,\"date_due\":null}", &r);
    assert_status(&r, 204);
    http_reply_free(&r);
    http_api(SB, "GET", "/tasks/1000002", NULL, &r);
    assert_null(json_at(r.json, "date_completed"));
    assert_null(json_at(r.json, "date_due"));
    http_reply_free(&r);
}

static void
test_task_update_errors(void **state)
{
    struct http_reply r;

    http_api(SB, "PUT", "/tasks/1000003", NULL, &r);
    assert_status(&r, 400);
    assert_non_null(strstr(json_str(r.json, "message"), "{}"));
    http_reply_free(&r);

    http_api(SB, "PUT", "/tasks/999", "{}", &r);
    assert_status(&r, 404);
    assert_string_equal(json_str(r.json, "message"), "No task has id 999.");
    http_reply_free(&r);

    assert_rejected("PUT", "/tasks/1000003", "{\"is_completed\":\"yes\"}", "is_completed must be of type boolean");
    assert_rejected("PUT", "/tasks/1000003", "{\"assigned_to_id\":-4}", "assigned_to_id must be positive");

    http_api(SB, "PUT", "/tasks/1000003", "{}", &r);
    assert_status(&r, 204);
    http_reply_free(&r);
}

static void
test_task_delete(void **state)
{
    struct http_reply r;

    http_api(SB, "DELETE", "/tasks/1000004", NULL, &r);
    assert_status(&r, 204);
    http_reply_free(&r);
    http_api(SB, "GET", "/tasks/1000004", NULL, &r);
    assert_status(&r, 404);
    http_reply_free(&r);
    http_api(SB, "DELETE", "/tasks/1000004", NULL, &r);
    assert_status(&r, 404);
    http_reply_free(&r);
}

static void
test_activity_example_record(void **state)
{
    struct http_reply r;

    http_api(SB, "GET", "/activities/123456789", NULL, &r);
    assert_status(&r, 200);
    assert_string_equal(json_str(r.json, "type"), "other");
    assert_string_equal(json_str(r.json, "date"), "2024-11-19T19:57:54+00:00");
    assert_string_equal(json_str(r.json, "date_created"), "2024-11-19T19:57:54+00:00");
    assert_null(json_at(r.json, "notes"));
    assert_string_equal(json_str(r.json, "annotation"), "Added candidate to pipeline: No Contact");
    assert_int_equal(json_long(r.json, "data_item.id"), 123456789);
    assert_string_equal(json_str(r.json, "_links.regarding.href"), "/jobs/123456789");
    assert_link_resolves(r.json, "_links.regarding.href");
    assert_link_resolves(r.json, "_links.data_item.href");
    assert_link_resolves(r.json, "_links.entered_by.href");
    http_reply_free(&r);
}

static void
test_activity_regarding_resolves(void **state)
{
    struct http_reply r;
    int regarding = 0;

    http_api(SB, "GET", "/activities?per_page=30", NULL, &r);
    json_object *rows = json_at(r.json, "_embedded.activities");

    for (size_t i = 0; i < json_object_array_length(rows); i++) {
        json_object *row = json_object_array_get_idx(rows, i);

        if (json_at(row, "_links.regarding")) {
            assert_link_resolves(row, "_links.regarding.href");
            regarding++;
        }
    }
    assert_true(regarding > 5);
    http_reply_free(&r);
}

static void
test_activity_update(void **state)
{
    struct http_reply r;

    http_api(SB, "PUT", "/activities/2000001",
             "{\"type\":\"call_lvm\",\"notes\":\"Left a message\\nsecond line\",\"regarding_id\":123456789,"
             "\"date\":\"2025-01-02T03:04:05+00:00\"}", &r);
    assert_status(&r, 204);
    http_reply_free(&r);

    http_api(SB, "GET", "/activities/2000001", NULL, &r);
    assert_string_equal(json_str(r.json, "type"), "call_lvm");
    assert_string_equal(json_str(r.json, "notes"), "Left a message\nsecond line");
    assert_int_equal(json_long(r.json, "regarding_id"), 123456789);
    assert_string_equal(json_str(r.json, "date"), "2025-01-02T03:04:05+00:00");
    http_reply_free(&r);

    assert_rejected("PUT", "/activities/2000001", "{\"type\":\"note\"}", "type must be one of");
    assert_rejected("PUT", "/activities/2000001", "{\"notes\":\"no type\"}", "type");
    assert_rejected("PUT", "/activities/2000001", "{\"type\":\"email\",\"regarding_id\":101}", "regarding_id 101 is not a job order");
    assert_rejected("PUT", "/activities/2000001", "{\"type\":\"email\",\"date\":\"2025-13-01T00:00:00Z\"}", "date");

    http_api(SB, "PUT", "/activities/77", "{\"type\":\"email\"}", &r);
    assert_status(&r, 404);
    http_reply_free(&r);
}

static void
test_activity_delete(void **state)
{
    struct http_reply r;

    http_api(SB, "DELETE", "/activities/2000002", NULL, &r);
    assert_status(&r, 204);
    http_reply_free(&r);
    http_api(SB, "GET", "/activities/2000002", NULL, &r);
    assert_status(&r, 404);
    http_reply_free(&r);
}

static void
test_activity_search(void **state)
{
    struct http_reply r;

    http_api(SB, "GET", "/activities/search?query=Left%20a%20message&per_page=10", NULL, &r);
    assert_status(&r, 200);
    assert_true(json_long(r.json, "count") >= 1);
    assert_string_equal(json_str(r.json, "_links.self.href"),
                        "/activities/search?query=Left%20a%20message&page=1&per_page=10");
    json_object *rows = json_at(r.json, "_embedded.activities");
    for (size_t i = 0; i < json_object_array_length(rows); i++) {
        const char *notes = json_str(json_object_array_get_idx(rows, i), "notes");
        const char *annotation = json_str(json_object_array_get_idx(rows, i), "annotation");

        assert_true((notes && strcasestr(notes, "left a message")) || (annotation && strcasestr(annotation, "left a message")));
    }
    http_reply_free(&r);

    http_api(SB, "GET", "/activities/search?query=zzzz-no-such-text", NULL, &r);
    assert_int_equal(json_long(r.json, "count"), 0);
    assert_int_equal(json_long(r.json, "total"), 0);
    http_reply_free(&r);
}

static void
test_activity_filter(void **state)
{
    struct http_reply r;

    http_api(SB, "POST", "/activities/search?per_page=100",
             "{\"and\":[{\"field\":\"type\",\"filter\":\"exactly\",\"value\":\"email\"},"
             "{\"not\":{\"field\":\"regarding_id\",\"filter\":\"is_empty\",\"value\":true}}]}", &r);
    assert_status(&r, 200);
    json_object *rows = json_at(r.json, "_embedded.activities");
    assert_true(json_object_array_length(rows) > 0);
    for (size_t i = 0; i < json_object_array_length(rows); i++) {
        json_object *row = json_object_array_get_idx(rows, i);

        assert_string_equal(json_str(row, "type"), "email");
        assert_true(json_long(row, "regarding_id") > 0);
    }
    http_reply_free(&r);

    http_api(SB, "POST", "/activities/search",
             "{\"or\":[{\"field\":\"id\",\"filter\":\"exactly\",\"value\":2000005},"
             "{\"field\":\"id\",\"filter\":\"between\",\"value\":{\"gte\":2000010,\"lte\":2000012}}]}", &r);
    assert_int_equal(json_long(r.json, "total"), 4);
    http_reply_free(&r);

    assert_rejected("POST", "/activities/search", "{\"field\":\"salary\",\"filter\":\"exactly\",\"value\":1}", "salary");
    assert_rejected("POST", "/activities/search", "{\"field\":\"id\",\"filter\":\"contains\",\"value\":\"1\"}", "contains");
    assert_rejected("POST", "/activities/search", "{\"field\":\"date\",\"filter\":\"greater_than\",\"value\":\"yesterday\"}", "date");
    assert_rejected("POST", "/activities/search", "{\"and\":[]}", "and");
}

static void
test_users(void **state)
{
    struct http_reply r;

    http_api(SB, "GET", "/users?per_page=100", NULL, &r);
    assert_status(&r, 200);
    assert_int_equal(json_long(r.json, "total"), 15);
    http_reply_free(&r);

    http_api(SB, "GET", "/users/657", NULL, &r);
    assert_string_equal(json_str(r.json, "username"), "jdoe");
    assert_string_equal(json_str(r.json, "access_level"), "read_only");
    assert_string_equal(json_str(r.json, "_links.self.href"), "/users/657");
    http_reply_free(&r);

    http_api(SB, "GET", "/users/5", NULL, &r);
    assert_status(&r, 404);
    http_reply_free(&r);
}

static void
test_hostile_strings_seeded(void **state)
{
    struct http_reply r;

    http_api(SB, "GET", "/tasks?per_page=100", NULL, &r);
    assert_non_null(strstr(r.body, "\\u001b["));
    http_reply_free(&r);
    http_api(SB, "GET", "/activities?per_page=100", NULL, &r);
    assert_non_null(strstr(r.body, "\\u001b"));
    assert_non_null(strstr(r.body, "\\n"));
    http_reply_free(&r);
}

struct worker {
    int index;
    int failures;
};

/* Reads pages while other workers write, to show that concurrent clients
 * each get whole, valid responses. */
static void *
run_worker(void *arg)
{
    struct worker *worker = arg;
    char path[128], body[256];

    for (int i = 0; i < 40; i++) {
        struct http_reply r;

        if (worker->index == 0) {
            snprintf(body, sizeof body, "{\"description\":\"load %d\",\"priority\":3,\"assigned_to_id\":657}", i);
            http_api(SB, "POST", "/tasks", body, &r);
            worker->failures += r.status != 201;
            http_reply_free(&r);
            snprintf(path, sizeof path, "/tasks/%d", 1000100 + i);
            http_api(SB, "DELETE", path, NULL, &r);
        } else if (worker->index == 1) {
            snprintf(path, sizeof path, "/activities/%d", 2000100 + i);
            http_api(SB, "PUT", path, "{\"type\":\"call_talked\",\"notes\":\"concurrent\"}", &r);
        } else {
            snprintf(path, sizeof path, "/tasks?per_page=100&page=%d", 1 + i % 3);
            http_api(SB, "GET", path, NULL, &r);
            worker->failures += r.status != 200 || r.json == NULL;
        }
        worker->failures += r.status == 0 || r.status >= 500;
        http_reply_free(&r);
    }
    return NULL;
}

static void
test_concurrent_reads_and_writes(void **state)
{
    struct worker workers[5];
    pthread_t threads[5];

    for (int i = 0; i < 5; i++) {
        workers[i] = (struct worker){ .index = i };
        assert_int_equal(pthread_create(&threads[i], NULL, run_worker, &workers[i]), 0);
    }
    for (int i = 0; i < 5; i++) {
        pthread_join(threads[i], NULL);
        assert_int_equal(workers[i].failures, 0);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_missing_key_gets_401),
        cmocka_unit_test(test_bad_key_401_before_404),
        cmocka_unit_test(test_multipart_415_before_401),
        cmocka_unit_test(test_request_ids_differ),
        cmocka_unit_test(test_rate_headers_on_api_replies),
        cmocka_unit_test(test_unknown_path_404),
        cmocka_unit_test(test_list_defaults),
        cmocka_unit_test(test_last_page_partial),
        cmocka_unit_test(test_page_past_end_empty),
        cmocka_unit_test(test_per_page_capped_at_100),
        cmocka_unit_test(test_bad_paging_400),
        cmocka_unit_test(test_task_references_resolve),
        cmocka_unit_test(test_task_create_and_get),
        cmocka_unit_test(test_task_create_validation),
        cmocka_unit_test(test_task_create_reports_every_error),
        cmocka_unit_test(test_task_update),
        cmocka_unit_test(test_task_update_errors),
        cmocka_unit_test(test_task_delete),
        cmocka_unit_test(test_activity_example_record),
        cmocka_unit_test(test_activity_regarding_resolves),
        cmocka_unit_test(test_activity_update),
        cmocka_unit_test(test_activity_delete),
        cmocka_unit_test(test_activity_search),
        cmocka_unit_test(test_activity_filter),
        cmocka_unit_test(test_users),
        cmocka_unit_test(test_hostile_strings_seeded),
        cmocka_unit_test(test_concurrent_reads_and_writes),
    };

    return cmocka_run_group_tests_name("sandbox api", tests, setup, stop_group_sandbox);
}
