/* routes.c: the table of API routes and the matcher that picks one. */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"

static const struct route routes[] = {
    { "GET", "/tasks", handle_list, &collection_tasks },
    { "POST", "/tasks", handle_task_create, NULL },
    { "GET", "/tasks/{id}", handle_get, &collection_tasks },
    { "PUT", "/tasks/{id}", handle_task_update, NULL },
    { "DELETE", "/tasks/{id}", handle_task_delete, NULL },

    { "GET", "/activities", handle_list, &collection_activities },
    { "GET", "/activities/search", handle_activity_search, NULL },
    { "POST", "/activities/search", handle_activity_filter, NULL },
    { "GET", "/activities/{id}", handle_get, &collection_activities },
    { "PUT", "/activities/{id}", handle_activity_update, NULL },
    { "DELETE", "/activities/{id}", handle_activity_delete, NULL },

    { "GET", "/users", handle_list, &collection_users },
    { "GET", "/users/{id}", handle_get, &collection_users },
    { "GET", "/candidates", handle_list, &collection_candidates },
    { "GET", "/candidates/{id}", handle_get, &collection_candidates },
    { "GET", "/candidates/{id}/work_history", handle_candidate_work_history, NULL },
    { "GET", "/candidates/{id}/tasks", handle_item_list, &item_list_candidate_tasks },
    { "GET", "/candidates/{id}/activities", handle_item_list, &item_list_candidate_activities },
    { "GET", "/candidates/{id}/attachments", handle_item_list, &item_list_candidate_attachments },
    { "GET", "/contacts/{id}/tasks", handle_item_list, &item_list_contact_tasks },
    { "GET", "/contacts/{id}/activities", handle_item_list, &item_list_contact_activities },
    { "GET", "/companies/{id}/tasks", handle_item_list, &item_list_company_tasks },
    { "GET", "/companies/{id}/activities", handle_item_list, &item_list_company_activities },
    { "GET", "/jobs/{id}/tasks", handle_item_list, &item_list_job_tasks },
    { "GET", "/contacts", handle_list, &collection_contacts },
    { "GET", "/contacts/{id}", handle_get, &collection_contacts },
    { "GET", "/companies", handle_list, &collection_companies },
    { "GET", "/companies/{id}", handle_get, &collection_companies },
    { "GET", "/jobs", handle_list, &collection_jobs },
    { "GET", "/jobs/{id}", handle_get, &collection_jobs },

    { "GET", "/portals", handle_list, &collection_portals },
    { "GET", "/portals/{id}", handle_get, &collection_portals },
    { "GET", "/portals/{id}/jobs", handle_portal_jobs, NULL },
    { "PUT", "/portals/{id}/jobs/{id}", handle_portal_publish, NULL },
    { "DELETE", "/portals/{id}/jobs/{id}", handle_portal_unpublish, NULL },
    { "POST", "/portals/{id}/jobs/{id}", handle_portal_apply, NULL },
    { "GET", "/portals/{id}/registration", handle_portal_registration, NULL },
    { "POST", "/portals/{id}/registration", handle_portal_register, NULL },

    { "GET", "/backups", handle_list, &collection_backups },
    { "POST", "/backups", handle_backup_create, NULL },
    { "GET", "/backups/{id}", handle_get, &collection_backups },

    { "GET", "/webhooks", handle_list, &collection_webhooks },
    { "POST", "/webhooks", handle_webhook_create, NULL },
    { "GET", "/webhooks/{id}", handle_get, &collection_webhooks },
    { "DELETE", "/webhooks/{id}", handle_webhook_delete, NULL },

    { "GET", "/tags", handle_list, &collection_tags },
    { "GET", "/tags/{id}", handle_get, &collection_tags },
    { "GET", "/triggers", handle_list, &collection_triggers },
    { "GET", "/triggers/{id}", handle_get, &collection_triggers },
    { "GET", "/events", handle_events, NULL },
    { "GET", "/site", handle_site, NULL },

    { "GET", "/work_history/{id}", handle_get, &collection_work_history },
    { "PUT", "/work_history/{id}", handle_work_history_update, NULL },
    { "DELETE", "/work_history/{id}", handle_work_history_delete, NULL },

    { "POST", "/attachments/parse", handle_attachment_parse, NULL },
    { "GET", "/attachments/{id}", handle_get, &collection_attachments },
    { "GET", "/attachments/{id}/download", handle_attachment_download, NULL },
    { "DELETE", "/attachments/{id}", handle_attachment_delete, NULL },
};

/* Reads a positive decimal id at *path up to the next '/' or the end. */
static bool
match_id(const char **path, long *id)
{
    const char *p = *path;
    long value = 0;

    if (!isdigit((unsigned char)*p))
        return false;
    for (; isdigit((unsigned char)*p); p++) {
        if (value > (LONG_MAX - 9) / 10)
            return false;
        value = value * 10 + (*p - '0');
    }
    if (*p != '/' && *p != '\0')
        return false;
    *path = p;
    *id = value;
    return value > 0;
}

static bool
match_pattern(const char *pattern, const char *path, long ids[3])
{
    int count = 0;

    while (*pattern) {
        if (strncmp(pattern, "{id}", 4) == 0) {
            if (count == 3 || !match_id(&path, &ids[count++]))
                return false;
            pattern += 4;
            continue;
        }
        if (*pattern++ != *path++)
            return false;
    }
    return *path == '\0' || (path[0] == '/' && path[1] == '\0');
}

void
routes_run(const struct route *table, size_t count, const char *path, struct request *req,
           struct response *resp)
{
    bool path_known = false;

    for (size_t i = 0; i < count; i++) {
        const struct route *route = &table[i];
        long ids[3] = { 0 };

        if (!match_pattern(route->pattern, path, ids))
            continue;
        path_known = true;
        if (strcmp(route->method, req->method) != 0)
            continue;
        memcpy(req->ids, ids, sizeof ids);
        req->route_data = route->data;
        route->handler(req, resp);
        return;
    }

    if (path_known)
        resp_message(resp, 405, "%s is not allowed on %s.", req->method, path);
    else
        resp_message(resp, 404, "The requested resource was not found: %s", path);
}

void
routes_dispatch(struct request *req, struct response *resp)
{
    routes_run(routes, sizeof routes / sizeof routes[0], req->api_path, req, resp);
}
