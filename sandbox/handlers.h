/* handlers.h: the route handlers, grouped by resource, and the generic list
 * and get handlers that serve any collection described by a struct
 * collection.  Each handler takes the store lock it needs. */
#ifndef SANDBOX_HANDLERS_H
#define SANDBOX_HANDLERS_H

#include "server.h"

/* A collection that GET /<plural> and GET /<plural>/{id} serve as is. */
struct collection {
    const char *plural;     /* the _embedded key, e.g. "tasks" */
    const char *singular;   /* for messages, e.g. "task" */
    const char *path;       /* "/tasks" */
    size_t table_offset;    /* offsetof(struct store, tasks) */
    json_object *(*render)(const struct render_ctx *ctx, const void *row);
};

extern const struct collection collection_tasks, collection_activities, collection_users,
    collection_candidates, collection_contacts, collection_companies, collection_jobs,
    collection_portals, collection_backups, collection_webhooks, collection_tags,
    collection_triggers, collection_work_history, collection_attachments;

/* One route: a method, a path pattern where "{id}" matches a positive
 * decimal number, the handler and its data (req->route_data). */
struct route {
    const char *method;
    const char *pattern;
    route_fn *handler;
    const void *data;
};

/* Runs the first route of the table that matches req->method and path, or
 * sets a 405 (known path, other method) or 404. */
void routes_run(const struct route *table, size_t count, const char *path, struct request *req,
                struct response *resp);

/* The table a collection reads. */
struct table *collection_table(const struct collection *collection, struct store *store);

/* Sends one page of rows [0, count) that `row_at` returns, in a list
 * envelope.  Caller holds the read lock. */
void send_page(struct request *req, struct response *resp, const struct collection *collection,
               const char *path, const char *extra_query, const struct paging *paging,
               const void *(*row_at)(const void *source, size_t index), const void *source,
               size_t count);

/* The slice [*first, *end) of count rows that paging selects; empty past
 * the last page. */
void page_bounds(const struct paging *paging, size_t count, size_t *first, size_t *end);

/* Removes row req->ids[0] from table (freeing it with free_row), adds
 * `event` about `kind` to the feed and sets 204, or sets a 404 naming
 * singular.  Returns true when a row was removed.  Caller holds the write
 * lock; event and kind must be static strings. */
bool delete_row(struct request *req, struct response *resp, struct table *table,
                void (*free_row)(void *row), const char *event, const char *kind,
                const char *singular);

/* Sends 404 {"message": "No <singular> has id N."}. */
void resp_not_found(struct response *resp, const char *singular, long id);

/* The rows of a collection that belong to one record, such as a
 * candidate's tasks: GET /<parent>/{id}/<plural>. */
struct item_list {
    const struct collection *collection;
    enum item_type parent_type;
    const char *parent_path;    /* "/candidates" */
    size_t item_id_offset;      /* where the row keeps its data item's id */
    size_t item_type_offset;    /* and its type (uint8_t) */
};

extern const struct item_list item_list_candidate_tasks, item_list_contact_tasks,
    item_list_company_tasks, item_list_job_tasks, item_list_candidate_activities,
    item_list_contact_activities, item_list_company_activities, item_list_candidate_attachments;

route_fn handle_list, handle_get, handle_item_list;
route_fn handle_task_create, handle_task_update, handle_task_delete;
route_fn handle_activity_update, handle_activity_delete, handle_activity_search,
    handle_activity_filter;
route_fn handle_candidate_work_history, handle_work_history_update, handle_work_history_delete;
route_fn handle_portal_jobs, handle_portal_publish, handle_portal_unpublish, handle_portal_apply,
    handle_portal_registration, handle_portal_register;
route_fn handle_backup_create, handle_backup_download;
route_fn handle_webhook_create, handle_webhook_delete;
route_fn handle_events, handle_site;
route_fn handle_attachment_download, handle_attachment_delete, handle_attachment_parse;

#endif
