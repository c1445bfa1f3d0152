/* api_records.c: work history, the event feed and the site. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "jsonutil.h"
#include "validate.h"
#include "webhook.h"

#define EVENTS_PER_CALL 25

static const void *
doc_row(const void *source, size_t index)
{
    return ((const struct doc *const *)source)[index];
}

void
handle_candidate_work_history(struct request *req, struct response *resp)
{
    struct store *store = &req->app->store;
    struct paging paging;
    char path[64];

    if (!req_paging(req, resp, &paging))
        return;
    pthread_rwlock_rdlock(&store->lock);
    if (!table_find(&store->candidates, req->ids[0])) {
        resp_not_found(resp, "candidate", req->ids[0]);
        pthread_rwlock_unlock(&store->lock);
        return;
    }

    const struct doc **rows = util_xcalloc(store->work_history.count + 1, sizeof *rows);
    size_t count = 0;

    for (size_t i = 0; i < store->work_history.count; i++) {
        const struct doc *doc = table_at(&store->work_history, i);

        if (jsonu_long(doc->fields, "candidate_id", 0) == req->ids[0])
            rows[count++] = doc;
    }
    snprintf(path, sizeof path, "/candidates/%ld/work_history", req->ids[0]);
    send_page(req, resp, &collection_work_history, path, "", &paging, doc_row, rows, count);
    free(rows);
    pthread_rwlock_unlock(&store->lock);
}

/* Checks {"linked": false, <name fields>} or {"linked": true, "<id_field>": N}
 * and copies the accepted shape into out. */
static void
check_party(struct store *store, json_object *value, const char *field, const char *id_field,
            struct table *linked_table, struct errors *errors, json_object *out)
{
    json_object *linked = NULL, *part = NULL;
    bool is_linked;
    char name[64];
    long id;
    const char *text;

    json_object_object_get_ex(value, "linked", &linked);
    snprintf(name, sizeof name, "%s.linked", field);
    if (!validate_bool(linked, name, errors, &is_linked))
        return;
    jsonu_add_bool(out, "linked", is_linked);
    if (is_linked) {
        json_object_object_get_ex(value, id_field, &part);
        snprintf(name, sizeof name, "%s.%s", field, id_field);
        if (validate_positive_id(part, name, errors, &id) && !table_find(linked_table, id))
            errors_add(errors, "%s %ld does not exist", name, id);
        jsonu_add_int(out, id_field, id);
        return;
    }
    json_object_object_get_ex(value, "name", &part);
    snprintf(name, sizeof name, "%s.name", field);
    if (validate_string(part, name, true, errors, &text))
        jsonu_add_string(out, "name", text);
}

static json_object *
check_employer(struct store *store, json_object *body, struct errors *errors)
{
    json_object *value = NULL, *location = NULL, *out = json_object_new_object();

    if (!jsonu_get(body, "employer", &value) || !json_object_is_type(value, json_type_object)) {
        errors_add(errors, "employer.name must not be empty");
        errors_add(errors, "employer.linked must be of type boolean");
        return out;
    }
    check_party(store, value, "employer", "company_id", &store->companies, errors, out);
    if (json_object_object_get_ex(value, "location", &location) && location != NULL) {
        json_object *copy = json_object_new_object();

        jsonu_add_string(copy, "city", jsonu_string(location, "city"));
        jsonu_add_string(copy, "state", jsonu_string(location, "state"));
        json_object_object_add(out, "location", copy);
    }
    return out;
}

static json_object *
check_supervisor(struct store *store, json_object *value, struct errors *errors)
{
    json_object *out = json_object_new_object();
    const char *phone = NULL;
    json_object *part = NULL;

    if (!json_object_is_type(value, json_type_object)) {
        errors_add(errors, "supervisor must be an object with \"linked\"");
        return out;
    }
    check_party(store, value, "supervisor", "contact_id", &store->contacts, errors, out);
    if (json_object_object_get_ex(value, "phone", &part)
        && validate_string_or_null(part, "supervisor.phone", errors, &phone))
        jsonu_add_string(out, "phone", phone);
    return out;
}

/* Copies an optional field after validating it with the matching checker. */
static void
copy_optional(json_object *body, json_object *fields, const char *key, struct errors *errors,
              bool (*check)(json_object *value, const char *field, struct errors *errors))
{
    json_object *value;

    if (!jsonu_get(body, key, &value) || !check(value, key, errors))
        return;
    json_object_object_add(fields, key, value ? json_object_get(value) : NULL);
}

static bool
check_date(json_object *value, const char *field, struct errors *errors)
{
    int64_t t;

    return validate_date_or_null(value, field, errors, &t);
}

static bool
check_bool(json_object *value, const char *field, struct errors *errors)
{
    bool b;

    return validate_bool(value, field, errors, &b);
}

static bool
check_text(json_object *value, const char *field, struct errors *errors)
{
    const char *text;

    return validate_string_or_null(value, field, errors, &text);
}

static void
check_work_history(struct store *store, json_object *body, json_object *fields, struct errors *errors)
{
    json_object *value;
    const char *title;

    if (!jsonu_get(body, "title", &value))
        value = NULL;
    if (validate_string(value, "title", true, errors, &title))
        jsonu_add_string(fields, "title", title);
    json_object_object_add(fields, "employer", check_employer(store, body, errors));
    if (jsonu_get(body, "supervisor", &value))
        json_object_object_add(fields, "supervisor", value ? check_supervisor(store, value, errors) : NULL);
    copy_optional(body, fields, "start_date", errors, check_date);
    copy_optional(body, fields, "end_date", errors, check_date);
    copy_optional(body, fields, "is_current", errors, check_bool);
    copy_optional(body, fields, "is_verified", errors, check_bool);
    copy_optional(body, fields, "reason_for_leaving", errors, check_text);
}

static void
notify_candidate(struct request *req, long candidate_id)
{
    struct store *store = &req->app->store;
    const struct doc *candidate = table_find(&store->candidates, candidate_id);

    if (candidate == NULL)
        return;
    store_add_event(store, "candidate.updated", "candidate", candidate_id);

    json_object *record = render_doc(&req->render, DOC_CANDIDATE, candidate);

    webhooks_fire(req->app, "candidate.updated", "candidate", candidate_id, record);
    json_object_put(record);
}

/* Moves the accepted fields into the stored record; is_current drops the
 * end date and the reason for leaving, as CATS does. */
static void
merge_work_history(struct doc *doc, json_object *fields)
{
    json_object_object_foreach(fields, key, value)
        json_object_object_add(doc->fields, key, value ? json_object_get(value) : NULL);
    if (json_object_get_boolean(json_object_object_get(doc->fields, "is_current"))) {
        jsonu_add_null(doc->fields, "end_date");
        jsonu_add_null(doc->fields, "reason_for_leaving");
    }
}

void
handle_work_history_update(struct request *req, struct response *resp)
{
    struct store *store = &req->app->store;
    struct errors errors = { 0 };
    json_object *body = req_json_body(req, resp, true);
    json_object *fields;
    struct doc *doc;

    if (body == NULL)
        return;
    fields = json_object_new_object();
    pthread_rwlock_wrlock(&store->lock);
    doc = table_find(&store->work_history, req->ids[0]);
    if (doc == NULL) {
        resp_not_found(resp, "work history", req->ids[0]);
    } else {
        check_work_history(store, body, fields, &errors);
        if (errors_any(&errors)) {
            resp_errors(resp, &errors);
        } else {
            merge_work_history(doc, fields);
            store_add_event(store, "work_history.updated", "work_history", doc->id);
            notify_candidate(req, jsonu_long(doc->fields, "candidate_id", 0));
            resp_no_content(resp);
        }
    }
    pthread_rwlock_unlock(&store->lock);
    errors_free(&errors);
    json_object_put(fields);
    json_object_put(body);
}

void
handle_work_history_delete(struct request *req, struct response *resp)
{
    struct store *store = &req->app->store;
    struct doc *doc;
    long candidate_id;

    pthread_rwlock_wrlock(&store->lock);
    doc = table_find(&store->work_history, req->ids[0]);
    if (doc == NULL) {
        resp_not_found(resp, "work history", req->ids[0]);
    } else {
        candidate_id = jsonu_long(doc->fields, "candidate_id", 0);
        table_remove(&store->work_history, req->ids[0], store_free_doc);
        store_add_event(store, "work_history.deleted", "work_history", req->ids[0]);
        notify_candidate(req, candidate_id);
        resp_no_content(resp);
    }
    pthread_rwlock_unlock(&store->lock);
}

/* Reads a non-negative integer query argument.  Returns 1 when present and
 * valid, 0 when absent, -1 when invalid. */
static int
query_count(struct request *req, const char *name, long *out)
{
    const char *text = req_query(req, name);
    char *end;

    if (text == NULL)
        return 0;
    errno = 0;
    *out = strtol(text, &end, 10);
    return errno == 0 && end != text && *end == '\0' && *out >= 0 ? 1 : -1;
}

static void
add_events_link(json_object *links, const char *rel, const char *name, long value)
{
    char href[96];
    json_object *link = json_object_new_object();

    snprintf(href, sizeof href, "/events?%s=%ld", name, value);
    jsonu_add_string(link, "href", href);
    json_object_object_add(links, rel, link);
}

static json_object *
collect_events(struct request *req, bool by_id, long after, long *last_id)
{
    struct table *table = &req->app->store.events;
    json_object *rows = json_object_new_array();

    for (size_t i = 0; i < table->count && json_object_array_length(rows) < EVENTS_PER_CALL; i++) {
        const struct event *event = table_at(table, i);

        if (by_id ? event->id <= after : event->timestamp <= after)
            continue;
        json_object_array_add(rows, render_event(&req->render, event));
        *last_id = event->id;
    }
    return rows;
}

void
handle_events(struct request *req, struct response *resp)
{
    long timestamp = 0, after_id = 0, last_id = 0;
    int has_time = query_count(req, "starting_after_timestamp", &timestamp);
    int has_id = query_count(req, "starting_after_id", &after_id);
    json_object *obj, *links, *rows;

    if (has_time < 0 || has_id < 0 || (has_time == 0 && has_id == 0)) {
        resp_message(resp, 400, "starting_after_timestamp must be a Unix time in seconds "
                                "(or give starting_after_id).");
        return;
    }
    pthread_rwlock_rdlock(&req->app->store.lock);
    rows = collect_events(req, has_id == 1, has_id == 1 ? after_id : timestamp, &last_id);
    pthread_rwlock_unlock(&req->app->store.lock);

    obj = json_object_new_object();
    links = json_object_new_object();
    jsonu_add_int(obj, "count", (long)json_object_array_length(rows));
    if (has_time == 1)
        jsonu_add_int(obj, "starting_after_timestamp", timestamp);
    if (has_id == 1)
        jsonu_add_int(obj, "starting_after_id", after_id);
    jsonu_add_id_or_null(obj, "last_id", last_id);
    if (has_id == 1)
        add_events_link(links, "self", "starting_after_id", after_id);
    else
        add_events_link(links, "self", "starting_after_timestamp", timestamp);
    if (last_id)
        add_events_link(links, "next", "starting_after_id", last_id);
    else
        json_object_object_add(links, "next", json_object_get(json_object_object_get(links, "self")));
    json_object_object_add(obj, "_links", links);
    json_object_object_add(jsonu_add_object(obj, "_embedded"), "events", rows);
    resp_json(resp, 200, obj);
}

void
handle_site(struct request *req, struct response *resp)
{
    json_object *obj = NULL, *links;

    pthread_rwlock_rdlock(&req->app->store.lock);
    json_object_deep_copy(req->app->store.site, &obj, NULL);
    pthread_rwlock_unlock(&req->app->store.lock);
    links = json_object_new_object();
    render_link(&req->render, links, "self", "/site");
    json_object_object_add(obj, "_links", links);
    resp_json(resp, 200, obj);
}
