/* seed_examples.c: the example records that the CATS API documentation and
 * recorded webhook payloads show, seeded with the same ids and values so a
 * client can compare what it reads here with the published samples. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonutil.h"
#include "store.h"
#include "util.h"

/* Parses a JSON text known to be valid (it is written in this file). */
static json_object *
parse_constant(const char *text)
{
    json_object *obj = json_tokener_parse(text);

    if (obj == NULL) {
        fprintf(stderr, "cats-sandbox: an example record does not parse: %.60s\n", text);
        abort();
    }
    return obj;
}

static void
add_doc(struct table *table, long id, const char *fields)
{
    struct doc *doc = table_insert(table, id);

    if (doc != NULL)
        doc->fields = parse_constant(fields);
}

static int64_t
parse_time_constant(const char *text)
{
    int64_t t = 0;

    util_parse_time(text, &t);
    return t;
}

/* The users that the examples refer to (owner 123456, entered_by 123456789)
 * and the "Get a User" sample. */
static void
seed_example_users(struct store *store)
{
    add_doc(&store->users, 657,
            "{\"username\":\"jdoe\",\"first_name\":\"Jane\",\"last_name\":\"Doe\","
            "\"title\":\"Recruiter\",\"access_level\":\"read_only\"}");
    add_doc(&store->users, 123456,
            "{\"username\":\"owner\",\"first_name\":\"Owner\",\"last_name\":\"User\","
            "\"title\":\"Account Owner\",\"access_level\":\"admin\"}");
    add_doc(&store->users, 123456789,
            "{\"username\":\"webhookuser\",\"first_name\":\"Webhook\",\"last_name\":\"Sample\","
            "\"title\":\"Recruiter\",\"access_level\":\"edit\"}");
}

/* The candidate of the candidate.created webhook sample, field for field. */
static void
seed_example_candidate(struct store *store)
{
    add_doc(&store->candidates, 123456789,
            "{\"first_name\":\"Candidate Name\",\"middle_name\":\"Middle Name\","
            "\"last_name\":\"Last Name\",\"title\":\"Candidate Tittle\","
            "\"emails\":{\"primary\":\"candidate@email.com\",\"secondary\":null},"
            "\"address\":{\"street\":\"street\",\"city\":\"city\",\"state\":\"CA\",\"postal_code\":\"18234\"},"
            "\"country_code\":\"US\",\"social_media_urls\":[],\"website\":\"https://website.com\","
            "\"phones\":{\"home\":null,\"cell\":\"1234567890\",\"work\":null},"
            "\"best_time_to_call\":\"14:00\",\"current_employer\":\"CurrentEmployer\","
            "\"date_available\":\"2024-12-12\",\"current_pay\":\"400\",\"desired_pay\":\"8000\","
            "\"is_willing_to_relocate\":true,\"key_skills\":\"\",\"notes\":\"\",\"is_hot\":true,"
            "\"is_active\":true,\"contact_id\":null,\"owner_id\":123456,\"entered_by_id\":123456,"
            "\"source\":\"\",\"is_registered\":true,\"consent_status\":null,"
            "\"date_created\":\"2024-11-19T20:13:12+00:00\",\"date_modified\":\"2024-11-19T20:13:12+00:00\"}");
    add_doc(&store->candidates, 101,
            "{\"first_name\":\"Alex\",\"middle_name\":\"\",\"last_name\":\"Rivera\","
            "\"title\":\"Senior Software Engineer\","
            "\"emails\":{\"primary\":\"alex.rivera@mail.example.net\",\"secondary\":null},"
            "\"address\":{\"street\":null,\"city\":\"Boston\",\"state\":\"MA\",\"postal_code\":\"02108\"},"
            "\"country_code\":\"US\",\"social_media_urls\":[],\"website\":null,"
            "\"phones\":{\"home\":null,\"cell\":\"555-123-9876\",\"work\":null},"
            "\"best_time_to_call\":\"\",\"current_employer\":\"Acme Corp\",\"date_available\":null,"
            "\"current_pay\":\"120000\",\"desired_pay\":\"135000\",\"is_willing_to_relocate\":false,"
            "\"key_skills\":\"C, Go, PostgreSQL\",\"notes\":\"\",\"is_hot\":false,\"is_active\":true,"
            "\"contact_id\":null,\"owner_id\":657,\"entered_by_id\":657,\"source\":\"Referral\","
            "\"is_registered\":false,\"consent_status\":null,"
            "\"date_created\":\"2023-02-01T15:04:05+00:00\",\"date_modified\":\"2024-06-30T10:00:00+00:00\"}");
}

/* The job the activity sample is regarding. */
static void
seed_example_job(struct store *store)
{
    add_doc(&store->jobs, 123456789,
            "{\"title\":\"Sample Job Order\",\"location\":{\"city\":\"city\",\"state\":\"CA\","
            "\"postal_code\":\"18234\"},\"country_code\":\"US\",\"company_id\":null,"
            "\"recruiter_id\":123456,\"owner_id\":123456,\"duration\":\"Full time\",\"openings\":1,"
            "\"is_hot\":false,\"description\":\"The job order that the CATS webhook samples point at.\","
            "\"notes\":\"\",\"start_date\":null,\"date_created\":\"2024-11-19T19:00:00+00:00\","
            "\"date_modified\":\"2024-11-19T19:00:00+00:00\"}");
}

/* The activity of the activity.created webhook sample. */
static void
seed_example_activity(struct store *store)
{
    struct activity *activity = table_insert(&store->activities, 123456789);
    int64_t when = parse_time_constant("2024-11-19T19:57:54+00:00");

    if (activity == NULL)
        return;
    activity->item_type = ITEM_CANDIDATE;
    activity->item_id = 123456789;
    activity->date = when;
    activity->regarding_id = 123456789;
    activity->type = ACTIVITY_OTHER;
    activity->notes = NULL;
    activity->annotation = util_xstrdup("Added candidate to pipeline: No Contact");
    activity->entered_by_id = 123456789;
    activity->date_created = when;
    activity->date_modified = when;
}

/* The work history sample of the "Get a Work History" page. */
static void
seed_example_work_history(struct store *store)
{
    add_doc(&store->work_history, 2237,
            "{\"title\":\"Senior Software Engineer\",\"candidate_id\":101,"
            "\"employer\":{\"linked\":false,\"name\":\"Acme Corp\",\"location\":{\"city\":\"Boston\",\"state\":\"MA\"}},"
            "\"supervisor\":{\"linked\":false,\"name\":\"Jane Manager\",\"phone\":\"555-123-4567\"},"
            "\"is_verified\":true,\"is_current\":false,\"start_date\":\"2020-01-15\","
            "\"end_date\":\"2023-06-30\",\"reason_for_leaving\":\"Career advancement\"}");
}

void
seed_examples(struct store *store)
{
    seed_example_users(store);
    seed_example_candidate(store);
    seed_example_job(store);
    seed_example_work_history(store);
    seed_example_activity(store);
}
