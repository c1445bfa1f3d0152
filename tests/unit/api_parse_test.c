/* api_parse_test.c: unit tests of the API client's JSON side (envelopes,
 * records, ids, hrefs, Location, file names) on CATS's documented bodies. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "api.h"
#include "api_internal.h"

/* The collection envelope as CATS documents it, with one abridged row. */
static const char jobs_page[] =
    "{\n"
    "  \"count\": 25,\n"
    "  \"total\": 250,\n"
    "  \"_links\": { \"next\": { \"href\": \"/jobs?page=2&per_page=25\" } },\n"
    "  \"_embedded\": { \"jobs\": [ { \"id\": 1, \"...\": \"...\" } ] }\n"
    "}\n";

/* A task page whose total CATS sent as null, with a string id and a next
 * href without its leading slash. */
static const char tasks_total_null[] =
    "{\"count\": 2, \"total\": null,"
    " \"_links\": {\"self\": {\"href\": \"/tasks?page=1&per_page=2\"}, \"next\": {\"href\": \"tasks?page=2&per_page=2\"}},"
    " \"_embedded\": {\"tasks\": ["
    "  {\"id\": 11, \"data_item\": {\"id\": 8161, \"type\": \"job\"}, \"assigned_to_id\": 6063,"
    "   \"description\": \"Eum dolores voluptas pariatur est quisquam quo quibusdam aut autem.\","
    "   \"priority\": 3, \"date_due\": \"2024-03-30T00:48:55.061Z\", \"is_completed\": false,"
    "   \"date_completed\": null, \"date_created\": \"2024-03-01T09:00:00-05:00\","
    "   \"date_updated\": \"2024-03-02T09:00:00+00:00\", \"_links\": {\"self\": {\"href\": \"/tasks/11\"}}},"
    "  {\"id\": \"12\", \"data_item\": null, \"assigned_to_id\": 5144, \"description\": \"general\","
    "   \"priority\": 1, \"date_due\": null, \"is_completed\": true}"
    " ]}}";

/* The events feed: extra envelope fields, no total, and no rows. */
static const char events_page[] =
    "{ \"count\": 25, \"starting_after_timestamp\": 1510864296, \"starting_after_id\": 12345, \"last_id\": 12369,"
    "  \"_links\": {\"next\": {\"href\": \"/events?starting_after_id=12369\"}}, \"_embedded\": {\"events\": []} }";

/* The last page of a list: no next link. */
static const char users_last_page[] =
    "{\"count\": 1, \"total\": 26, \"_links\": {\"self\": {\"href\": \"/users?page=2&per_page=25\"}},"
    " \"_embedded\": {\"users\": [{ \"id\": 657, \"username\": \"jdoe\", \"first_name\": \"Jane\","
    " \"last_name\": \"Doe\", \"title\": \"Recruiter\", \"access_level\": \"read_only\", \"_links\": {} }]}}";

/* The candidate record from a CATS webhook sample. */
static const char candidate_record[] =
    "{ \"id\": 123456789, \"first_name\": \"Candidate Name\", \"middle_name\": \"Middle Name\","
    " \"last_name\": \"Last Name\", \"title\": \"Candidate Tittle\","
    " \"emails\": {\"primary\": \"candidate@email.com\", \"secondary\": null},"
    " \"address\": {\"street\": \"street\", \"city\": \"city\", \"state\": \"CA\", \"postal_code\": \"18234\"},"
    " \"country_code\": \"US\", \"social_media_urls\": [], \"website\": \"https://website.com\","
    " \"phones\": {\"home\": null, \"cell\": \"1234567890\", \"work\": null},"
    " \"best_time_to_call\": \"14:00\", \"current_employer\": \"CurrentEmployer\", \"date_available\": \"2024-12-12\","
    " \"current_pay\": \"400\", \"desired_pay\": \"8000\", \"is_willing_to_relocate\": true, \"key_skills\": \"\","
    " \"notes\": \"\", \"is_hot\": true, \"is_active\": true, \"contact_id\": null, \"owner_id\": 123456,"
    " \"entered_by_id\": 123456, \"source\": \"\", \"is_registered\": true, \"consent_status\": null,"
    " \"date_created\": \"2024-11-19T20:13:12+00:00\", \"date_modified\": \"2024-11-19T20:13:12+00:00\","
    " \"_links\": {\"self\": {\"href\": \"/candidates/123456789\"},"
    "   \"work_history\": {\"href\": \"/candidates/123456789/work_history\"},"
    "   \"owner\": {\"href\": \"/users/123456\"}, \"entered_by\": {\"href\": \"/users/123456\"}},"
    " \"_embedded\": {\"custom_fields\": [], \"work_history\": [], \"thumbnail\": [], \"phones\": [], \"emails\": []} }";

/* A contact whose id CATS sent as a string, and an embedded status whose
 * href has no leading slash. */
static const char contact_record[] =
    "{\"id\": \"123456789\", \"first_name\": \"Contact\", \"owner_id\": \"123456\","
    " \"_links\": {\"self\": {\"href\": \"/contacts/123456789\"}},"
    " \"_embedded\": {\"status\": {\"id\": 123456, \"title\": \"Active\","
    "   \"_links\": {\"self\": {\"href\": \"contacts/statuses/123456\"}}}}}";

/* The activity record from a CATS webhook sample. */
static const char activity_record[] =
    "{ \"id\": 123456789, \"data_item\": {\"id\": 123456789, \"type\": \"candidate\"},"
    "  \"date\": \"2024-11-19T19:57:54+00:00\", \"regarding_id\": 123456789, \"type\": \"other\", \"notes\": null,"
    "  \"annotation\": \"Added candidate to pipeline: No Contact\", \"entered_by_id\": 123456789,"
    "  \"date_created\": \"2024-11-19T19:57:54+00:00\", \"date_modified\": \"2024-11-19T19:57:54+00:00\","
    "  \"_links\": {\"self\": {\"href\": \"/activities/123456789\"}, \"regarding\": {\"href\": \"/jobs/123456789\"},"
    "             \"data_item\": {\"href\": \"/candidates/123456789\"}, \"entered_by\": {\"href\": \"/users/123456789\"}} }";

/* ---- collections ---- */

static void
list_envelope_reads_counts(void **state)
{
    struct api_list list;
    struct api_error err;

    assert_int_equal(api_list_parse(jobs_page, strlen(jobs_page), "jobs", 1, 25, &list, &err), 0);
    assert_int_equal(list.count, 25);
    assert_true(list.total_known);
    assert_int_equal(list.total, 250);
    assert_true(list.has_next);
    assert_int_equal(list.page, 1);
    assert_int_equal(list.per_page, 25);
    assert_int_equal(api_list_length(&list), 1);
    assert_string_equal(api_json_link(list.body, "next"), "/jobs?page=2&per_page=25");
    assert_string_equal(api_json_string(api_list_row(&list, 0), "..."), "...");
    assert_null(api_list_row(&list, 1));
    api_list_free(&list);
    assert_null(list.body);
}

static void
list_total_null_is_unknown(void **state)
{
    struct api_list list;
    struct api_error err;
    int64_t id = 0;

    assert_int_equal(api_list_parse(tasks_total_null, strlen(tasks_total_null), "tasks", 1, 2, &list, &err), 0);
    assert_false(list.total_known);
    assert_int_equal(list.count, 2);
    assert_true(list.has_next);
    assert_int_equal(api_list_length(&list), 2);

    assert_true(api_json_id(api_list_row(&list, 0), "id", &id));
    assert_int_equal(id, 11);
    assert_true(api_json_id(api_list_row(&list, 1), "id", &id));
    assert_int_equal(id, 12);
    assert_string_equal(api_json_link(list.body, "next"), "tasks?page=2&per_page=2");
    api_list_free(&list);
}

static void
list_dates_keep_offsets(void **state)
{
    struct api_list list;
    struct api_error err;
    struct json_object *first;

    assert_int_equal(api_list_parse(tasks_total_null, strlen(tasks_total_null), "tasks", 1, 2, &list, &err), 0);
    first = api_list_row(&list, 0);
    assert_string_equal(api_json_string(first, "date_created"), "2024-03-01T09:00:00-05:00");
    assert_string_equal(api_json_string(first, "date_due"), "2024-03-30T00:48:55.061Z");
    assert_null(api_json_string(api_list_row(&list, 1), "date_due"));
    assert_null(api_json_string(first, "date_completed"));
    assert_null(api_json_string(first, "no_such_field"));
    api_list_free(&list);
}

static void
list_events_without_rows(void **state)
{
    struct api_list list;
    struct api_error err;
    int64_t last_id = 0;

    assert_int_equal(api_list_parse(events_page, strlen(events_page), "events", 0, 0, &list, &err), 0);
    assert_int_equal(list.count, 25);
    assert_false(list.total_known);
    assert_true(list.has_next);
    assert_int_equal(api_list_length(&list), 0);
    assert_true(api_json_id(list.body, "last_id", &last_id));
    assert_int_equal(last_id, 12369);
    api_list_free(&list);
}

static void
list_last_page_has_no_next(void **state)
{
    struct api_list list;
    struct api_error err;

    assert_int_equal(api_list_parse(users_last_page, strlen(users_last_page), "users", 2, 25, &list, &err), 0);
    assert_false(list.has_next);
    assert_int_equal(list.total, 26);
    assert_null(api_json_link(api_list_row(&list, 0), "self"));
    assert_string_equal(api_json_string(api_list_row(&list, 0), "access_level"), "read_only");
    api_list_free(&list);
}

static void
list_missing_embedded_is_empty(void **state)
{
    static const char body[] = "{\"count\": 0, \"total\": 0, \"_links\": {}}";
    struct api_list list;
    struct api_error err;

    assert_int_equal(api_list_parse(body, strlen(body), "tasks", 9, 25, &list, &err), 0);
    assert_int_equal(api_list_length(&list), 0);
    assert_null(list.rows);
    assert_false(list.has_next);
    api_list_free(&list);
}

static void
list_rows_not_array_rejected(void **state)
{
    static const char body[] = "{\"count\": 1, \"_embedded\": {\"tasks\": {\"id\": 1}}}";
    struct api_list list;
    struct api_error err;

    assert_int_equal(api_list_parse(body, strlen(body), "tasks", 1, 25, &list, &err), -1);
    assert_int_equal(err.kind, API_ERR_BAD_JSON);
    assert_non_null(strstr(err.message, "_embedded.tasks"));
    assert_null(list.body);
}

static void
list_count_missing_uses_rows(void **state)
{
    static const char body[] = "{\"_embedded\": {\"tags\": [{\"id\": 1}, {\"id\": 2, \"parent_id\": 1}]}}";
    struct api_list list;
    struct api_error err;

    assert_int_equal(api_list_parse(body, strlen(body), "tags", 1, 25, &list, &err), 0);
    assert_int_equal(list.count, 2);
    assert_false(list.total_known);
    api_list_free(&list);
}

/* ---- records ---- */

static void
record_keeps_every_field(void **state)
{
    struct json_object *record, *value;
    struct api_error err;
    int64_t id;

    assert_int_equal(api_record_parse(candidate_record, strlen(candidate_record), &record, &err), 0);
    assert_true(api_json_id(record, "id", &id));
    assert_int_equal(id, 123456789);
    assert_true(json_object_object_get_ex(record, "consent_status", &value));
    assert_null(value);
    assert_true(json_object_object_get_ex(record, "social_media_urls", &value));
    assert_true(json_object_is_type(value, json_type_array));
    assert_true(json_object_object_get_ex(record, "_embedded", &value));
    assert_int_equal(json_object_object_length(value), 5);
    assert_string_equal(api_json_string(record, "date_available"), "2024-12-12");
    assert_string_equal(api_json_link(record, "owner"), "/users/123456");
    assert_false(api_json_id(record, "contact_id", &id));
    json_object_put(record);
}

static void
record_string_id_accepted(void **state)
{
    struct json_object *record, *embedded, *status;
    struct api_error err;
    int64_t id = 0;

    assert_int_equal(api_record_parse(contact_record, strlen(contact_record), &record, &err), 0);
    assert_true(api_json_id(record, "id", &id));
    assert_int_equal(id, 123456789);
    assert_true(api_json_id(record, "owner_id", &id));
    assert_int_equal(id, 123456);

    assert_true(json_object_object_get_ex(record, "_embedded", &embedded));
    assert_true(json_object_object_get_ex(embedded, "status", &status));
    assert_string_equal(api_json_link(status, "self"), "contacts/statuses/123456");
    json_object_put(record);
}

static void
record_activity_nulls(void **state)
{
    struct json_object *record;
    struct api_error err;
    int64_t id = 0;

    assert_int_equal(api_record_parse(activity_record, strlen(activity_record), &record, &err), 0);
    assert_null(api_json_string(record, "notes"));
    assert_string_equal(api_json_string(record, "type"), "other");
    assert_true(api_json_id(record, "regarding_id", &id));
    assert_int_equal(id, 123456789);
    assert_string_equal(api_json_link(record, "regarding"), "/jobs/123456789");
    json_object_put(record);
}

static void
record_array_rejected(void **state)
{
    struct json_object *record = NULL;
    struct api_error err;

    assert_int_equal(api_record_parse("[1, 2]", 6, &record, &err), -1);
    assert_int_equal(err.kind, API_ERR_BAD_JSON);
    assert_null(record);
}

static void
json_id_rejects_non_ids(void **state)
{
    struct json_object *obj = json_tokener_parse(
        "{\"neg\": -4, \"text\": \"12a\", \"empty\": \"\", \"float\": 1.5, \"bool\": true, \"null\": null,"
        " \"signed\": \"+5\", \"big\": \"9223372036854775807\", \"huge\": \"99999999999999999999\"}");
    int64_t id = 0;

    assert_false(api_json_id(obj, "neg", &id));
    assert_false(api_json_id(obj, "text", &id));
    assert_false(api_json_id(obj, "empty", &id));
    assert_false(api_json_id(obj, "float", &id));
    assert_false(api_json_id(obj, "bool", &id));
    assert_false(api_json_id(obj, "null", &id));
    assert_false(api_json_id(obj, "signed", &id));
    assert_false(api_json_id(obj, "missing", &id));
    assert_false(api_json_id(obj, "huge", &id));
    assert_true(api_json_id(obj, "big", &id));
    assert_true(id == INT64_MAX);
    json_object_put(obj);
}

/* ---- broken bodies ---- */

static void
json_ending_early_is_bad(void **state)
{
    struct api_list list;
    struct api_error err;

    assert_int_equal(api_list_parse(jobs_page, strlen(jobs_page) / 2, "jobs", 1, 25, &list, &err), -1);
    assert_int_equal(err.kind, API_ERR_BAD_JSON);
    assert_non_null(strstr(err.message, "ends early"));
    assert_null(list.body);
}

static void
invalid_json_reported(void **state)
{
    static const char body[] = "{\"count\": 25,, }";
    struct json_object *record;
    struct api_error err;

    assert_int_equal(api_record_parse(body, strlen(body), &record, &err), -1);
    assert_int_equal(err.kind, API_ERR_BAD_JSON);
    assert_non_null(strstr(err.message, "invalid JSON"));
}

static void
trailing_garbage_reported(void **state)
{
    static const char body[] = "{\"id\": 1} <html>";
    struct json_object *record;
    struct api_error err;

    assert_int_equal(api_record_parse(body, strlen(body), &record, &err), -1);
    assert_int_equal(err.kind, API_ERR_BAD_JSON);
    assert_null(record);
}

static void
empty_body_reported(void **state)
{
    struct json_object *record;
    struct api_error err;

    assert_int_equal(api_record_parse("", 0, &record, &err), -1);
    assert_int_equal(err.kind, API_ERR_BAD_JSON);
}

/* ---- Location, paths, file names ---- */

static void
location_id_forms(void **state)
{
    assert_int_equal(api_location_id("https://api.catsone.com/v3/tasks/413428437"), 413428437);
    assert_int_equal(api_location_id("/v3/candidates/413428437"), 413428437);
    assert_int_equal(api_location_id("/tasks/7/"), 7);
    assert_int_equal(api_location_id("/backups/12?x=1"), 12);
    assert_int_equal(api_location_id("42"), 42);
    assert_int_equal(api_location_id("/tasks/abc"), 0);
    assert_int_equal(api_location_id(""), 0);
    assert_int_equal(api_location_id(NULL), 0);
}

static void
path_with_page_forms(void **state)
{
    char path[128];

    api_path_with_page(path, sizeof path, "/tasks", 2, 100);
    assert_string_equal(path, "/tasks?page=2&per_page=100");
    api_path_with_page(path, sizeof path, "/activities/search?query=call", 1, 0);
    assert_string_equal(path, "/activities/search?query=call&page=1");
    api_path_with_page(path, sizeof path, "/users", 0, 25);
    assert_string_equal(path, "/users?per_page=25");
    api_path_with_page(path, sizeof path, "/site", 0, 0);
    assert_string_equal(path, "/site");
}

static void
safe_filename_cases(void **state)
{
    static const struct { const char *in, *out; } cases[] = {
        { "resume.pdf", "resume.pdf" },
        { "../../etc/passwd", "passwd" },
        { "C:\\Users\\x\\cv.docx", "cv.docx" },
        { ".bashrc", "bashrc" },
        { "...", "download" },
        { "", "download" },
        { "dir/", "download" },
        { "a\x1b[31mred\x07.txt", "a[31mred.txt" },
        { "\x01.hidden", "hidden" },
        { "line\nbreak.txt", "linebreak.txt" },
        { "c1\xc2\x9b" "x.txt", "c1x.txt" },
        { "Lebenslauf \xc3\xbc.pdf", "Lebenslauf \xc3\xbc.pdf" },
        { " .. spaced", "spaced" },
    };
    char out[64];

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(api_safe_filename(cases[i].in, out, sizeof out), cases[i].out);
    assert_string_equal(api_safe_filename(NULL, out, sizeof out), "download");
}

static void
safe_filename_truncates_utf8(void **state)
{
    char out[6];

    /* "ab" then three two-byte characters: only whole characters fit. */
    assert_string_equal(api_safe_filename("ab\xc3\xbc\xc3\xbc\xc3\xbc", out, sizeof out), "ab\xc3\xbc");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(list_envelope_reads_counts),
        cmocka_unit_test(list_total_null_is_unknown),
        cmocka_unit_test(list_dates_keep_offsets),
        cmocka_unit_test(list_events_without_rows),
        cmocka_unit_test(list_last_page_has_no_next),
        cmocka_unit_test(list_missing_embedded_is_empty),
        cmocka_unit_test(list_rows_not_array_rejected),
        cmocka_unit_test(list_count_missing_uses_rows),
        cmocka_unit_test(record_keeps_every_field),
        cmocka_unit_test(record_string_id_accepted),
        cmocka_unit_test(record_activity_nulls),
        cmocka_unit_test(record_array_rejected),
        cmocka_unit_test(json_id_rejects_non_ids),
        cmocka_unit_test(json_ending_early_is_bad),
        cmocka_unit_test(invalid_json_reported),
        cmocka_unit_test(trailing_garbage_reported),
        cmocka_unit_test(empty_body_reported),
        cmocka_unit_test(location_id_forms),
        cmocka_unit_test(path_with_page_forms),
        cmocka_unit_test(safe_filename_cases),
        cmocka_unit_test(safe_filename_truncates_utf8),
    };

    return cmocka_run_group_tests_name("api_parse", tests, NULL, NULL);
}
