/* api_body.c: the CATS writes that carry a JSON body: tasks, activities,
 * filters, work history, webhooks and backups.  Bodies are built with
 * json-c from the caller's structs, and only fields marked as set are sent. */
#include "config.h"

#include <string.h>

#include "api_internal.h"

#define BODY_PATH_MAX 512

const char *const api_activity_types[] = {
    "email", "meeting", "call_talked", "call_lvm", "call_missed", "text_message", "other", NULL,
};

const char *const api_webhook_events[] = {
    "candidate.created", "candidate.updated", "candidate.deleted",
    "job.created", "job.updated", "job.deleted", "job.status_changed",
    "contact.created", "contact.updated", "contact.deleted", "contact.status_changed",
    "company.created", "company.updated", "company.deleted", "company.status_changed",
    "activity.created", "activity.updated", "activity.deleted",
    "user.created", "user.updated", "user.deleted",
    "pipeline.created", "pipeline.deleted", "pipeline.status_changed",
    NULL,
};

static const char *const data_item_types[] = {
    [API_DATA_ITEM_CANDIDATE] = "candidate",
    [API_DATA_ITEM_CONTACT] = "contact",
    [API_DATA_ITEM_COMPANY] = "company",
    [API_DATA_ITEM_JOB] = "job",
};

/* ---- json-c helpers ---- */

/* Adds a string, or null for NULL. */
static void
add_string(struct json_object *obj, const char *key, const char *value)
{
    json_object_object_add(obj, key, value ? json_object_new_string(value) : NULL);
}

static void
add_int(struct json_object *obj, const char *key, int64_t value)
{
    json_object_object_add(obj, key, json_object_new_int64(value));
}

static void
add_bool(struct json_object *obj, const char *key, bool value)
{
    json_object_object_add(obj, key, json_object_new_boolean(value));
}

/* Adds a positive id, or null for 0 and below ("none"). */
static void
add_id_or_null(struct json_object *obj, const char *key, int64_t id)
{
    json_object_object_add(obj, key, id > 0 ? json_object_new_int64(id) : NULL);
}

/* Sends body with method to path and frees it. */
static int
send_body(struct api_client *c, const char *method, const char *path, struct json_object *body, int64_t *new_id,
          struct api_error *err)
{
    int result = api_call(c, method, path, body, NULL, new_id, err);

    json_object_put(body);
    return result;
}

static int
send_to_record(struct api_client *c, const char *collection, int64_t id, struct json_object *body,
               struct api_error *err)
{
    char path[BODY_PATH_MAX];

    api_error_clear(err);
    if (id <= 0) {
        json_object_put(body);
        return api_error_set(err, API_ERR_ARGUMENT, "the id %lld is invalid; ids are positive", (long long)id);
    }
    snprintf(path, sizeof path, "%s/%lld", collection, (long long)id);
    return send_body(c, "PUT", path, body, NULL, err);
}

/* ---- tasks ---- */

static struct json_object *
data_item_json(const struct api_data_item *item)
{
    struct json_object *obj;

    if (item->type <= API_DATA_ITEM_NONE || item->type > API_DATA_ITEM_JOB)
        return NULL;
    obj = json_object_new_object();
    add_int(obj, "id", item->id);
    add_string(obj, "type", data_item_types[item->type]);
    return obj;
}

static struct json_object *
task_body(const struct api_task_fields *f)
{
    struct json_object *body = json_object_new_object();

    if (f->set & API_TASK_DATA_ITEM)
        json_object_object_add(body, "data_item", data_item_json(&f->data_item));
    if (f->set & API_TASK_DESCRIPTION)
        add_string(body, "description", f->description);
    if (f->set & API_TASK_PRIORITY)
        add_int(body, "priority", f->priority);
    if (f->set & API_TASK_DATE_DUE)
        add_string(body, "date_due", f->date_due);
    if (f->set & API_TASK_ASSIGNED_TO_ID)
        add_int(body, "assigned_to_id", f->assigned_to_id);
    if (f->set & API_TASK_IS_COMPLETED)
        add_bool(body, "is_completed", f->is_completed);
    return body;
}

int
api_task_create(struct api_client *c, const struct api_task_fields *fields, int64_t *new_id, struct api_error *err)
{
    api_error_clear(err);
    return send_body(c, "POST", "/tasks", task_body(fields), new_id, err);
}

int
api_task_update(struct api_client *c, int64_t id, const struct api_task_fields *fields, struct api_error *err)
{
    return send_to_record(c, "/tasks", id, task_body(fields), err);
}

/* ---- activities ---- */

static struct json_object *
activity_body(const struct api_activity_fields *f)
{
    struct json_object *body = json_object_new_object();

    if (f->set & API_ACTIVITY_TYPE)
        add_string(body, "type", f->type);
    if (f->set & API_ACTIVITY_NOTES)
        add_string(body, "notes", f->notes);
    if (f->set & API_ACTIVITY_REGARDING_ID)
        add_id_or_null(body, "regarding_id", f->regarding_id);
    if (f->set & API_ACTIVITY_DATE)
        add_string(body, "date", f->date);
    return body;
}

int
api_activity_update(struct api_client *c, int64_t id, const struct api_activity_fields *fields,
                    struct api_error *err)
{
    return send_to_record(c, "/activities", id, activity_body(fields), err);
}

static struct json_object *
range_json(struct json_object *low, struct json_object *high)
{
    struct json_object *range = json_object_new_object();

    json_object_object_add(range, "gte", low);
    json_object_object_add(range, "lte", high);
    return range;
}

static struct json_object *
filter_value(const struct api_filter *f)
{
    switch (f->value_kind) {
    case API_FILTER_STRING:
        return f->value.string ? json_object_new_string(f->value.string) : NULL;
    case API_FILTER_INTEGER:
        return json_object_new_int64(f->value.integer);
    case API_FILTER_BOOLEAN:
        return json_object_new_boolean(f->value.boolean);
    case API_FILTER_RANGE_INTEGER:
        return range_json(json_object_new_int64(f->value.low_integer), json_object_new_int64(f->value.high_integer));
    case API_FILTER_RANGE_STRING:
        return range_json(f->value.low ? json_object_new_string(f->value.low) : NULL,
                          f->value.high ? json_object_new_string(f->value.high) : NULL);
    }
    return NULL;
}

int
api_activities_filter(struct api_client *c, const struct api_filter *filter, const char *query, int page,
                      int per_page, struct api_list *out, struct api_error *err)
{
    char base[BODY_PATH_MAX], path[BODY_PATH_MAX];
    char *escaped = query ? curl_easy_escape(c->curl, query, 0) : NULL;
    struct json_object *body;
    int result;

    memset(out, 0, sizeof *out);
    api_error_clear(err);
    if (query != NULL && escaped == NULL)
        return api_error_set(err, API_ERR_IO, "out of memory while encoding the search query");
    snprintf(base, sizeof base, "/activities/search%s%s", escaped ? "?query=" : "", escaped ? escaped : "");
    curl_free(escaped);
    api_path_with_page(path, sizeof path, base, page, per_page);

    body = json_object_new_object();
    add_string(body, "field", filter->field);
    add_string(body, "filter", filter->filter);
    json_object_object_add(body, "value", filter_value(filter));
    result = api_call_list(c, "POST", path, body, "activities", page, per_page, out, err);
    json_object_put(body);
    return result;
}

/* ---- work history ---- */

static struct json_object *
employer_json(const struct api_employer *e)
{
    struct json_object *obj = json_object_new_object(), *location;

    add_bool(obj, "linked", e->linked);
    if (e->linked) {
        add_int(obj, "company_id", e->company_id);
        return obj;
    }
    add_string(obj, "name", e->name);
    location = json_object_new_object();
    add_string(location, "city", e->city);
    add_string(location, "state", e->state);
    json_object_object_add(obj, "location", location);
    return obj;
}

static struct json_object *
supervisor_json(const struct api_supervisor *s)
{
    struct json_object *obj = json_object_new_object();

    add_bool(obj, "linked", s->linked);
    if (s->linked) {
        add_int(obj, "contact_id", s->contact_id);
        return obj;
    }
    add_string(obj, "name", s->name);
    add_string(obj, "phone", s->phone);
    return obj;
}

static struct json_object *
work_history_body(const struct api_work_history_fields *f)
{
    struct json_object *body = json_object_new_object();

    if (f->set & API_WORK_TITLE)
        add_string(body, "title", f->title);
    if (f->set & API_WORK_EMPLOYER)
        json_object_object_add(body, "employer", employer_json(&f->employer));
    if (f->set & API_WORK_SUPERVISOR)
        json_object_object_add(body, "supervisor", supervisor_json(&f->supervisor));
    if (f->set & API_WORK_START_DATE)
        add_string(body, "start_date", f->start_date);
    if (f->set & API_WORK_END_DATE)
        add_string(body, "end_date", f->end_date);
    if (f->set & API_WORK_IS_CURRENT)
        add_bool(body, "is_current", f->is_current);
    if (f->set & API_WORK_IS_VERIFIED)
        add_bool(body, "is_verified", f->is_verified);
    if (f->set & API_WORK_REASON_FOR_LEAVING)
        add_string(body, "reason_for_leaving", f->reason_for_leaving);
    return body;
}

int
api_work_history_update(struct api_client *c, int64_t id, const struct api_work_history_fields *fields,
                        struct api_error *err)
{
    return send_to_record(c, "/work_history", id, work_history_body(fields), err);
}

/* ---- webhooks and backups ---- */

static bool
is_webhook_event(const char *name)
{
    for (const char *const *event = api_webhook_events; *event; event++)
        if (strcmp(*event, name) == 0)
            return true;
    return false;
}

static int
check_webhook(const struct api_webhook_fields *f, struct api_error *err)
{
    if (f->event_count == 0)
        return api_error_set(err, API_ERR_ARGUMENT, "a webhook needs at least one event");
    for (size_t i = 0; i < f->event_count; i++)
        if (f->events[i] == NULL || !is_webhook_event(f->events[i]))
            return api_error_set(err, API_ERR_ARGUMENT, "\"%s\" is not a CATS webhook event; use e.g. candidate.created",
                                 f->events[i] ? f->events[i] : "(null)");
    if (f->target_url == NULL || *f->target_url == '\0')
        return api_error_set(err, API_ERR_ARGUMENT, "a webhook needs a target URL");
    return 0;
}

int
api_webhook_create(struct api_client *c, const struct api_webhook_fields *fields, int64_t *new_id,
                   struct api_error *err)
{
    struct json_object *body, *events;

    api_error_clear(err);
    if (new_id != NULL)
        *new_id = 0;
    if (check_webhook(fields, err) != 0)
        return -1;

    body = json_object_new_object();
    events = json_object_new_array();
    for (size_t i = 0; i < fields->event_count; i++)
        json_object_array_add(events, json_object_new_string(fields->events[i]));
    json_object_object_add(body, "events", events);
    add_string(body, "target_url", fields->target_url);
    if (fields->secret != NULL)
        add_string(body, "secret", fields->secret);
    return send_body(c, "POST", "/webhooks", body, new_id, err);
}

int
api_backup_create(struct api_client *c, const struct api_backup_fields *fields, int64_t *new_id,
                  struct api_error *err)
{
    struct json_object *body = json_object_new_object();

    api_error_clear(err);
    if (fields->set & API_BACKUP_INCLUDE_ATTACHMENTS)
        add_bool(body, "include_attachments", fields->include_attachments);
    if (fields->set & API_BACKUP_INCLUDE_EMAILS)
        add_bool(body, "include_emails", fields->include_emails);
    return send_body(c, "POST", "/backups", body, new_id, err);
}
