/* fetch_ops.c: copies the fetcher's requests and runs each one through the
 * API client, one callback per operation. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fetch_internal.h"
#include "mem.h"

/* Runs one request; returns what the api_* call returned. */
typedef int (*fetch_run_fn)(struct api_client *c, struct fetch_request *req,
                            struct fetch_result *res);

/* The api_* functions that take (client, id, err) or (client, portal, job,
 * err), looked up by op. */
typedef int (*api_by_id_fn)(struct api_client *c, int64_t id, struct api_error *err);
typedef int (*api_portal_job_fn)(struct api_client *c, int64_t portal_id, int64_t job_id,
                                 struct api_error *err);

struct fetch_request *
fetch_request_new(enum fetch_op op, unsigned long tag)
{
    struct fetch_request *req = mem_calloc(1, sizeof *req);

    req->op = op;
    req->tag = tag;
    req->fd = -1;
    return req;
}

static const void *
keep_bytes(struct fetch_request *req, const void *ptr, size_t size)
{
    if (ptr == NULL)
        return NULL;
    if (req->kept_count == req->kept_room) {
        req->kept_room = req->kept_room ? req->kept_room * 2 : 8;
        req->kept = mem_realloc(req->kept, req->kept_room * sizeof *req->kept);
    }

    void *copy = mem_alloc(size);
    memcpy(copy, ptr, size);
    req->kept[req->kept_count].ptr = copy;
    req->kept[req->kept_count].size = size;
    req->kept_count++;
    return copy;
}

const char *
fetch_request_keep_string(struct fetch_request *req, const char *s)
{
    return s ? keep_bytes(req, s, strlen(s) + 1) : NULL;
}

void
fetch_request_free(struct fetch_request *req)
{
    if (req == NULL)
        return;
    for (size_t i = 0; i < req->kept_count; i++) {
        mem_wipe(req->kept[i].ptr, req->kept[i].size);
        free(req->kept[i].ptr);
    }
    free(req->kept);
    if (req->fd >= 0)
        close(req->fd);
    free(req);
}

static void
keep_task(struct fetch_request *req)
{
    struct api_task_fields *task = &req->fields.task;

    task->description = fetch_request_keep_string(req, task->description);
    task->date_due = fetch_request_keep_string(req, task->date_due);
}

static void
keep_activity(struct fetch_request *req)
{
    struct api_activity_fields *activity = &req->fields.activity;

    activity->type = fetch_request_keep_string(req, activity->type);
    activity->notes = fetch_request_keep_string(req, activity->notes);
    activity->date = fetch_request_keep_string(req, activity->date);
}

static void
keep_work_history(struct fetch_request *req)
{
    struct api_work_history_fields *work = &req->fields.work_history;

    work->title = fetch_request_keep_string(req, work->title);
    work->employer.name = fetch_request_keep_string(req, work->employer.name);
    work->employer.city = fetch_request_keep_string(req, work->employer.city);
    work->employer.state = fetch_request_keep_string(req, work->employer.state);
    work->supervisor.name = fetch_request_keep_string(req, work->supervisor.name);
    work->supervisor.phone = fetch_request_keep_string(req, work->supervisor.phone);
    work->start_date = fetch_request_keep_string(req, work->start_date);
    work->end_date = fetch_request_keep_string(req, work->end_date);
    work->reason_for_leaving = fetch_request_keep_string(req, work->reason_for_leaving);
}

static void
keep_webhook(struct fetch_request *req)
{
    struct api_webhook_fields *webhook = &req->fields.webhook;
    const char **events = mem_calloc(webhook->event_count + 1, sizeof *events);

    for (size_t i = 0; i < webhook->event_count; i++)
        events[i] = fetch_request_keep_string(req, webhook->events[i]);
    webhook->events = keep_bytes(req, events, (webhook->event_count + 1) * sizeof *events);
    free(events);

    webhook->target_url = fetch_request_keep_string(req, webhook->target_url);
    webhook->secret = fetch_request_keep_string(req, webhook->secret);
}

static void
keep_portal_field(struct fetch_request *req, struct api_portal_field *field)
{
    field->text = fetch_request_keep_string(req, field->text);
    field->file_path = fetch_request_keep_string(req, field->file_path);
    field->filename = fetch_request_keep_string(req, field->filename);
    field->answer_ids = keep_bytes(req, field->answer_ids,
                                   field->answer_count * sizeof *field->answer_ids);
}

static void
keep_submission(struct fetch_request *req)
{
    struct api_portal_submission *submission = &req->fields.submission;
    struct api_portal_field *fields = (struct api_portal_field *)keep_bytes(
        req, submission->fields, submission->field_count * sizeof *submission->fields);

    for (size_t i = 0; fields != NULL && i < submission->field_count; i++)
        keep_portal_field(req, &fields[i]);
    submission->fields = fields;
    submission->source = fetch_request_keep_string(req, submission->source);
}

static void
keep_filter(struct fetch_request *req)
{
    struct api_filter *filter = &req->fields.filter;

    filter->field = fetch_request_keep_string(req, filter->field);
    filter->filter = fetch_request_keep_string(req, filter->filter);
    filter->value.string = fetch_request_keep_string(req, filter->value.string);
    filter->value.low = fetch_request_keep_string(req, filter->value.low);
    filter->value.high = fetch_request_keep_string(req, filter->value.high);
}

/* Copies the fields of each op that has some; the table is indexed by op. */
static void (*const keep_fields[FETCH_OP_COUNT])(struct fetch_request *req) = {
    [FETCH_FILTER_PAGE] = keep_filter,
    [FETCH_TASK_CREATE] = keep_task,
    [FETCH_TASK_UPDATE] = keep_task,
    [FETCH_ACTIVITY_UPDATE] = keep_activity,
    [FETCH_WORK_HISTORY_UPDATE] = keep_work_history,
    [FETCH_WEBHOOK_CREATE] = keep_webhook,
    [FETCH_PORTAL_JOB_APPLY] = keep_submission,
    [FETCH_PORTAL_REGISTRATION_SUBMIT] = keep_submission,
};

void
fetch_request_keep_fields(struct fetch_request *req)
{
    if (keep_fields[req->op] != NULL)
        keep_fields[req->op](req);
}

static int
run_page(struct api_client *c, struct fetch_request *req, struct fetch_result *res)
{
    char *path = mem_printf("%s%cpage=%d&per_page=%d", req->path,
                            strchr(req->path, '?') ? '&' : '?', req->key.page, req->per_page);
    int result = api_get_list(c, path, req->plural, &res->list, &res->error);

    free(path);
    return result;
}

static int
run_filter_page(struct api_client *c, struct fetch_request *req, struct fetch_result *res)
{
    return api_activities_filter(c, &req->fields.filter, req->query, req->key.page,
                                 req->per_page, &res->list, &res->error);
}

static int
run_get(struct api_client *c, struct fetch_request *req, struct fetch_result *res)
{
    return api_get(c, req->path, &res->record, &res->error);
}

static int
run_get_list(struct api_client *c, struct fetch_request *req, struct fetch_result *res)
{
    return api_get_list(c, req->path, req->plural, &res->list, &res->error);
}

static int
run_events(struct api_client *c, struct fetch_request *req, struct fetch_result *res)
{
    return api_events_list(c, req->id, &res->list, &res->error);
}

static int
run_task_create(struct api_client *c, struct fetch_request *req, struct fetch_result *res)
{
    return api_task_create(c, &req->fields.task, &res->new_id, &res->error);
}

static int
run_task_update(struct api_client *c, struct fetch_request *req, struct fetch_result *res)
{
    return api_task_update(c, req->id, &req->fields.task, &res->error);
}

static int
run_activity_update(struct api_client *c, struct fetch_request *req, struct fetch_result *res)
{
    return api_activity_update(c, req->id, &req->fields.activity, &res->error);
}

static int
run_work_history_update(struct api_client *c, struct fetch_request *req,
                        struct fetch_result *res)
{
    return api_work_history_update(c, req->id, &req->fields.work_history, &res->error);
}

static int
run_webhook_create(struct api_client *c, struct fetch_request *req, struct fetch_result *res)
{
    return api_webhook_create(c, &req->fields.webhook, &res->new_id, &res->error);
}

static int
run_backup_create(struct api_client *c, struct fetch_request *req, struct fetch_result *res)
{
    return api_backup_create(c, &req->fields.backup, &res->new_id, &res->error);
}

static const api_by_id_fn deletes[FETCH_OP_COUNT] = {
    [FETCH_TASK_DELETE] = api_task_delete,
    [FETCH_ACTIVITY_DELETE] = api_activity_delete,
    [FETCH_WORK_HISTORY_DELETE] = api_work_history_delete,
    [FETCH_WEBHOOK_DELETE] = api_webhook_delete,
    [FETCH_ATTACHMENT_DELETE] = api_attachment_delete,
};

static int
run_delete(struct api_client *c, struct fetch_request *req, struct fetch_result *res)
{
    return deletes[req->op](c, req->id, &res->error);
}

static const api_portal_job_fn portal_jobs[FETCH_OP_COUNT] = {
    [FETCH_PORTAL_JOB_PUBLISH] = api_portal_job_publish,
    [FETCH_PORTAL_JOB_UNPUBLISH] = api_portal_job_unpublish,
};

static int
run_portal_job(struct api_client *c, struct fetch_request *req, struct fetch_result *res)
{
    return portal_jobs[req->op](c, req->id, req->second_id, &res->error);
}

static int
run_portal_apply(struct api_client *c, struct fetch_request *req, struct fetch_result *res)
{
    return api_portal_job_apply(c, req->id, req->second_id, &req->fields.submission,
                                &res->new_id, &res->error);
}

static int
run_portal_register(struct api_client *c, struct fetch_request *req, struct fetch_result *res)
{
    return api_portal_registration_submit(c, req->id, &req->fields.submission, &res->new_id,
                                          &res->error);
}

static int
run_download(struct api_client *c, struct fetch_request *req, struct fetch_result *res)
{
    return api_attachment_download(c, req->id, req->fd, res->filename, sizeof res->filename,
                                   &res->bytes, &res->error);
}

static int
run_resume_parse(struct api_client *c, struct fetch_request *req, struct fetch_result *res)
{
    return api_resume_parse(c, req->path, &res->record, &res->error);
}

static const fetch_run_fn runs[FETCH_OP_COUNT] = {
    [FETCH_PAGE] = run_page,
    [FETCH_FILTER_PAGE] = run_filter_page,
    [FETCH_GET] = run_get,
    [FETCH_GET_LIST] = run_get_list,
    [FETCH_EVENTS] = run_events,
    [FETCH_TASK_CREATE] = run_task_create,
    [FETCH_TASK_UPDATE] = run_task_update,
    [FETCH_TASK_DELETE] = run_delete,
    [FETCH_ACTIVITY_UPDATE] = run_activity_update,
    [FETCH_ACTIVITY_DELETE] = run_delete,
    [FETCH_WORK_HISTORY_UPDATE] = run_work_history_update,
    [FETCH_WORK_HISTORY_DELETE] = run_delete,
    [FETCH_WEBHOOK_CREATE] = run_webhook_create,
    [FETCH_WEBHOOK_DELETE] = run_delete,
    [FETCH_BACKUP_CREATE] = run_backup_create,
    [FETCH_ATTACHMENT_DELETE] = run_delete,
    [FETCH_ATTACHMENT_DOWNLOAD] = run_download,
    [FETCH_RESUME_PARSE] = run_resume_parse,
    [FETCH_PORTAL_JOB_PUBLISH] = run_portal_job,
    [FETCH_PORTAL_JOB_UNPUBLISH] = run_portal_job,
    [FETCH_PORTAL_JOB_APPLY] = run_portal_apply,
    [FETCH_PORTAL_REGISTRATION_SUBMIT] = run_portal_register,
};

void
fetch_result_start(const struct fetch_request *req, struct fetch_result *res)
{
    res->op = req->op;
    res->tag = req->tag;
    res->key = req->key;
    res->id = req->id;
    res->second_id = req->second_id;
    api_error_clear(&res->error);
}

void
fetch_request_run(struct api_client *client, struct fetch_request *req,
                  struct fetch_result *res)
{
    fetch_result_start(req, res);
    runs[req->op](client, req, res);
}
