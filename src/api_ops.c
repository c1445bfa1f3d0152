/* api_ops.c: the typed CATS operations that need no request body: lists,
 * single records, deletes, and publishing a job on a portal. */
#include "config.h"

#include <string.h>

#include "api_internal.h"

#define OP_PATH_MAX 512

static int
check_id(int64_t id, const char *what, struct api_error *err)
{
    api_error_clear(err);
    if (id <= 0)
        return api_error_set(err, API_ERR_ARGUMENT, "the %s %lld is invalid; ids are positive", what,
                             (long long)id);
    return 0;
}

/* GETs path with page and per_page added, as a collection of plural. */
static int
list_at(struct api_client *c, const char *path, const char *plural, int page, int per_page, struct api_list *out,
        struct api_error *err)
{
    char full[OP_PATH_MAX];

    api_path_with_page(full, sizeof full, path, page, per_page);
    return api_call_list(c, "GET", full, NULL, plural, page, per_page, out, err);
}

/* GETs collection/id/suffix as a record; suffix may be "". */
static int
record_at(struct api_client *c, const char *collection, int64_t id, const char *suffix, struct json_object **out,
          struct api_error *err)
{
    char path[OP_PATH_MAX];

    *out = NULL;
    if (check_id(id, "id", err) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/%lld%s", collection, (long long)id, suffix);
    return api_call(c, "GET", path, NULL, out, NULL, err);
}

static int
delete_at(struct api_client *c, const char *collection, int64_t id, struct api_error *err)
{
    char path[OP_PATH_MAX];

    if (check_id(id, "id", err) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/%lld", collection, (long long)id);
    return api_call(c, "DELETE", path, NULL, NULL, NULL, err);
}

/* ---- lists ---- */

int
api_tasks_list(struct api_client *c, int page, int per_page, struct api_list *out, struct api_error *err)
{
    return list_at(c, "/tasks", "tasks", page, per_page, out, err);
}

int
api_activities_list(struct api_client *c, int page, int per_page, struct api_list *out, struct api_error *err)
{
    return list_at(c, "/activities", "activities", page, per_page, out, err);
}

int
api_users_list(struct api_client *c, int page, int per_page, struct api_list *out, struct api_error *err)
{
    return list_at(c, "/users", "users", page, per_page, out, err);
}

int
api_portals_list(struct api_client *c, int page, int per_page, struct api_list *out, struct api_error *err)
{
    return list_at(c, "/portals", "portals", page, per_page, out, err);
}

int
api_backups_list(struct api_client *c, int page, int per_page, struct api_list *out, struct api_error *err)
{
    return list_at(c, "/backups", "backups", page, per_page, out, err);
}

int
api_webhooks_list(struct api_client *c, int page, int per_page, struct api_list *out, struct api_error *err)
{
    return list_at(c, "/webhooks", "webhooks", page, per_page, out, err);
}

int
api_tags_list(struct api_client *c, int page, int per_page, struct api_list *out, struct api_error *err)
{
    return list_at(c, "/tags", "tags", page, per_page, out, err);
}

int
api_triggers_list(struct api_client *c, int page, int per_page, struct api_list *out, struct api_error *err)
{
    return list_at(c, "/triggers", "triggers", page, per_page, out, err);
}

/* Lists collection/id/suffix, e.g. /portals/5/jobs. */
static int
nested_list(struct api_client *c, const char *collection, int64_t id, const char *suffix, const char *plural,
            int page, int per_page, struct api_list *out, struct api_error *err)
{
    char path[OP_PATH_MAX];

    memset(out, 0, sizeof *out);
    if (check_id(id, "id", err) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/%lld/%s", collection, (long long)id, suffix);
    return list_at(c, path, plural, page, per_page, out, err);
}

int
api_portal_jobs_list(struct api_client *c, int64_t portal_id, int page, int per_page, struct api_list *out,
                     struct api_error *err)
{
    return nested_list(c, "/portals", portal_id, "jobs", "jobs", page, per_page, out, err);
}

int
api_candidate_work_history_list(struct api_client *c, int64_t candidate_id, int page, int per_page,
                                struct api_list *out, struct api_error *err)
{
    return nested_list(c, "/candidates", candidate_id, "work_history", "work_history", page, per_page, out, err);
}

int
api_activities_search(struct api_client *c, const char *query, int page, int per_page, struct api_list *out,
                      struct api_error *err)
{
    char path[OP_PATH_MAX];
    char *escaped = curl_easy_escape(c->curl, query ? query : "", 0);

    memset(out, 0, sizeof *out);
    api_error_clear(err);
    if (escaped == NULL)
        return api_error_set(err, API_ERR_IO, "out of memory while encoding the search query");
    snprintf(path, sizeof path, "/activities/search?query=%s", escaped);
    curl_free(escaped);
    return list_at(c, path, "activities", page, per_page, out, err);
}

int
api_events_list(struct api_client *c, int64_t after_timestamp, struct api_list *out, struct api_error *err)
{
    char path[OP_PATH_MAX];

    snprintf(path, sizeof path, "/events?starting_after_timestamp=%lld", (long long)after_timestamp);
    return api_call_list(c, "GET", path, NULL, "events", 0, 0, out, err);
}

/* ---- single records ---- */

int
api_task_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err)
{
    return record_at(c, "/tasks", id, "", out, err);
}

int
api_activity_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err)
{
    return record_at(c, "/activities", id, "", out, err);
}

int
api_user_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err)
{
    return record_at(c, "/users", id, "", out, err);
}

int
api_portal_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err)
{
    return record_at(c, "/portals", id, "", out, err);
}

int
api_portal_registration_get(struct api_client *c, int64_t portal_id, struct json_object **out,
                            struct api_error *err)
{
    return record_at(c, "/portals", portal_id, "/registration", out, err);
}

int
api_backup_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err)
{
    return record_at(c, "/backups", id, "", out, err);
}

int
api_webhook_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err)
{
    return record_at(c, "/webhooks", id, "", out, err);
}

int
api_tag_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err)
{
    return record_at(c, "/tags", id, "", out, err);
}

int
api_trigger_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err)
{
    return record_at(c, "/triggers", id, "", out, err);
}

int
api_work_history_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err)
{
    return record_at(c, "/work_history", id, "", out, err);
}

int
api_attachment_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err)
{
    return record_at(c, "/attachments", id, "", out, err);
}

int
api_candidate_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err)
{
    return record_at(c, "/candidates", id, "", out, err);
}

int
api_job_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err)
{
    return record_at(c, "/jobs", id, "", out, err);
}

int
api_site_get(struct api_client *c, struct json_object **out, struct api_error *err)
{
    return api_call(c, "GET", "/site", NULL, out, NULL, err);
}

/* ---- deletes and publishing ---- */

int
api_task_delete(struct api_client *c, int64_t id, struct api_error *err)
{
    return delete_at(c, "/tasks", id, err);
}

int
api_activity_delete(struct api_client *c, int64_t id, struct api_error *err)
{
    return delete_at(c, "/activities", id, err);
}

int
api_webhook_delete(struct api_client *c, int64_t id, struct api_error *err)
{
    return delete_at(c, "/webhooks", id, err);
}

int
api_work_history_delete(struct api_client *c, int64_t id, struct api_error *err)
{
    return delete_at(c, "/work_history", id, err);
}

int
api_attachment_delete(struct api_client *c, int64_t id, struct api_error *err)
{
    return delete_at(c, "/attachments", id, err);
}

/* Sends method to /portals/{portal_id}/jobs/{job_id}; a PUT carries {}
 * because CATS rejects a PUT without a JSON body. */
static int
portal_job(struct api_client *c, const char *method, int64_t portal_id, int64_t job_id, struct api_error *err)
{
    char path[OP_PATH_MAX];
    struct json_object *body = NULL;
    int result;

    if (check_id(portal_id, "portal id", err) != 0 || check_id(job_id, "job id", err) != 0)
        return -1;
    snprintf(path, sizeof path, "/portals/%lld/jobs/%lld", (long long)portal_id, (long long)job_id);
    if (strcmp(method, "PUT") == 0)
        body = json_object_new_object();
    result = api_call(c, method, path, body, NULL, NULL, err);
    json_object_put(body);
    return result;
}

int
api_portal_job_publish(struct api_client *c, int64_t portal_id, int64_t job_id, struct api_error *err)
{
    return portal_job(c, "PUT", portal_id, job_id, err);
}

int
api_portal_job_unpublish(struct api_client *c, int64_t portal_id, int64_t job_id, struct api_error *err)
{
    return portal_job(c, "DELETE", portal_id, job_id, err);
}
