/* api_ops_test.c: every CATS operation of the API client against a
 * cats-sandbox over real HTTP: its success path and an error path. */
#include "config.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "fixture.h"

#define MISSING_ID 987654321

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

/* A second session on the same sandbox whose key the sandbox rejects. */
static struct api_client *
client_with_bad_key(struct api_session **session)
{
    struct api_session_config cfg = { .base_url = fx.sandbox.url, .api_key = "wrong-key", .trace_path = "" };
    struct api_error err;

    *session = api_session_new(&cfg, &err);
    assert_non_null(*session);
    return api_client_new(*session, &err);
}

static void
assert_kind(const struct api_error *err, enum api_error_kind kind)
{
    if (err->kind != kind)
        fail_msg("expected a %s error, got %s (HTTP %ld): %s", api_error_kind_name(kind),
                 api_error_kind_name(err->kind), err->status, err->message);
}

/* ---- lists ---- */

typedef int list_fn(struct api_client *c, int page, int per_page, struct api_list *out, struct api_error *err);

static int
list_portal_jobs(struct api_client *c, int page, int per_page, struct api_list *out, struct api_error *err)
{
    return api_portal_jobs_list(c, fixture_first_id(&fx, "/portals", "portals"), page, per_page, out, err);
}

static int
list_work_history(struct api_client *c, int page, int per_page, struct api_list *out, struct api_error *err)
{
    int64_t candidate = fixture_first_id(&fx, "/candidates", "candidates");

    return api_candidate_work_history_list(c, candidate, page, per_page, out, err);
}

static int
list_search(struct api_client *c, int page, int per_page, struct api_list *out, struct api_error *err)
{
    return api_activities_search(c, "a", page, per_page, out, err);
}

static int
list_events(struct api_client *c, int page, int per_page, struct api_list *out, struct api_error *err)
{
    return api_events_list(c, 0, out, err);
}

static const struct {
    const char *name;
    list_fn *list;
} lists[] = {
    { "tasks", api_tasks_list }, { "activities", api_activities_list }, { "users", api_users_list },
    { "portals", api_portals_list }, { "backups", api_backups_list }, { "webhooks", api_webhooks_list },
    { "tags", api_tags_list }, { "triggers", api_triggers_list }, { "portal jobs", list_portal_jobs },
    { "work history", list_work_history }, { "activity search", list_search }, { "events", list_events },
};

static void
every_list_returns_rows(void **state)
{
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        struct api_list list;
        struct api_error err;

        if (lists[i].list(fx.client, 1, 2, &list, &err) != 0)
            fail_msg("listing %s failed: %s", lists[i].name, err.message);
        assert_kind(&err, API_OK);
        if (api_list_length(&list) == 0)
            fail_msg("listing %s returned no rows", lists[i].name);
        assert_true(list.count >= 1);
        api_list_free(&list);
    }
}

static void
every_list_rejects_bad_key(void **state)
{
    struct api_session *session;
    struct api_client *client = client_with_bad_key(&session);

    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        struct api_list list;
        struct api_error err;

        assert_int_equal(lists[i].list(client, 1, 2, &list, &err), -1);
        assert_kind(&err, API_ERR_AUTH);
        assert_int_equal(err.status, 401);
        assert_string_equal(err.message, "Invalid credentials.");
        assert_string_not_equal(err.request_id, "");
        assert_null(list.body);
    }
    api_client_free(client);
    api_session_free(session);
}

static void
tasks_pages_follow_next(void **state)
{
    struct api_list first, second;
    struct api_error err;
    int64_t first_id = 0, second_id = 0;
    const char *next;

    assert_int_equal(api_tasks_list(fx.client, 1, 5, &first, &err), 0);
    assert_int_equal(api_list_length(&first), 5);
    assert_int_equal(first.count, 5);
    assert_true(first.total_known);
    assert_true(first.total > 5);
    assert_true(first.has_next);
    assert_int_equal(first.page, 1);
    assert_int_equal(first.per_page, 5);

    next = api_json_link(first.body, "next");
    assert_non_null(next);
    assert_int_equal(api_get_list(fx.client, next, "tasks", &second, &err), 0);
    assert_int_equal(second.page, 2);
    assert_int_equal(second.per_page, 5);
    assert_true(api_json_id(api_list_row(&first, 0), "id", &first_id));
    assert_true(api_json_id(api_list_row(&second, 0), "id", &second_id));
    assert_true(first_id != second_id);
    api_list_free(&first);
    api_list_free(&second);
}

static void
per_page_capped_at_hundred(void **state)
{
    struct api_list list;
    struct api_error err;

    assert_int_equal(api_tasks_list(fx.client, 1, 500, &list, &err), 0);
    assert_true(api_list_length(&list) <= 100);
    api_list_free(&list);
}

static void
page_past_end_is_empty(void **state)
{
    struct api_list list;
    struct api_error err;

    assert_int_equal(api_users_list(fx.client, 100000, 100, &list, &err), 0);
    assert_int_equal(api_list_length(&list), 0);
    assert_false(list.has_next);
    api_list_free(&list);
}

/* ---- single records ---- */

typedef int get_fn(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err);

static const struct {
    const char *path;
    const char *plural;
    get_fn *get;
} records[] = {
    { "/tasks", "tasks", api_task_get }, { "/activities", "activities", api_activity_get },
    { "/users", "users", api_user_get }, { "/portals", "portals", api_portal_get },
    { "/backups", "backups", api_backup_get }, { "/webhooks", "webhooks", api_webhook_get },
    { "/tags", "tags", api_tag_get }, { "/triggers", "triggers", api_trigger_get },
    { "/candidates", "candidates", api_candidate_get }, { "/jobs", "jobs", api_job_get },
};

static void
every_get_returns_record(void **state)
{
    for (size_t i = 0; i < sizeof records / sizeof records[0]; i++) {
        int64_t id = fixture_first_id(&fx, records[i].path, records[i].plural), got = 0;
        struct json_object *record;
        struct api_error err;

        if (id <= 0)
            fail_msg("no seeded row in %s", records[i].path);
        if (records[i].get(fx.client, id, &record, &err) != 0)
            fail_msg("GET %s/%lld failed: %s", records[i].path, (long long)id, err.message);
        assert_true(api_json_id(record, "id", &got));
        assert_int_equal(got, id);
        json_object_put(record);
    }
}

static void
every_get_reports_not_found(void **state)
{
    for (size_t i = 0; i < sizeof records / sizeof records[0]; i++) {
        struct json_object *record = NULL;
        struct api_error err;

        assert_int_equal(records[i].get(fx.client, MISSING_ID, &record, &err), -1);
        assert_kind(&err, API_ERR_NOT_FOUND);
        assert_int_equal(err.status, 404);
        assert_null(record);
    }
}

static void
get_rejects_zero_id(void **state)
{
    struct json_object *record = NULL;
    struct api_error err;

    assert_int_equal(api_task_get(fx.client, 0, &record, &err), -1);
    assert_kind(&err, API_ERR_ARGUMENT);
    assert_int_equal(err.status, 0);
}

static void
site_has_account_fields(void **state)
{
    struct json_object *site;
    struct api_error err;
    struct api_session *session;
    struct api_client *client;

    assert_int_equal(api_site_get(fx.client, &site, &err), 0);
    assert_non_null(api_json_string(site, "mode"));
    assert_non_null(api_json_string(site, "subdomain"));
    json_object_put(site);

    client = client_with_bad_key(&session);
    assert_int_equal(api_site_get(client, &site, &err), -1);
    assert_kind(&err, API_ERR_AUTH);
    api_client_free(client);
    api_session_free(session);
}

static void
record_links_followed(void **state)
{
    int64_t id = fixture_first_id(&fx, "/activities", "activities"), got = 0;
    struct json_object *activity, *user;
    struct api_error err;
    const char *href;

    assert_int_equal(api_activity_get(fx.client, id, &activity, &err), 0);
    href = api_json_link(activity, "entered_by");
    assert_non_null(href);
    assert_int_equal(api_get(fx.client, href, &user, &err), 0);
    assert_non_null(api_json_string(user, "username"));
    assert_true(api_json_id(user, "id", &got));
    json_object_put(user);
    json_object_put(activity);

    assert_int_equal(api_get(fx.client, "/no/such/path", &user, &err), -1);
    assert_kind(&err, API_ERR_NOT_FOUND);
}

/* ---- tasks ---- */

static int64_t
create_task(const char *description)
{
    struct api_task_fields fields = {
        .set = API_TASK_DESCRIPTION | API_TASK_PRIORITY | API_TASK_DATE_DUE | API_TASK_ASSIGNED_TO_ID
               | API_TASK_DATA_ITEM,
        .description = description,
        .priority = 2,
        .date_due = "2030-01-15T09:30:00-05:00",
        .assigned_to_id = fixture_first_id(&fx, "/users", "users"),
        .data_item = { .type = API_DATA_ITEM_CANDIDATE, .id = fixture_first_id(&fx, "/candidates", "candidates") },
    };
    struct api_error err;
    int64_t id = 0;

    if (api_task_create(fx.client, &fields, &id, &err) != 0)
        fail_msg("creating a task failed: %s", err.message);
    return id;
}

static void
task_create_returns_location_id(void **state)
{
    int64_t id = create_task("Call back about the offer"), item = 0;
    struct json_object *task, *data_item;
    struct api_error err;

    assert_true(id > 0);
    assert_int_equal(api_task_get(fx.client, id, &task, &err), 0);
    assert_string_equal(api_json_string(task, "description"), "Call back about the offer");
    assert_int_equal(json_object_get_int(json_object_object_get(task, "priority")), 2);
    assert_false(json_object_get_boolean(json_object_object_get(task, "is_completed")));
    data_item = json_object_object_get(task, "data_item");
    assert_string_equal(api_json_string(data_item, "type"), "candidate");
    assert_true(api_json_id(data_item, "id", &item));
    json_object_put(task);
}

static void
task_create_general_due_asap(void **state)
{
    struct api_task_fields fields = {
        .set = API_TASK_DESCRIPTION | API_TASK_PRIORITY | API_TASK_DATE_DUE | API_TASK_ASSIGNED_TO_ID
               | API_TASK_DATA_ITEM,
        .description = "General task",
        .priority = 5,
        .date_due = NULL,
        .assigned_to_id = fixture_first_id(&fx, "/users", "users"),
    };
    struct json_object *task, *value = NULL;
    struct api_error err;
    int64_t id = 0;

    assert_int_equal(api_task_create(fx.client, &fields, &id, &err), 0);
    assert_int_equal(api_task_get(fx.client, id, &task, &err), 0);
    assert_true(json_object_object_get_ex(task, "date_due", &value));
    assert_null(value);
    assert_true(json_object_object_get_ex(task, "data_item", &value));
    assert_null(value);
    json_object_put(task);
}

static void
task_create_without_priority_invalid(void **state)
{
    struct api_task_fields fields = { .set = API_TASK_DESCRIPTION, .description = "no priority" };
    struct api_error err;
    int64_t id = -1;

    assert_int_equal(api_task_create(fx.client, &fields, &id, &err), -1);
    assert_kind(&err, API_ERR_INVALID);
    assert_int_equal(err.status, 400);
    assert_non_null(strstr(err.message, "priority"));
    assert_int_equal(id, 0);
}

static void
task_update_completes(void **state)
{
    int64_t id = create_task("Complete me");
    struct api_task_fields done = { .set = API_TASK_IS_COMPLETED | API_TASK_PRIORITY, .is_completed = true,
                                    .priority = 4 };
    struct api_task_fields nothing = { 0 };
    struct json_object *task;
    struct api_error err;

    assert_int_equal(api_task_update(fx.client, id, &done, &err), 0);
    assert_int_equal(err.status, 204);
    assert_int_equal(api_task_update(fx.client, id, &nothing, &err), 0);
    assert_int_equal(api_task_get(fx.client, id, &task, &err), 0);
    assert_true(json_object_get_boolean(json_object_object_get(task, "is_completed")));
    assert_int_equal(json_object_get_int(json_object_object_get(task, "priority")), 4);
    assert_string_equal(api_json_string(task, "description"), "Complete me");
    json_object_put(task);
}

static void
task_update_bad_priority_invalid(void **state)
{
    int64_t id = create_task("Out of range");
    struct api_task_fields fields = { .set = API_TASK_PRIORITY, .priority = 9 };
    struct api_error err;

    assert_int_equal(api_task_update(fx.client, id, &fields, &err), -1);
    assert_kind(&err, API_ERR_INVALID);
    assert_int_equal(api_task_update(fx.client, MISSING_ID, &fields, &err), -1);
    assert_true(err.kind == API_ERR_NOT_FOUND || err.kind == API_ERR_INVALID);
}

static void
task_delete_then_gone(void **state)
{
    int64_t id = create_task("Delete me");
    struct json_object *task = NULL;
    struct api_error err;

    assert_int_equal(api_task_delete(fx.client, id, &err), 0);
    assert_int_equal(err.status, 204);
    assert_int_equal(api_task_get(fx.client, id, &task, &err), -1);
    assert_kind(&err, API_ERR_NOT_FOUND);
    assert_int_equal(api_task_delete(fx.client, id, &err), -1);
    assert_kind(&err, API_ERR_NOT_FOUND);
}

/* ---- activities ---- */

static void
activity_update_fields(void **state)
{
    int64_t id = fixture_first_id(&fx, "/activities", "activities");
    struct api_activity_fields fields = {
        .set = API_ACTIVITY_TYPE | API_ACTIVITY_NOTES | API_ACTIVITY_REGARDING_ID | API_ACTIVITY_DATE,
        .type = "call_talked",
        .notes = "Spoke about the role.\nWill send the CV \"today\".",
        .regarding_id = 0,
        .date = "2026-11-20T10:00:00+01:00",
    };
    struct json_object *activity, *regarding = NULL;
    struct api_error err;

    assert_int_equal(api_activity_update(fx.client, id, &fields, &err), 0);
    assert_int_equal(api_activity_get(fx.client, id, &activity, &err), 0);
    assert_string_equal(api_json_string(activity, "type"), "call_talked");
    assert_string_equal(api_json_string(activity, "notes"), fields.notes);
    assert_true(json_object_object_get_ex(activity, "regarding_id", &regarding));
    assert_null(regarding);
    json_object_put(activity);
}

static void
activity_update_bad_type_invalid(void **state)
{
    int64_t id = fixture_first_id(&fx, "/activities", "activities");
    struct api_activity_fields fields = { .set = API_ACTIVITY_TYPE, .type = "carrier_pigeon" };
    struct api_error err;

    assert_int_equal(api_activity_update(fx.client, id, &fields, &err), -1);
    assert_kind(&err, API_ERR_INVALID);
    assert_non_null(strstr(err.message, "type"));
}

static void
activity_delete_then_gone(void **state)
{
    int64_t id = fixture_first_id(&fx, "/activities", "activities");
    struct json_object *activity = NULL;
    struct api_error err;

    assert_int_equal(api_activity_delete(fx.client, id, &err), 0);
    assert_int_equal(api_activity_get(fx.client, id, &activity, &err), -1);
    assert_kind(&err, API_ERR_NOT_FOUND);
    assert_int_equal(api_activity_delete(fx.client, id, &err), -1);
    assert_kind(&err, API_ERR_NOT_FOUND);
}

static void
activity_filter_matches_type(void **state)
{
    struct api_filter filter = {
        .field = "type", .filter = "exactly", .value_kind = API_FILTER_STRING, .value.string = "email",
    };
    struct api_list list;
    struct api_error err;

    assert_int_equal(api_activities_filter(fx.client, &filter, NULL, 1, 50, &list, &err), 0);
    assert_true(api_list_length(&list) > 0);
    for (size_t i = 0; i < api_list_length(&list); i++)
        assert_string_equal(api_json_string(api_list_row(&list, i), "type"), "email");
    api_list_free(&list);
}

static void
activity_filter_range_and_query(void **state)
{
    struct api_filter filter = {
        .field = "id", .filter = "between", .value_kind = API_FILTER_RANGE_INTEGER,
        .value.low_integer = 1, .value.high_integer = INT32_MAX,
    };
    struct api_list list;
    struct api_error err;

    assert_int_equal(api_activities_filter(fx.client, &filter, "", 1, 3, &list, &err), 0);
    assert_true(api_list_length(&list) <= 3);
    assert_int_equal(list.per_page, 3);
    api_list_free(&list);
}

static void
activity_filter_bad_field_invalid(void **state)
{
    struct api_filter filter = {
        .field = "shoe_size", .filter = "exactly", .value_kind = API_FILTER_INTEGER, .value.integer = 44,
    };
    struct api_list list;
    struct api_error err;

    assert_int_equal(api_activities_filter(fx.client, &filter, NULL, 1, 25, &list, &err), -1);
    assert_kind(&err, API_ERR_INVALID);
    assert_null(list.body);
}

static void
activity_search_escapes_query(void **state)
{
    struct api_list list;
    struct api_error err;

    char *trace;

    assert_int_equal(api_activities_search(fx.client, "a&b=c \xc3\xbc", 1, 5, &list, &err), 0);
    assert_int_equal(list.page, 1);
    api_list_free(&list);
    trace = fixture_read_file(fx.trace_path, NULL);
    assert_non_null(trace);
    assert_non_null(strstr(trace, "/activities/search?query=a%26b%3Dc%20%C3%BC&page=1&per_page=5"));
    free(trace);
}

/* ---- portals ---- */

static bool
portal_lists_job(int64_t portal, int64_t job)
{
    struct api_list list;
    struct api_error err;
    bool found = false;
    int64_t id;

    assert_int_equal(api_portal_jobs_list(fx.client, portal, 1, 100, &list, &err), 0);
    for (size_t i = 0; i < api_list_length(&list); i++)
        found |= api_json_id(api_list_row(&list, i), "id", &id) && id == job;
    api_list_free(&list);
    return found;
}

/* A job that the portal does not publish yet, or -1. */
static int64_t
unpublished_job(int64_t portal)
{
    struct api_list jobs;
    struct api_error err;
    int64_t found = -1, id;

    assert_int_equal(api_get_list(fx.client, "/jobs?per_page=100", "jobs", &jobs, &err), 0);
    for (size_t i = 0; i < api_list_length(&jobs) && found < 0; i++)
        if (api_json_id(api_list_row(&jobs, i), "id", &id) && !portal_lists_job(portal, id))
            found = id;
    api_list_free(&jobs);
    return found;
}

static void
portal_publish_and_unpublish(void **state)
{
    int64_t portal = fixture_first_id(&fx, "/portals", "portals");
    int64_t job = unpublished_job(portal);
    struct api_error err;

    assert_true(job > 0);
    assert_int_equal(api_portal_job_publish(fx.client, portal, job, &err), 0);
    assert_int_equal(err.status, 204);
    assert_true(portal_lists_job(portal, job));

    assert_int_equal(api_portal_job_unpublish(fx.client, portal, job, &err), 0);
    assert_false(portal_lists_job(portal, job));
    assert_int_equal(api_portal_job_publish(fx.client, MISSING_ID, job, &err), -1);
    assert_kind(&err, API_ERR_NOT_FOUND);
}

static void
portal_registration_form(void **state)
{
    int64_t portal = fixture_first_id(&fx, "/portals", "portals");
    struct json_object *form = NULL;
    struct api_error err;

    assert_int_equal(api_portal_registration_get(fx.client, portal, &form, &err), 0);
    assert_non_null(json_object_object_get(form, "_links"));
    json_object_put(form);
    assert_int_equal(api_portal_registration_get(fx.client, MISSING_ID, &form, &err), -1);
    assert_kind(&err, API_ERR_NOT_FOUND);
}

/* Writes a small file to attach to an application; returns its path. */
static void
write_temp_file(char *path, size_t size, const char *text)
{
    int fd;

    snprintf(path, size, "/tmp/cats-api-file.XXXXXX");
    fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
}

static void
portal_job_application(void **state)
{
    int64_t portal = fixture_first_id(&fx, "/portals", "portals");
    int64_t job = -1, answers[] = { 3251, 3991 };
    char resume[64];
    struct api_portal_field fields[] = {
        { .id = 523591, .kind = API_PORTAL_TEXT, .text = "James" },
        { .id = 524022, .kind = API_PORTAL_MULTILINE, .text = "line 1\nline 2" },
        { .id = 524156, .kind = API_PORTAL_CHECKBOX, .checked = true },
        { .id = 524300, .kind = API_PORTAL_CHOICES, .answer_ids = answers, .answer_count = 2 },
        { .id = 523423, .kind = API_PORTAL_FILE, .file_path = resume, .filename = "helloworld.txt" },
    };
    struct api_portal_submission submission = { .fields = fields, .field_count = 5, .source = "Company website" };
    struct api_list jobs;
    struct api_error err;
    int64_t new_id = -1;

    assert_int_equal(api_portal_jobs_list(fx.client, portal, 1, 1, &jobs, &err), 0);
    assert_true(api_json_id(api_list_row(&jobs, 0), "id", &job));
    api_list_free(&jobs);
    write_temp_file(resume, sizeof resume, "Hello World");

    assert_int_equal(api_portal_job_apply(fx.client, portal, job, &submission, &new_id, &err), 0);
    assert_true(err.status == 200 || err.status == 201);
    assert_int_equal(api_portal_job_apply(fx.client, portal, MISSING_ID, &submission, &new_id, &err), -1);
    assert_kind(&err, API_ERR_NOT_FOUND);
    unlink(resume);
}

static void
portal_application_missing_file(void **state)
{
    struct api_portal_field field = { .id = 1, .kind = API_PORTAL_FILE, .file_path = "/nonexistent/cv.pdf" };
    struct api_portal_submission submission = { .fields = &field, .field_count = 1 };
    struct api_error err;
    int before = fixture_count_lines(fx.trace_path);

    assert_int_equal(api_portal_job_apply(fx.client, 1, 1, &submission, NULL, &err), -1);
    assert_kind(&err, API_ERR_IO);
    assert_non_null(strstr(err.message, "/nonexistent/cv.pdf"));
    assert_int_equal(fixture_count_lines(fx.trace_path), before);
}

static void
portal_registration_submission(void **state)
{
    int64_t portal = fixture_first_id(&fx, "/portals", "portals");
    struct api_portal_field field = { .id = 523591, .kind = API_PORTAL_TEXT, .text = "Jamie" };
    struct api_portal_submission submission = { .fields = &field, .field_count = 1 };
    struct api_error err;

    assert_int_equal(api_portal_registration_submit(fx.client, portal, &submission, NULL, &err), 0);
    assert_int_equal(api_portal_registration_submit(fx.client, MISSING_ID, &submission, NULL, &err), -1);
    assert_kind(&err, API_ERR_NOT_FOUND);
}

/* ---- backups and webhooks ---- */

static void
backup_create_and_follow(void **state)
{
    struct api_backup_fields fields = {
        .set = API_BACKUP_INCLUDE_ATTACHMENTS | API_BACKUP_INCLUDE_EMAILS,
        .include_attachments = false,
        .include_emails = false,
    };
    struct json_object *backup;
    struct api_error err;
    int64_t id = 0;

    assert_int_equal(api_backup_create(fx.client, &fields, &id, &err), 0);
    assert_int_equal(err.status, 201);
    assert_true(id > 0);
    assert_int_equal(api_backup_get(fx.client, id, &backup, &err), 0);
    assert_non_null(api_json_string(backup, "status"));
    json_object_put(backup);
}

static void
backup_create_defaults(void **state)
{
    struct api_backup_fields fields = { 0 };
    struct api_session *session;
    struct api_client *client = client_with_bad_key(&session);
    struct api_error err;
    int64_t id = 0;

    assert_int_equal(api_backup_create(fx.client, &fields, &id, &err), 0);
    assert_true(id > 0);
    assert_int_equal(api_backup_create(client, &fields, &id, &err), -1);
    assert_kind(&err, API_ERR_AUTH);
    assert_int_equal(id, 0);
    api_client_free(client);
    api_session_free(session);
}

static void
webhook_create_get_delete(void **state)
{
    static const char *const events[] = { "candidate.created", "pipeline.status_changed" };
    struct api_webhook_fields fields = {
        .events = events, .event_count = 2, .target_url = "https://hooks.example.com/cats", .secret = "s3cr3t-hook",
    };
    struct json_object *webhook = NULL;
    struct api_error err;
    int64_t id = 0;
    char *trace;

    assert_int_equal(api_webhook_create(fx.client, &fields, &id, &err), 0);
    assert_true(id > 0);
    assert_int_equal(api_webhook_get(fx.client, id, &webhook, &err), 0);
    assert_string_equal(api_json_string(webhook, "target_url"), "https://hooks.example.com/cats");
    json_object_put(webhook);

    assert_int_equal(api_webhook_delete(fx.client, id, &err), 0);
    assert_int_equal(api_webhook_get(fx.client, id, &webhook, &err), -1);
    assert_kind(&err, API_ERR_NOT_FOUND);

    trace = fixture_read_file(fx.trace_path, NULL);
    assert_non_null(trace);
    assert_null(strstr(trace, "s3cr3t-hook"));
    free(trace);
}

static void
webhook_bad_target_invalid(void **state)
{
    static const char *const events[] = { "job.updated" };
    struct api_webhook_fields fields = { .events = events, .event_count = 1, .target_url = "not a url" };
    struct api_error err;

    assert_int_equal(api_webhook_create(fx.client, &fields, NULL, &err), -1);
    assert_kind(&err, API_ERR_INVALID);
}

static void
webhook_unknown_event_not_sent(void **state)
{
    static const char *const events[] = { "job.updated", "job.exploded" };
    struct api_webhook_fields fields = { .events = events, .event_count = 2, .target_url = "https://x.example" };
    struct api_error err;
    int before = fixture_count_lines(fx.trace_path);

    assert_int_equal(api_webhook_create(fx.client, &fields, NULL, &err), -1);
    assert_kind(&err, API_ERR_ARGUMENT);
    assert_non_null(strstr(err.message, "job.exploded"));
    assert_int_equal(fixture_count_lines(fx.trace_path), before);
}

/* ---- work history ---- */

static int64_t
first_work_history(void)
{
    struct api_list list;
    struct api_error err;
    int64_t candidate = fixture_first_id(&fx, "/candidates", "candidates"), id = -1;

    assert_int_equal(api_candidate_work_history_list(fx.client, candidate, 1, 25, &list, &err), 0);
    assert_true(api_json_id(api_list_row(&list, 0), "id", &id));
    api_list_free(&list);
    return id;
}

static void
work_history_update_unlinked(void **state)
{
    int64_t id = first_work_history();
    struct api_work_history_fields fields = {
        .set = API_WORK_TITLE | API_WORK_EMPLOYER | API_WORK_SUPERVISOR | API_WORK_START_DATE | API_WORK_IS_CURRENT,
        .title = "Senior Software Engineer",
        .employer = { .linked = false, .name = "Acme Corp", .city = "Boston", .state = "MA" },
        .supervisor = { .linked = false, .name = "Jane Manager", .phone = "555-123-4567" },
        .start_date = "2020-01-15",
        .is_current = true,
    };
    struct json_object *history, *employer;
    struct api_error err;

    assert_int_equal(api_work_history_update(fx.client, id, &fields, &err), 0);
    assert_int_equal(api_work_history_get(fx.client, id, &history, &err), 0);
    assert_string_equal(api_json_string(history, "title"), "Senior Software Engineer");
    employer = json_object_object_get(history, "employer");
    assert_string_equal(api_json_string(employer, "name"), "Acme Corp");
    assert_false(json_object_get_boolean(json_object_object_get(employer, "linked")));
    assert_true(json_object_get_boolean(json_object_object_get(history, "is_current")));
    json_object_put(history);
}

static void
work_history_empty_employer_invalid(void **state)
{
    int64_t id = first_work_history();
    struct api_work_history_fields fields = {
        .set = API_WORK_TITLE | API_WORK_EMPLOYER, .title = "Engineer", .employer = { .linked = false, .name = "" },
    };
    struct api_error err;

    assert_int_equal(api_work_history_update(fx.client, id, &fields, &err), -1);
    assert_kind(&err, API_ERR_INVALID);
    assert_non_null(strstr(err.message, "employer"));
}

static void
work_history_delete_then_gone(void **state)
{
    int64_t id = first_work_history();
    struct json_object *history = NULL;
    struct api_error err;

    assert_int_equal(api_work_history_delete(fx.client, id, &err), 0);
    assert_int_equal(api_work_history_get(fx.client, id, &history, &err), -1);
    assert_kind(&err, API_ERR_NOT_FOUND);
    assert_int_equal(api_work_history_delete(fx.client, id, &err), -1);
    assert_kind(&err, API_ERR_NOT_FOUND);
}

/* ---- attachments ---- */

/* The first attachment of the first candidate on page one that has one,
 * found the way the console finds it: through the candidate's documented
 * attachments collection.  -1 when none has. */
static int64_t
first_attachment(void)
{
    struct api_list candidates;
    struct api_error err;
    int64_t found = -1, candidate;
    char path[128];

    assert_int_equal(api_get_list(fx.client, "/candidates?per_page=25", "candidates", &candidates, &err), 0);
    for (size_t i = 0; i < api_list_length(&candidates) && found < 0; i++) {
        if (!api_json_id(api_list_row(&candidates, i), "id", &candidate))
            continue;
        snprintf(path, sizeof path, "/candidates/%lld/attachments", (long long)candidate);
        found = fixture_first_id(&fx, path, "attachments");
    }
    api_list_free(&candidates);
    return found;
}

static void
attachment_download_streams(void **state)
{
    int64_t id = first_attachment(), bytes = -1, size = -1;
    char out_path[] = "/tmp/cats-api-download.XXXXXX", name[128];
    int fd = mkstemp(out_path);
    struct json_object *attachment;
    struct api_error err;
    size_t length = 0;
    char *data;

    assert_true(id > 0);
    assert_int_equal(api_attachment_get(fx.client, id, &attachment, &err), 0);
    assert_int_equal(api_attachment_download(fx.client, id, fd, name, sizeof name, &bytes, &err), 0);
    close(fd);

    data = fixture_read_file(out_path, &length);
    assert_true(bytes > 0);
    assert_int_equal((int64_t)length, bytes);
    if (api_json_id(attachment, "size", &size))
        assert_int_equal(size, bytes);
    assert_string_not_equal(name, "");
    assert_null(strchr(name, '/'));
    assert_true(name[0] != '.');
    free(data);
    json_object_put(attachment);
    unlink(out_path);
}

static void
attachment_download_missing_writes_nothing(void **state)
{
    char out_path[] = "/tmp/cats-api-download.XXXXXX", name[64] = "x";
    int fd = mkstemp(out_path);
    struct api_error err;
    int64_t bytes = -1;
    size_t length = 99;

    assert_int_equal(api_attachment_download(fx.client, MISSING_ID, fd, name, sizeof name, &bytes, &err), -1);
    assert_kind(&err, API_ERR_NOT_FOUND);
    close(fd);
    free(fixture_read_file(out_path, &length));
    assert_int_equal(length, 0);
    assert_int_equal(bytes, 0);
    assert_string_equal(name, "");
    unlink(out_path);
}

static void
attachment_download_is_not_json(void **state)
{
    int64_t id = first_attachment();
    struct json_object *record = NULL;
    struct api_error err;
    char path[128];

    snprintf(path, sizeof path, "attachments/%lld/download", (long long)id);
    assert_int_equal(api_get(fx.client, path, &record, &err), -1);
    assert_kind(&err, API_ERR_CONTENT_TYPE);
    assert_null(record);
}

static void
attachment_delete_then_gone(void **state)
{
    int64_t id = first_attachment();
    struct json_object *attachment = NULL;
    struct api_error err;

    assert_int_equal(api_attachment_delete(fx.client, id, &err), 0);
    assert_int_equal(api_attachment_get(fx.client, id, &attachment, &err), -1);
    assert_kind(&err, API_ERR_NOT_FOUND);
    assert_int_equal(api_attachment_delete(fx.client, id, &err), -1);
    assert_kind(&err, API_ERR_NOT_FOUND);
}

static void
resume_parse_uploads_raw(void **state)
{
    char path[64];
    struct json_object *candidate = NULL;
    struct api_error err;

    write_temp_file(path, sizeof path,
                    "Jane Doe\njane.doe@example.com\n555-0100\n\nExperience\nSenior Engineer, Acme Corp, 2020-2024\n");
    assert_int_equal(api_resume_parse(fx.client, path, &candidate, &err), 0);
    assert_non_null(candidate);
    assert_true(json_object_is_type(candidate, json_type_object));
    json_object_put(candidate);
    assert_int_equal(fixture_wait_log(&fx, (const char *const[]){ "POST /v3/attachments/parse 200", NULL }, 1), 1);
    unlink(path);
}

static void
resume_parse_missing_file(void **state)
{
    struct json_object *candidate = NULL;
    struct api_error err;

    assert_int_equal(api_resume_parse(fx.client, "/nonexistent/resume.pdf", &candidate, &err), -1);
    assert_kind(&err, API_ERR_IO);
    assert_int_equal(api_resume_parse(fx.client, "/tmp", &candidate, &err), -1);
    assert_kind(&err, API_ERR_IO);
    assert_null(candidate);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(every_list_returns_rows, reset_sandbox),
        cmocka_unit_test_setup(every_list_rejects_bad_key, reset_sandbox),
        cmocka_unit_test_setup(tasks_pages_follow_next, reset_sandbox),
        cmocka_unit_test_setup(per_page_capped_at_hundred, reset_sandbox),
        cmocka_unit_test_setup(page_past_end_is_empty, reset_sandbox),
        cmocka_unit_test_setup(every_get_returns_record, reset_sandbox),
        cmocka_unit_test_setup(every_get_reports_not_found, reset_sandbox),
        cmocka_unit_test_setup(get_rejects_zero_id, reset_sandbox),
        cmocka_unit_test_setup(site_has_account_fields, reset_sandbox),
        cmocka_unit_test_setup(record_links_followed, reset_sandbox),
        cmocka_unit_test_setup(task_create_returns_location_id, reset_sandbox),
        cmocka_unit_test_setup(task_create_general_due_asap, reset_sandbox),
        cmocka_unit_test_setup(task_create_without_priority_invalid, reset_sandbox),
        cmocka_unit_test_setup(task_update_completes, reset_sandbox),
        cmocka_unit_test_setup(task_update_bad_priority_invalid, reset_sandbox),
        cmocka_unit_test_setup(task_delete_then_gone, reset_sandbox),
        cmocka_unit_test_setup(activity_update_fields, reset_sandbox),
        cmocka_unit_test_setup(activity_update_bad_type_invalid, reset_sandbox),
        cmocka_unit_test_setup(activity_filter_matches_type, reset_sandbox),
        cmocka_unit_test_setup(activity_filter_range_and_query, reset_sandbox),
        cmocka_unit_test_setup(activity_filter_bad_field_invalid, reset_sandbox),
        cmocka_unit_test_setup(activity_search_escapes_query, reset_sandbox),
        cmocka_unit_test_setup(activity_delete_then_gone, reset_sandbox),
        cmocka_unit_test_setup(portal_publish_and_unpublish, reset_sandbox),
        cmocka_unit_test_setup(portal_registration_form, reset_sandbox),
        cmocka_unit_test_setup(portal_job_application, reset_sandbox),
        cmocka_unit_test_setup(portal_application_missing_file, reset_sandbox),
        cmocka_unit_test_setup(portal_registration_submission, reset_sandbox),
        cmocka_unit_test_setup(backup_create_and_follow, reset_sandbox),
        cmocka_unit_test_setup(backup_create_defaults, reset_sandbox),
        cmocka_unit_test_setup(webhook_create_get_delete, reset_sandbox),
        cmocka_unit_test_setup(webhook_bad_target_invalid, reset_sandbox),
        cmocka_unit_test_setup(webhook_unknown_event_not_sent, reset_sandbox),
        cmocka_unit_test_setup(work_history_update_unlinked, reset_sandbox),
        cmocka_unit_test_setup(work_history_empty_employer_invalid, reset_sandbox),
        cmocka_unit_test_setup(work_history_delete_then_gone, reset_sandbox),
        cmocka_unit_test_setup(attachment_download_streams, reset_sandbox),
        cmocka_unit_test_setup(attachment_download_missing_writes_nothing, reset_sandbox),
        cmocka_unit_test_setup(attachment_download_is_not_json, reset_sandbox),
        cmocka_unit_test_setup(attachment_delete_then_gone, reset_sandbox),
        cmocka_unit_test_setup(resume_parse_uploads_raw, reset_sandbox),
        cmocka_unit_test_setup(resume_parse_missing_file, reset_sandbox),
    };

    return cmocka_run_group_tests_name("api_ops", tests, start_group, stop_group);
}
