/* render.c: JSON for each kind of record, with CATS's links and quirks. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "jsonutil.h"
#include "render.h"
#include "util.h"

/* CATS sends the same instant at different UTC offsets on different
 * endpoints.  Under the mixed-offsets quirk activities are shown at US
 * Eastern standard time, so clients learn to compare instants. */
#define MIXED_OFFSET_MINUTES (-300)

#define BACKUP_URL_LIFETIME (7 * 24 * 3600)

void
render_link(const struct render_ctx *ctx, json_object *links, const char *rel, const char *fmt, ...)
{
    char href[512];
    va_list args;
    const char *text = href;

    va_start(args, fmt);
    vsnprintf(href, sizeof href, fmt, args);
    va_end(args);
    if (ctx->href_no_slash && href[0] == '/')
        text++;

    json_object *link = json_object_new_object();

    jsonu_add_string(link, "href", text);
    json_object_object_add(links, rel, link);
}

void
render_id(const struct render_ctx *ctx, json_object *obj, long id)
{
    char text[32];

    if (!ctx->string_id) {
        jsonu_add_int(obj, "id", id);
        return;
    }
    snprintf(text, sizeof text, "%ld", id);
    jsonu_add_string(obj, "id", text);
}

struct kind_path {
    const char *kind;
    const char *path;
};

static const struct kind_path kind_paths[] = {
    { "task", "/tasks" },         { "activity", "/activities" }, { "candidate", "/candidates" },
    { "contact", "/contacts" },   { "company", "/companies" },   { "job", "/jobs" },
    { "user", "/users" },         { "backup", "/backups" },      { "webhook", "/webhooks" },
    { "portal", "/portals" },     { "attachment", "/attachments" },
    { "work_history", "/work_history" }, { "pipeline", "/pipelines" },
};

const char *
render_kind_path(const char *kind)
{
    for (size_t i = 0; kind && i < ARRAY_LEN(kind_paths); i++)
        if (strcmp(kind_paths[i].kind, kind) == 0)
            return kind_paths[i].path;
    return NULL;
}

static void
add_data_item(const struct render_ctx *ctx, json_object *obj, json_object *links,
              long item_id, uint8_t item_type)
{
    const char *type = store_item_type_name(item_type);

    if (type == NULL || item_id == 0) {
        jsonu_add_null(obj, "data_item");
        return;
    }
    json_object *item = jsonu_add_object(obj, "data_item");

    jsonu_add_int(item, "id", item_id);
    jsonu_add_string(item, "type", type);
    render_link(ctx, links, "data_item", "%s/%ld", render_kind_path(type), item_id);
}

json_object *
render_task(const struct render_ctx *ctx, const struct task *task)
{
    json_object *obj = json_object_new_object();
    json_object *links = json_object_new_object();

    render_id(ctx, obj, task->id);
    render_link(ctx, links, "self", "/tasks/%ld", task->id);
    add_data_item(ctx, obj, links, task->item_id, task->item_type);
    jsonu_add_id_or_null(obj, "entered_by_id", task->entered_by_id);
    jsonu_add_id_or_null(obj, "assigned_to_id", task->assigned_to_id);
    jsonu_add_string(obj, "description", task->description);
    jsonu_add_int(obj, "priority", task->priority);
    jsonu_add_time(obj, "date_due", task->date_due, 0);
    jsonu_add_bool(obj, "is_completed", task->is_completed);
    jsonu_add_time(obj, "date_completed", task->date_completed, 0);
    jsonu_add_time(obj, "date_created", task->date_created, 0);
    jsonu_add_time(obj, "date_updated", task->date_updated, 0);

    if (task->assigned_to_id)
        render_link(ctx, links, "assigned_to", "/users/%ld", task->assigned_to_id);
    if (task->entered_by_id)
        render_link(ctx, links, "entered_by", "/users/%ld", task->entered_by_id);
    json_object_object_add(obj, "_links", links);
    jsonu_add_object(obj, "_embedded");
    return obj;
}

json_object *
render_activity(const struct render_ctx *ctx, const struct activity *activity)
{
    json_object *obj = json_object_new_object();
    json_object *links = json_object_new_object();
    int offset = ctx->mixed_offsets ? MIXED_OFFSET_MINUTES : 0;

    render_id(ctx, obj, activity->id);
    render_link(ctx, links, "self", "/activities/%ld", activity->id);
    if (activity->regarding_id)
        render_link(ctx, links, "regarding", "/jobs/%ld", activity->regarding_id);
    add_data_item(ctx, obj, links, activity->item_id, activity->item_type);
    jsonu_add_time(obj, "date", activity->date, offset);
    jsonu_add_id_or_null(obj, "regarding_id", activity->regarding_id);
    jsonu_add_string(obj, "type", store_activity_type_name(activity->type));
    jsonu_add_string(obj, "notes", activity->notes);
    jsonu_add_string(obj, "annotation", activity->annotation);
    jsonu_add_id_or_null(obj, "entered_by_id", activity->entered_by_id);
    jsonu_add_time(obj, "date_created", activity->date_created, offset);
    jsonu_add_time(obj, "date_modified", activity->date_modified, offset);
    if (activity->entered_by_id)
        render_link(ctx, links, "entered_by", "/users/%ld", activity->entered_by_id);
    json_object_object_add(obj, "_links", links);
    return obj;
}

json_object *
render_event(const struct render_ctx *ctx, const struct event *event)
{
    json_object *obj = json_object_new_object();
    json_object *links = json_object_new_object();
    json_object *item = json_object_new_object();
    const char *path = render_kind_path(event->item_kind);

    render_id(ctx, obj, event->id);
    jsonu_add_string(obj, "event", event->name);
    jsonu_add_int(obj, "timestamp", (long)event->timestamp);
    jsonu_add_time(obj, "date", event->timestamp, 0);
    jsonu_add_int(item, "id", event->item_id);
    jsonu_add_string(item, "type", event->item_kind);
    json_object_object_add(obj, "data_item", item);
    if (path)
        render_link(ctx, links, "data_item", "%s/%ld", path, event->item_id);
    json_object_object_add(obj, "_links", links);
    return obj;
}

const char *
render_backup_status(const struct render_ctx *ctx, const struct backup *backup)
{
    int64_t age = util_now() - backup->date_created;

    if (backup->frozen_status)
        return backup->frozen_status;
    if (age < ctx->backup_seconds)
        return "queued";
    if (age < 2 * ctx->backup_seconds)
        return "running";
    if (age >= BACKUP_URL_LIFETIME + 2 * ctx->backup_seconds)
        return "expired";
    return "completed";
}

json_object *
render_backup(const struct render_ctx *ctx, const struct backup *backup)
{
    json_object *obj = json_object_new_object();
    json_object *links = json_object_new_object();
    const char *status = render_backup_status(ctx, backup);
    bool completed = strcmp(status, "completed") == 0;
    char url[256];

    snprintf(url, sizeof url, "%s/_sandbox/backups/%ld/download", ctx->root_url, backup->id);
    render_id(ctx, obj, backup->id);
    jsonu_add_string(obj, "status", status);
    jsonu_add_string(obj, "url", completed ? url : NULL);
    if (completed)
        jsonu_add_int(obj, "file_size", backup->file_size);
    else
        jsonu_add_null(obj, "file_size");
    jsonu_add_id_or_null(obj, "started_by_id", backup->started_by_id);
    jsonu_add_bool(obj, "include_attachments", backup->include_attachments);
    jsonu_add_bool(obj, "include_emails", backup->include_emails);
    jsonu_add_time(obj, "date_created", backup->date_created, 0);
    render_link(ctx, links, "self", "/backups/%ld", backup->id);
    if (backup->started_by_id)
        render_link(ctx, links, "started_by", "/users/%ld", backup->started_by_id);
    json_object_object_add(obj, "_links", links);
    jsonu_add_object(obj, "_embedded");
    return obj;
}

json_object *
render_webhook(const struct render_ctx *ctx, const struct webhook *webhook)
{
    json_object *obj = json_object_new_object();
    json_object *links = json_object_new_object();
    json_object *events = json_object_new_array();

    render_id(ctx, obj, webhook->id);
    for (size_t i = 0; i < webhook_event_count; i++)
        if (webhook->events & (1u << i))
            json_object_array_add(events, json_object_new_string(webhook_event_names[i]));
    json_object_object_add(obj, "events", events);
    jsonu_add_string(obj, "target_url", webhook->target_url);
    jsonu_add_time(obj, "date_created", webhook->date_created, 0);
    render_link(ctx, links, "self", "/webhooks/%ld", webhook->id);
    json_object_object_add(obj, "_links", links);
    return obj;
}

json_object *
render_portal(const struct render_ctx *ctx, const struct portal *portal)
{
    json_object *obj = json_object_new_object();
    json_object *links = json_object_new_object();

    render_id(ctx, obj, portal->id);
    jsonu_add_string(obj, "name", portal->name);
    jsonu_add_int(obj, "published_jobs", (long)portal->job_count);
    jsonu_add_time(obj, "date_created", portal->date_created, 0);
    render_link(ctx, links, "self", "/portals/%ld", portal->id);
    render_link(ctx, links, "jobs", "/portals/%ld/jobs", portal->id);
    render_link(ctx, links, "registration", "/portals/%ld/registration", portal->id);
    json_object *portal_url = jsonu_add_object(links, "portal_url");
    char url[128];

    snprintf(url, sizeof url, "https://sandbox.example.com/careers/%ld", portal->id);
    jsonu_add_string(portal_url, "href", url);
    json_object_object_add(obj, "_links", links);
    jsonu_add_object(obj, "_embedded");
    return obj;
}

json_object *
render_attachment(const struct render_ctx *ctx, const struct attachment *attachment)
{
    json_object *obj = json_object_new_object();
    json_object *links = json_object_new_object();

    render_id(ctx, obj, attachment->id);
    jsonu_add_string(obj, "filename", attachment->filename);
    jsonu_add_bool(obj, "is_resume", attachment->is_resume);
    jsonu_add_int(obj, "size", attachment->size);
    jsonu_add_int(obj, "version", 1);
    jsonu_add_string(obj, "content_type", attachment->content_type);
    render_link(ctx, links, "self", "/attachments/%ld", attachment->id);
    add_data_item(ctx, obj, links, attachment->item_id, attachment->item_type);
    jsonu_add_time(obj, "date_created", attachment->date_created, 0);
    render_link(ctx, links, "download", "/attachments/%ld/download", attachment->id);
    json_object_object_add(obj, "_links", links);
    return obj;
}

/* Copies the stored fields after the id, so the stored object is only read. */
static json_object *
copy_fields(const struct render_ctx *ctx, const struct doc *doc)
{
    json_object *obj = json_object_new_object();

    render_id(ctx, obj, doc->id);
    json_object_object_foreach(doc->fields, key, value) {
        json_object *copy = NULL;

        if (value != NULL)
            json_object_deep_copy(value, &copy, NULL);
        json_object_object_add(obj, key, copy);
    }
    return obj;
}

/* Adds a link to /path/ID when the field contains a positive id. */
static void
link_field(const struct render_ctx *ctx, json_object *links, const struct doc *doc,
           const char *field, const char *rel, const char *path)
{
    long id = jsonu_long(doc->fields, field, 0);

    if (id > 0)
        render_link(ctx, links, rel, "%s/%ld", path, id);
}

/* NOTE: of these sub-resources the sandbox serves only attachments,
 * activities, work_history and tasks, and the others return 404. */
static void
candidate_links(const struct render_ctx *ctx, json_object *obj, json_object *links,
                const struct doc *doc)
{
    static const char *const subs[] = { "custom_fields", "attachments", "activities", "work_history",
                                        "pipelines", "tags", "thumbnail", "phones", "emails" };
    json_object *embedded = jsonu_add_object(obj, "_embedded");
    json_object *history = json_object_new_array();

    for (size_t i = 0; i < ARRAY_LEN(subs); i++)
        render_link(ctx, links, subs[i], "/candidates/%ld/%s", doc->id, subs[i]);
    link_field(ctx, links, doc, "owner_id", "owner", "/users");
    link_field(ctx, links, doc, "entered_by_id", "entered_by", "/users");

    for (size_t i = 0; i < ctx->store->work_history.count && json_object_array_length(history) < 25; i++) {
        const struct doc *entry = table_at(&ctx->store->work_history, i);

        if (jsonu_long(entry->fields, "candidate_id", 0) == doc->id)
            json_object_array_add(history, render_doc(ctx, DOC_WORK_HISTORY, entry));
    }
    jsonu_add_array(embedded, "custom_fields");
    json_object_object_add(embedded, "work_history", history);
    jsonu_add_array(embedded, "thumbnail");
    jsonu_add_array(embedded, "phones");
    jsonu_add_array(embedded, "emails");
}

static void
contact_links(const struct render_ctx *ctx, json_object *obj, json_object *links, const struct doc *doc)
{
    link_field(ctx, links, doc, "company_id", "company", "/companies");
    link_field(ctx, links, doc, "owner_id", "owner", "/users");
}

static void
company_links(const struct render_ctx *ctx, json_object *obj, json_object *links, const struct doc *doc)
{
    link_field(ctx, links, doc, "owner_id", "owner", "/users");
}

static void
job_links(const struct render_ctx *ctx, json_object *obj, json_object *links, const struct doc *doc)
{
    link_field(ctx, links, doc, "company_id", "company", "/companies");
    link_field(ctx, links, doc, "recruiter_id", "recruiter", "/users");
    link_field(ctx, links, doc, "owner_id", "owner", "/users");
    render_link(ctx, links, "tasks", "/jobs/%ld/tasks", doc->id);
}

static void
tag_links(const struct render_ctx *ctx, json_object *obj, json_object *links, const struct doc *doc)
{
    link_field(ctx, links, doc, "parent_id", "parent", "/tags");
}

static void
work_history_links(const struct render_ctx *ctx, json_object *obj, json_object *links,
                   const struct doc *doc)
{
    json_object *part;

    link_field(ctx, links, doc, "candidate_id", "candidate", "/candidates");
    if (jsonu_get(doc->fields, "employer", &part) && jsonu_long(part, "company_id", 0) > 0)
        render_link(ctx, links, "employer", "/companies/%ld", jsonu_long(part, "company_id", 0));
    if (jsonu_get(doc->fields, "supervisor", &part) && jsonu_long(part, "contact_id", 0) > 0)
        render_link(ctx, links, "supervisor", "/contacts/%ld", jsonu_long(part, "contact_id", 0));
}

struct doc_kind_info {
    const char *path;
    void (*add_links)(const struct render_ctx *ctx, json_object *obj, json_object *links,
                      const struct doc *doc);
};

static const struct doc_kind_info doc_kinds[DOC_KIND_COUNT] = {
    [DOC_USER] = { "/users", NULL },
    [DOC_CANDIDATE] = { "/candidates", candidate_links },
    [DOC_CONTACT] = { "/contacts", contact_links },
    [DOC_COMPANY] = { "/companies", company_links },
    [DOC_JOB] = { "/jobs", job_links },
    [DOC_TAG] = { "/tags", tag_links },
    [DOC_TRIGGER] = { "/triggers", NULL },
    [DOC_WORK_HISTORY] = { "/work_history", work_history_links },
};

json_object *
render_doc(const struct render_ctx *ctx, enum doc_kind kind, const struct doc *doc)
{
    json_object *obj = copy_fields(ctx, doc);
    json_object *links = json_object_new_object();

    render_link(ctx, links, "self", "%s/%ld", doc_kinds[kind].path, doc->id);
    if (doc_kinds[kind].add_links)
        doc_kinds[kind].add_links(ctx, obj, links, doc);
    json_object_object_add(obj, "_links", links);
    return obj;
}

json_object *
render_portal_job(const struct render_ctx *ctx, const struct portal *portal, const struct doc *job)
{
    json_object *obj = render_doc(ctx, DOC_JOB, job);
    json_object *links = json_object_object_get(obj, "_links");
    json_object *job_url = json_object_new_object();
    char url[160];

    snprintf(url, sizeof url, "https://sandbox.example.com/careers/%ld/jobs/%ld", portal->id, job->id);
    jsonu_add_string(job_url, "href", url);
    json_object_object_add(links, "job_url", job_url);
    return obj;
}
