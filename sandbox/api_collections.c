/* api_collections.c: the generic GET list and GET by id that every
 * collection shares, and the descriptors of those collections. */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "handlers.h"

static json_object *render_task_row(const struct render_ctx *ctx, const void *row) { return render_task(ctx, row); }
static json_object *render_activity_row(const struct render_ctx *ctx, const void *row) { return render_activity(ctx, row); }
static json_object *render_portal_row(const struct render_ctx *ctx, const void *row) { return render_portal(ctx, row); }
static json_object *render_backup_row(const struct render_ctx *ctx, const void *row) { return render_backup(ctx, row); }
static json_object *render_webhook_row(const struct render_ctx *ctx, const void *row) { return render_webhook(ctx, row); }
static json_object *render_attachment_row(const struct render_ctx *ctx, const void *row) { return render_attachment(ctx, row); }

#define DOC_RENDERER(name, kind) \
    static json_object *name(const struct render_ctx *ctx, const void *row) { return render_doc(ctx, kind, row); }

DOC_RENDERER(render_user_row, DOC_USER)
DOC_RENDERER(render_candidate_row, DOC_CANDIDATE)
DOC_RENDERER(render_contact_row, DOC_CONTACT)
DOC_RENDERER(render_company_row, DOC_COMPANY)
DOC_RENDERER(render_job_row, DOC_JOB)
DOC_RENDERER(render_tag_row, DOC_TAG)
DOC_RENDERER(render_trigger_row, DOC_TRIGGER)
DOC_RENDERER(render_work_history_row, DOC_WORK_HISTORY)

#define COLLECTION(name, plural, singular, path, field, render) \
    const struct collection name = { plural, singular, path, offsetof(struct store, field), render }

COLLECTION(collection_tasks, "tasks", "task", "/tasks", tasks, render_task_row);
COLLECTION(collection_activities, "activities", "activity", "/activities", activities, render_activity_row);
COLLECTION(collection_users, "users", "user", "/users", users, render_user_row);
COLLECTION(collection_candidates, "candidates", "candidate", "/candidates", candidates, render_candidate_row);
COLLECTION(collection_contacts, "contacts", "contact", "/contacts", contacts, render_contact_row);
COLLECTION(collection_companies, "companies", "company", "/companies", companies, render_company_row);
COLLECTION(collection_jobs, "jobs", "job", "/jobs", jobs, render_job_row);
COLLECTION(collection_portals, "portals", "portal", "/portals", portals, render_portal_row);
COLLECTION(collection_backups, "backups", "backup", "/backups", backups, render_backup_row);
COLLECTION(collection_webhooks, "webhooks", "webhook", "/webhooks", webhooks, render_webhook_row);
COLLECTION(collection_tags, "tags", "tag", "/tags", tags, render_tag_row);
COLLECTION(collection_triggers, "triggers", "trigger", "/triggers", triggers, render_trigger_row);
COLLECTION(collection_work_history, "work_history", "work history", "/work_history", work_history, render_work_history_row);
COLLECTION(collection_attachments, "attachments", "attachment", "/attachments", attachments, render_attachment_row);

#define ITEM_LIST(name, collection, type, path, row) \
    const struct item_list name = { &collection, type, path, offsetof(struct row, item_id), \
                                    offsetof(struct row, item_type) }

ITEM_LIST(item_list_candidate_tasks, collection_tasks, ITEM_CANDIDATE, "/candidates", task);
ITEM_LIST(item_list_contact_tasks, collection_tasks, ITEM_CONTACT, "/contacts", task);
ITEM_LIST(item_list_company_tasks, collection_tasks, ITEM_COMPANY, "/companies", task);
ITEM_LIST(item_list_job_tasks, collection_tasks, ITEM_JOB, "/jobs", task);
ITEM_LIST(item_list_candidate_activities, collection_activities, ITEM_CANDIDATE, "/candidates", activity);
ITEM_LIST(item_list_contact_activities, collection_activities, ITEM_CONTACT, "/contacts", activity);
ITEM_LIST(item_list_company_activities, collection_activities, ITEM_COMPANY, "/companies", activity);
ITEM_LIST(item_list_candidate_attachments, collection_attachments, ITEM_CANDIDATE, "/candidates", attachment);

struct table *
collection_table(const struct collection *collection, struct store *store)
{
    return (struct table *)((char *)store + collection->table_offset);
}

void
resp_not_found(struct response *resp, const char *singular, long id)
{
    resp_message(resp, 404, "No %s has id %ld.", singular, id);
}

void
page_bounds(const struct paging *paging, size_t count, size_t *first, size_t *end)
{
    size_t per_page = (size_t)paging->per_page;

    *first = count;
    if ((size_t)(paging->page - 1) <= count / per_page)
        *first = (size_t)(paging->page - 1) * per_page;
    if (*first > count)
        *first = count;
    *end = count - *first < per_page ? count : *first + per_page;
}

bool
delete_row(struct request *req, struct response *resp, struct table *table,
           void (*free_row)(void *row), const char *event, const char *kind, const char *singular)
{
    if (table_remove(table, req->ids[0], free_row) != 0) {
        resp_not_found(resp, singular, req->ids[0]);
        return false;
    }
    store_add_event(&req->app->store, event, kind, req->ids[0]);
    resp_no_content(resp);
    return true;
}

void
send_page(struct request *req, struct response *resp, const struct collection *collection,
          const char *path, const char *extra_query, const struct paging *paging,
          const void *(*row_at)(const void *source, size_t index), const void *source,
          size_t count)
{
    json_object *rows = json_object_new_array();
    size_t first, end;

    page_bounds(paging, count, &first, &end);
    for (size_t i = first; i < end; i++)
        json_object_array_add(rows, collection->render(&req->render, row_at(source, i)));
    resp_json(resp, 200, list_envelope(req, collection->plural, path, extra_query, (long)count,
                                       paging, rows));
}

static const void *
table_row(const void *source, size_t index)
{
    return table_at(source, index);
}

void
handle_list(struct request *req, struct response *resp)
{
    const struct collection *collection = req->route_data;
    struct store *store = &req->app->store;
    struct paging paging;

    if (!req_paging(req, resp, &paging))
        return;
    pthread_rwlock_rdlock(&store->lock);
    struct table *table = collection_table(collection, store);
    send_page(req, resp, collection, collection->path, "", &paging, table_row, table, table->count);
    pthread_rwlock_unlock(&store->lock);
}

void
handle_get(struct request *req, struct response *resp)
{
    const struct collection *collection = req->route_data;
    struct store *store = &req->app->store;
    const void *row;

    pthread_rwlock_rdlock(&store->lock);
    row = table_find(collection_table(collection, store), req->ids[0]);
    if (row)
        resp_json(resp, 200, collection->render(&req->render, row));
    else
        resp_not_found(resp, collection->singular, req->ids[0]);
    pthread_rwlock_unlock(&store->lock);
}

static const void *
pointer_row(const void *source, size_t index)
{
    return ((const void *const *)source)[index];
}

void
handle_item_list(struct request *req, struct response *resp)
{
    const struct item_list *list = req->route_data;
    struct store *store = &req->app->store;
    struct paging paging;
    char path[96];

    if (!req_paging(req, resp, &paging))
        return;
    pthread_rwlock_rdlock(&store->lock);
    if (!table_find(store_item_table(store, list->parent_type), req->ids[0])) {
        resp_not_found(resp, store_item_type_name(list->parent_type), req->ids[0]);
        pthread_rwlock_unlock(&store->lock);
        return;
    }

    struct table *table = collection_table(list->collection, store);
    const void **rows = util_xcalloc(table->count + 1, sizeof *rows);
    size_t count = 0;

    for (size_t i = 0; i < table->count; i++) {
        const char *row = table_at(table, i);

        if (*(const long *)(row + list->item_id_offset) == req->ids[0]
            && *(const uint8_t *)(row + list->item_type_offset) == list->parent_type)
            rows[count++] = row;
    }
    snprintf(path, sizeof path, "%s/%ld/%s", list->parent_path, req->ids[0], list->collection->plural);
    send_page(req, resp, list->collection, path, "", &paging, pointer_row, rows, count);
    free(rows);
    pthread_rwlock_unlock(&store->lock);
}
