/* records_test.c: the sandbox's other resources over real HTTP: portals and
 * applications, the backup lifecycle, the event feed, work history,
 * attachments and resume parsing, the read-only collections, and bad
 * input on every write route. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

#define SB (&group_sandbox)

static int
setup(void **state)
{
    const char *extra[] = { "--backup-seconds", "1", NULL };

    return start_group_sandbox(extra);
}

static void
expect_status(const char *method, const char *path, const char *body, long status)
{
    struct http_reply r;

    http_api(SB, method, path, body, &r);
    if (r.status != status)
        fail_msg("%s %s answered %ld, expected %ld: %s", method, path, r.status, status, r.body ? r.body : "");
    http_reply_free(&r);
}

static void
expect_400_naming(const char *method, const char *path, const char *body, const char *text)
{
    struct http_reply r;

    http_api(SB, method, path, body, &r);
    assert_status(&r, 400);
    if (strstr(json_str(r.json, "message"), text) == NULL)
        fail_msg("'%s' does not mention %s", json_str(r.json, "message"), text);
    http_reply_free(&r);
}

static void
test_read_only_collections(void **state)
{
    const char *lists[][2] = { { "/tags", "tags" }, { "/triggers", "triggers" }, { "/portals", "portals" },
                               { "/backups", "backups" }, { "/webhooks", "webhooks" }, { "/candidates", "candidates" },
                               { "/jobs", "jobs" }, { "/contacts", "contacts" }, { "/companies", "companies" } };

    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        struct http_reply r;
        char key[64], path[128];

        http_api(SB, "GET", lists[i][0], NULL, &r);
        assert_status(&r, 200);
        snprintf(key, sizeof key, "_embedded.%s.0._links.self.href", lists[i][1]);
        snprintf(path, sizeof path, "%s", json_str(r.json, key));
        http_reply_free(&r);
        expect_status("GET", path, NULL, 200);
    }
    expect_status("GET", "/tags/1", NULL, 404);
    expect_status("GET", "/triggers/1", NULL, 404);
}

static void
test_tags_nest(void **state)
{
    struct http_reply r;
    int children = 0;

    http_api(SB, "GET", "/tags?per_page=100", NULL, &r);
    json_object *tags = json_at(r.json, "_embedded.tags");
    for (size_t i = 0; i < json_object_array_length(tags); i++) {
        json_object *tag = json_object_array_get_idx(tags, i);

        if (json_long(tag, "parent_id") > 0) {
            expect_status("GET", json_str(tag, "_links.parent.href"), NULL, 200);
            children++;
        }
    }
    assert_true(children > 5);
    http_reply_free(&r);
}

static void
test_site(void **state)
{
    struct http_reply r;

    http_api(SB, "GET", "/site", NULL, &r);
    assert_status(&r, 200);
    assert_string_equal(json_str(r.json, "mode"), "recruiter");
    assert_non_null(json_str(r.json, "subdomain"));
    http_reply_free(&r);
}

static void
test_example_candidate(void **state)
{
    struct http_reply r;

    http_api(SB, "GET", "/candidates/123456789", NULL, &r);
    assert_status(&r, 200);
    assert_string_equal(json_str(r.json, "first_name"), "Candidate Name");
    assert_string_equal(json_str(r.json, "emails.primary"), "candidate@email.com");
    assert_string_equal(json_str(r.json, "date_available"), "2024-12-12");
    assert_string_equal(json_str(r.json, "_links.owner.href"), "/users/123456");
    assert_string_equal(json_str(r.json, "_links.work_history.href"), "/candidates/123456789/work_history");
    expect_status("GET", "/users/123456", NULL, 200);
    http_reply_free(&r);
}

static void
test_portal_jobs_and_publishing(void **state)
{
    struct http_reply r;
    long total;

    http_api(SB, "DELETE", "/portals/11/jobs/123456789", NULL, &r);
    http_reply_free(&r);
    http_api(SB, "GET", "/portals/11/jobs?per_page=100", NULL, &r);
    assert_status(&r, 200);
    total = json_long(r.json, "total");
    assert_true(total > 0);
    assert_non_null(strstr(json_str(r.json, "_embedded.jobs.0._links.job_url.href"), "https://"));
    http_reply_free(&r);

    expect_status("PUT", "/portals/11/jobs/123456789", "{}", 204);
    http_api(SB, "GET", "/portals/11/jobs?per_page=100", NULL, &r);
    assert_int_equal(json_long(r.json, "total"), total + 1);
    http_reply_free(&r);
    expect_status("PUT", "/portals/11/jobs/123456789", "{}", 204);
    expect_status("PUT", "/portals/11/jobs/123456789", NULL, 400);
    expect_status("PUT", "/portals/11/jobs/42", "{}", 404);
    expect_status("PUT", "/portals/99/jobs/123456789", "{}", 404);

    expect_status("DELETE", "/portals/11/jobs/123456789", NULL, 204);
    expect_status("DELETE", "/portals/11/jobs/123456789", NULL, 404);
    expect_status("GET", "/portals/99/jobs", NULL, 404);
}

static const char example_application[] =
    "{\"source\":\"Company website\",\"fields\":["
    "{\"id\":523423,\"value\":\"SGVsbG8gV29ybGQ=\",\"filename\":\"helloworld.txt\"},"
    "{\"id\":523591,\"value\":\"James\"},"
    "{\"id\":524022,\"value\":\"line 1\\r\\nline 2\"},"
    "{\"id\":524156,\"value\":true},"
    "{\"id\":524300,\"value\":{\"3251\":true,\"3991\":true}},"
    "{\"id\":524301,\"value\":{\"4126\":true}}]}";

static void
test_job_application(void **state)
{
    struct http_reply r;
    char path[64];

    http_api(SB, "POST", "/portals/11/jobs/500001", example_application, &r);
    assert_status(&r, 201);
    assert_non_null(strstr(r.location, "/v3/candidates/"));
    snprintf(path, sizeof path, "/candidates/%ld", location_id(&r));
    http_reply_free(&r);

    http_api(SB, "GET", path, NULL, &r);
    assert_string_equal(json_str(r.json, "first_name"), "James");
    assert_string_equal(json_str(r.json, "source"), "Company website");
    http_reply_free(&r);

    expect_400_naming("POST", "/portals/11/jobs/500001", "{\"fields\":[{\"id\":524156,\"value\":\"yes\"}]}", "checkbox");
    expect_400_naming("POST", "/portals/11/jobs/500001", "{\"fields\":[{\"id\":523591,\"value\":\"A\"},{\"id\":524301,\"value\":{\"4126\":true,\"4127\":true}}]}", "exactly one");
    expect_400_naming("POST", "/portals/11/jobs/500001", "{\"fields\":[{\"id\":523591,\"value\":\"A\"},{\"id\":1,\"value\":\"x\"}]}", "no form field");
    expect_400_naming("POST", "/portals/11/jobs/500001", "{\"fields\":[{\"id\":523423,\"value\":\"###\",\"filename\":\"a\"}]}", "base64");
    expect_400_naming("POST", "/portals/11/jobs/500001", "{\"fields\":[]}", "required");
    expect_400_naming("POST", "/portals/11/jobs/500001", "{}", "fields");
    expect_status("POST", "/portals/11/jobs/42", example_application, 404);
}

static void
test_registration(void **state)
{
    struct http_reply r;
    const char *body = "{\"fields\":[{\"id\":523591,\"value\":\"Ольга\"},{\"id\":523593,\"value\":\"olga@mail.example.net\"}]}";
    long first;

    http_api(SB, "GET", "/portals/12/registration", NULL, &r);
    assert_status(&r, 200);
    assert_int_equal(json_long(r.json, "_embedded.fields.1.id"), 523591);
    assert_string_equal(json_str(r.json, "_embedded.fields.1.type"), "text");
    http_reply_free(&r);

    http_api(SB, "POST", "/portals/12/registration", body, &r);
    assert_status(&r, 201);
    first = location_id(&r);
    http_reply_free(&r);
    http_api(SB, "POST", "/portals/12/registration", body, &r);
    assert_status(&r, 201);
    assert_int_equal(location_id(&r), first);
    http_reply_free(&r);
}

static void
test_seeded_backups_in_each_state(void **state)
{
    const char *states[] = { "queued", "running", "completed", "expired", "failed" };
    struct http_reply r;

    http_api(SB, "GET", "/backups?per_page=100", NULL, &r);
    for (size_t s = 0; s < sizeof states / sizeof states[0]; s++) {
        json_object *rows = json_at(r.json, "_embedded.backups");
        bool found = false;

        for (size_t i = 0; i < json_object_array_length(rows); i++)
            found |= strcmp(json_str(json_object_array_get_idx(rows, i), "status"), states[s]) == 0;
        if (!found)
            fail_msg("no seeded backup is %s", states[s]);
    }
    http_reply_free(&r);
}

static void
test_backup_lifecycle(void **state)
{
    struct http_reply r;
    char path[64], url[512];
    long size;

    http_api(SB, "POST", "/backups", "{\"include_attachments\":false,\"include_emails\":false}", &r);
    assert_status(&r, 201);
    snprintf(path, sizeof path, "/backups/%ld", location_id(&r));
    http_reply_free(&r);

    http_api(SB, "GET", path, NULL, &r);
    assert_string_equal(json_str(r.json, "status"), "queued");
    assert_null(json_at(r.json, "url"));
    http_reply_free(&r);

    sleep(1);
    http_api(SB, "GET", path, NULL, &r);
    assert_string_equal(json_str(r.json, "status"), "running");
    http_reply_free(&r);

    sleep(1);
    http_api(SB, "GET", path, NULL, &r);
    assert_string_equal(json_str(r.json, "status"), "completed");
    size = json_long(r.json, "file_size");
    assert_true(size > 0);
    snprintf(url, sizeof url, "%s", json_str(r.json, "url"));
    http_reply_free(&r);

    http_call("GET", url, NULL, NULL, NULL, 0, 30000, &r);
    assert_status(&r, 200);
    assert_int_equal((long)r.len, size);
    http_reply_free(&r);

    expect_400_naming("POST", "/backups", "{\"include_emails\":\"no\"}", "include_emails");
    expect_status("POST", "/backups", NULL, 201);
}

static void
test_event_feed(void **state)
{
    struct http_reply r;
    char path[96];
    long last;

    http_api(SB, "GET", "/events?starting_after_timestamp=0", NULL, &r);
    assert_status(&r, 200);
    assert_int_equal(json_long(r.json, "count"), 25);
    last = json_long(r.json, "last_id");
    assert_int_equal(last, 25);
    snprintf(path, sizeof path, "/events?starting_after_id=%ld", last);
    assert_string_equal(json_str(r.json, "_links.next.href"), path);
    http_reply_free(&r);

    http_api(SB, "POST", "/tasks", "{\"description\":\"feed\",\"priority\":1,\"assigned_to_id\":657}", &r);
    long task = location_id(&r);
    http_reply_free(&r);

    snprintf(path, sizeof path, "/events?starting_after_timestamp=%ld", (long)time(NULL) - 5);
    http_api(SB, "GET", path, NULL, &r);
    json_object *events = json_at(r.json, "_embedded.events");
    json_object *newest = json_object_array_get_idx(events, json_object_array_length(events) - 1);
    assert_string_equal(json_str(newest, "event"), "task.created");
    assert_int_equal(json_long(newest, "data_item.id"), task);
    http_reply_free(&r);

    expect_status("GET", "/events", NULL, 400);
    expect_status("GET", "/events?starting_after_timestamp=yesterday", NULL, 400);
}

static void
test_work_history(void **state)
{
    struct http_reply r;

    http_api(SB, "GET", "/candidates/101/work_history", NULL, &r);
    assert_status(&r, 200);
    assert_int_equal(json_long(r.json, "_embedded.work_history.0.id"), 2237);
    http_reply_free(&r);

    expect_status("PUT", "/work_history/2237",
                  "{\"title\":\"Staff Engineer\",\"employer\":{\"linked\":true,\"company_id\":400001},"
                  "\"supervisor\":{\"linked\":false,\"name\":\"Ana\",\"phone\":null},\"is_current\":true,"
                  "\"end_date\":\"2024-01-01\",\"start_date\":\"2021-02-03\"}", 204);
    http_api(SB, "GET", "/work_history/2237", NULL, &r);
    assert_string_equal(json_str(r.json, "title"), "Staff Engineer");
    assert_int_equal(json_long(r.json, "employer.company_id"), 400001);
    assert_null(json_at(r.json, "end_date"));
    assert_null(json_at(r.json, "reason_for_leaving"));
    assert_string_equal(json_str(r.json, "start_date"), "2021-02-03");
    assert_string_equal(json_str(r.json, "_links.employer.href"), "/companies/400001");
    http_reply_free(&r);

    expect_400_naming("PUT", "/work_history/2237", "{\"title\":\"x\",\"company\":\"Acme\"}", "employer.name must not be empty");
    expect_400_naming("PUT", "/work_history/2237", "{\"title\":\"x\",\"company\":\"Acme\"}", "employer.linked must be of type boolean");
    expect_400_naming("PUT", "/work_history/2237", "{\"title\":\"x\",\"employer\":{\"linked\":true,\"company_id\":3}}", "employer.company_id");
    expect_400_naming("PUT", "/work_history/2237", "{\"title\":\"x\",\"employer\":{\"linked\":false,\"name\":\"A\"},\"supervisor\":{\"linked\":true,\"contact_id\":5}}", "supervisor.contact_id");
    expect_400_naming("PUT", "/work_history/2237", "{\"title\":\"x\",\"employer\":{\"linked\":false,\"name\":\"A\"},\"start_date\":\"2021-13-01\"}", "start_date");
    expect_400_naming("PUT", "/work_history/2237", "{\"employer\":{\"linked\":false,\"name\":\"A\"}}", "title");

    expect_status("DELETE", "/work_history/2237", NULL, 204);
    expect_status("GET", "/work_history/2237", NULL, 404);
    expect_status("PUT", "/work_history/2237", "{}", 404);
    expect_status("GET", "/candidates/5/work_history", NULL, 404);
}

static void
test_attachments(void **state)
{
    struct http_reply r;
    long size;

    http_api(SB, "GET", "/attachments/600001", NULL, &r);
    assert_status(&r, 200);
    size = json_long(r.json, "size");
    http_reply_free(&r);

    http_api(SB, "GET", "/attachments/600001/download", NULL, &r);
    assert_status(&r, 200);
    assert_int_equal((long)r.len, size);
    assert_non_null(strstr(r.disposition, "attachment; filename="));
    assert_non_null(strstr(r.content_type, "text/"));
    http_reply_free(&r);

    expect_status("DELETE", "/attachments/600001", NULL, 204);
    expect_status("GET", "/attachments/600001", NULL, 404);
    expect_status("GET", "/attachments/600001/download", NULL, 404);
}

static void
test_resume_parse(void **state)
{
    struct http_reply r;
    char url[512];
    const char *resume = "Jane Q. Public\nSenior Nurse\n\nEmail: jane@example.net\nPhone: +1 (617) 555-0100\n"
                         "Skills: ICU, BLS, triage\n";

    snprintf(url, sizeof url, "%s/attachments/parse", SB->url);
    http_call("POST", url, SB->key, "application/octet-stream", resume, strlen(resume), 0, &r);
    assert_status(&r, 200);
    assert_string_equal(json_str(r.json, "first_name"), "Jane Q.");
    assert_string_equal(json_str(r.json, "last_name"), "Public");
    assert_string_equal(json_str(r.json, "title"), "Senior Nurse");
    assert_string_equal(json_str(r.json, "emails.primary"), "jane@example.net");
    assert_string_equal(json_str(r.json, "phones.cell"), "+1 (617) 555-0100");
    assert_string_equal(json_str(r.json, "key_skills"), "ICU, BLS, triage");
    assert_null(json_at(r.json, "id"));
    http_reply_free(&r);

    http_call("POST", url, SB->key, "application/octet-stream", "", 0, 0, &r);
    assert_status(&r, 400);
    http_reply_free(&r);
    http_call("POST", url, SB->key, "application/octet-stream", "%PDF\x00\xff\xfe", 7, 0, &r);
    assert_status(&r, 400);
    assert_non_null(strstr(json_str(r.json, "message"), "UTF-8"));
    http_reply_free(&r);
}

static void
test_record_sub_lists(void **state)
{
    struct http_reply r;
    char path[96];
    long candidate;

    expect_status("POST", "/tasks", "{\"description\":\"sub-list\",\"priority\":4,\"assigned_to_id\":657,"
                  "\"data_item\":{\"id\":101,\"type\":\"candidate\"}}", 201);
    http_api(SB, "GET", "/candidates/101/tasks?per_page=100", NULL, &r);
    assert_status(&r, 200);
    json_object *rows = json_at(r.json, "_embedded.tasks");
    assert_true(json_object_array_length(rows) >= 1);
    for (size_t i = 0; i < json_object_array_length(rows); i++) {
        assert_int_equal(json_long(json_object_array_get_idx(rows, i), "data_item.id"), 101);
        assert_string_equal(json_str(json_object_array_get_idx(rows, i), "data_item.type"), "candidate");
    }
    assert_string_equal(json_str(r.json, "_links.self.href"), "/candidates/101/tasks?page=1&per_page=100");
    http_reply_free(&r);

    http_api(SB, "GET", "/attachments/600002", NULL, &r);
    candidate = json_long(r.json, "data_item.id");
    http_reply_free(&r);
    snprintf(path, sizeof path, "/candidates/%ld/attachments", candidate);
    http_api(SB, "GET", path, NULL, &r);
    assert_status(&r, 200);
    assert_true(strstr(r.body, "\"id\":600002") != NULL);
    http_reply_free(&r);

    http_api(SB, "GET", "/candidates/123456789/activities", NULL, &r);
    assert_status(&r, 200);
    assert_int_equal(json_long(r.json, "_embedded.activities.0.data_item.id"), 123456789);
    http_reply_free(&r);

    expect_status("GET", "/jobs/123456789/tasks", NULL, 200);
    expect_status("GET", "/contacts/300001/tasks", NULL, 200);
    expect_status("GET", "/companies/400001/activities", NULL, 200);
    expect_status("GET", "/candidates/5/tasks", NULL, 404);
}

/* Every write route rejects bad bodies with an HTTP error and keeps serving. */
static void
test_bad_bodies_never_crash(void **state)
{
    const char *routes[][2] = {
        { "POST", "/tasks" }, { "PUT", "/tasks/1000010" }, { "PUT", "/activities/2000010" },
        { "POST", "/activities/search" }, { "PUT", "/work_history/3001" }, { "PUT", "/portals/11/jobs/500002" },
        { "POST", "/portals/11/jobs/500002" }, { "POST", "/portals/11/registration" }, { "POST", "/backups" },
        { "POST", "/webhooks" },
    };
    const char *bodies[] = { "null", "[]", "\"text\"", "{\"a\":", "{}", "{\"priority\":\"3\",\"type\":7,"
                             "\"fields\":{},\"employer\":[],\"events\":\"x\",\"and\":{}}", "\xff\xfe{}",
                             "{\"data_item\":{\"id\":\"1\",\"type\":null},\"title\":null,\"employer\":{\"linked\":\"no\"}}",
                             "{\"fields\":[null,1,{\"id\":\"x\"}],\"not\":[],\"or\":[{}]}" };

    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        for (size_t j = 0; j < sizeof bodies / sizeof bodies[0]; j++) {
            struct http_reply r;

            http_api(SB, routes[i][0], routes[i][1], bodies[j], &r);
            if (r.status < 200 || r.status >= 500)
                fail_msg("%s %s with %s answered %ld", routes[i][0], routes[i][1], bodies[j], r.status);
            http_reply_free(&r);
        }
    }
    expect_status("GET", "/site", NULL, 200);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_only_collections),
        cmocka_unit_test(test_tags_nest),
        cmocka_unit_test(test_site),
        cmocka_unit_test(test_example_candidate),
        cmocka_unit_test(test_portal_jobs_and_publishing),
        cmocka_unit_test(test_job_application),
        cmocka_unit_test(test_registration),
        cmocka_unit_test(test_seeded_backups_in_each_state),
        cmocka_unit_test(test_backup_lifecycle),
        cmocka_unit_test(test_event_feed),
        cmocka_unit_test(test_work_history),
        cmocka_unit_test(test_attachments),
        cmocka_unit_test(test_resume_parse),
        cmocka_unit_test(test_record_sub_lists),
        cmocka_unit_test(test_bad_bodies_never_crash),
    };

    return cmocka_run_group_tests_name("sandbox records", tests, setup, stop_group_sandbox);
}
