/* api_activities.c: update, delete, search and filter activities. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "handlers.h"
#include "jsonutil.h"
#include "validate.h"
#include "webhook.h"

struct activity_input {
    enum activity_type type;
    bool has_notes, has_regarding;
    const char *notes;
    long regarding_id;
    int64_t date;
};

static void
check_activity_type(json_object *body, struct activity_input *in, struct errors *errors)
{
    json_object *value = NULL;

    if (!jsonu_get(body, "type", &value) || !json_object_is_type(value, json_type_string)
        || !store_activity_type_parse(json_object_get_string(value), &in->type))
        errors_add(errors, "type must be one of email, meeting, call_talked, call_lvm, call_missed, "
                           "text_message, other");
}

static void
check_activity_body(struct store *store, json_object *body, struct activity_input *in,
                    struct errors *errors)
{
    json_object *value;

    memset(in, 0, sizeof *in);
    check_activity_type(body, in, errors);
    if (jsonu_get(body, "notes", &value))
        in->has_notes = validate_string_or_null(value, "notes", errors, &in->notes);
    if (jsonu_get(body, "regarding_id", &value)) {
        in->has_regarding = validate_id_or_null(value, "regarding_id", errors, &in->regarding_id);
        if (in->has_regarding && in->regarding_id && !table_find(&store->jobs, in->regarding_id)) {
            errors_add(errors, "regarding_id %ld is not a job order", in->regarding_id);
            in->has_regarding = false;
        }
    }
    in->date = util_now();
    if (jsonu_get(body, "date", &value) && validate_time_or_null(value, "date", errors, &in->date)
        && in->date == 0)
        in->date = util_now();
}

void
handle_activity_update(struct request *req, struct response *resp)
{
    struct store *store = &req->app->store;
    struct errors errors = { 0 };
    struct activity_input in;
    json_object *body = req_json_body(req, resp, true);
    struct activity *activity;

    if (body == NULL)
        return;
    pthread_rwlock_wrlock(&store->lock);
    activity = table_find(&store->activities, req->ids[0]);
    check_activity_body(store, body, &in, &errors);
    if (activity == NULL) {
        resp_not_found(resp, "activity", req->ids[0]);
        errors_free(&errors);
    } else if (errors_any(&errors)) {
        resp_errors(resp, &errors);
    } else {
        activity->type = (uint8_t)in.type;
        if (in.has_notes)
            util_replace_string(&activity->notes, in.notes);
        if (in.has_regarding)
            activity->regarding_id = in.regarding_id;
        activity->date = in.date;
        activity->date_modified = util_now();
        store_add_event(store, "activity.updated", "activity", activity->id);

        json_object *record = render_activity(&req->render, activity);
        webhooks_fire(req->app, "activity.updated", "activity", activity->id, record);
        json_object_put(record);
        resp_no_content(resp);
    }
    pthread_rwlock_unlock(&store->lock);
    json_object_put(body);
}

void
handle_activity_delete(struct request *req, struct response *resp)
{
    struct store *store = &req->app->store;

    pthread_rwlock_wrlock(&store->lock);
    if (delete_row(req, resp, &store->activities, store_free_activity, "activity.deleted", "activity",
                   "activity"))
        webhooks_fire(req->app, "activity.deleted", "activity", req->ids[0], NULL);
    pthread_rwlock_unlock(&store->lock);
}

/* The activities that matched a search, as pointers into the table. */
struct matches {
    const struct activity **rows;
    size_t count;
};

static const void *
match_row(const void *source, size_t index)
{
    return ((const struct matches *)source)->rows[index];
}

static bool
activity_has_text(const struct activity *activity, const char *query)
{
    return filter_text_contains(activity->notes, query)
           || filter_text_contains(activity->annotation, query);
}

/* Collects the activities that match query (NULL: all) and filter (NULL:
 * all) and sends the requested page.  Caller holds the read lock. */
static void
send_matches(struct request *req, struct response *resp, const struct paging *paging,
             const char *query, const struct filter *filter)
{
    struct table *table = &req->app->store.activities;
    struct matches matches = { util_xcalloc(table->count + 1, sizeof(void *)), 0 };
    char *encoded = url_encode(query ? query : "");
    char *extra = util_xmalloc(strlen(encoded) + 16);

    for (size_t i = 0; i < table->count; i++) {
        const struct activity *activity = table_at(table, i);

        if ((query == NULL || activity_has_text(activity, query))
            && (filter == NULL || filter_match(filter, activity)))
            matches.rows[matches.count++] = activity;
    }
    sprintf(extra, query ? "query=%s&" : "%s", encoded);
    send_page(req, resp, &collection_activities, "/activities/search", extra, paging, match_row,
              &matches, matches.count);
    free(extra);
    free(encoded);
    free(matches.rows);
}

void
handle_activity_search(struct request *req, struct response *resp)
{
    struct store *store = &req->app->store;
    struct paging paging;

    if (!req_paging(req, resp, &paging))
        return;
    pthread_rwlock_rdlock(&store->lock);
    send_matches(req, resp, &paging, req_query(req, "query"), NULL);
    pthread_rwlock_unlock(&store->lock);
}

void
handle_activity_filter(struct request *req, struct response *resp)
{
    struct store *store = &req->app->store;
    struct paging paging;
    struct filter *filter;
    char err[512];
    json_object *body;

    if (!req_paging(req, resp, &paging))
        return;
    body = req_json_body(req, resp, true);
    if (body == NULL)
        return;
    filter = filter_compile(body, err, sizeof err);
    json_object_put(body);
    if (filter == NULL) {
        resp_message(resp, 400, "Invalid filter: %s.", err);
        return;
    }
    pthread_rwlock_rdlock(&store->lock);
    send_matches(req, resp, &paging, req_query(req, "query"), filter);
    pthread_rwlock_unlock(&store->lock);
    filter_free(filter);
}
