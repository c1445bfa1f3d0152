/* api_portals.c: career portals: their published jobs, publishing, and the
 * job and registration applications submitted through them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <openssl/evp.h>

#include "handlers.h"
#include "jsonutil.h"
#include "validate.h"
#include "webhook.h"

#define PORTAL_JOBS_MAX 500

enum form_kind {
    FORM_FILE,
    FORM_TEXT,
    FORM_MULTILINE,
    FORM_CHECKBOX,
    FORM_CHECKBOXES,
    FORM_RADIO,
    FORM_SELECT,
};

static const char *const form_kind_names[] = {
    "file", "text", "multiline", "checkbox", "checkboxes", "radio", "select",
};

struct form_answer {
    long id;
    const char *label;
};

/* The application form every portal uses, for job applications and for
 * registration.  Its ids are those of the CATS documentation's example
 * submission, so that example is accepted as is. */
struct form_field {
    long id;
    enum form_kind kind;
    const char *label;
    bool required;
    const char *candidate_field;     /* where the value lands on a new candidate */
    struct form_answer answers[4];
};

static const struct form_field form_fields[] = {
    { 523423, FORM_FILE, "Résumé", false, NULL, { { 0 } } },
    { 523591, FORM_TEXT, "First name", true, "first_name", { { 0 } } },
    { 523592, FORM_TEXT, "Last name", false, "last_name", { { 0 } } },
    { 523593, FORM_TEXT, "Email", false, "email", { { 0 } } },
    { 524022, FORM_MULTILINE, "Cover letter", false, "notes", { { 0 } } },
    { 524156, FORM_CHECKBOX, "I agree to the privacy policy", false, NULL, { { 0 } } },
    { 524300, FORM_CHECKBOXES, "Skills", false, NULL, { { 3251, "C" }, { 3991, "Go" }, { 4012, "SQL" } } },
    { 524301, FORM_RADIO, "Preferred contact", false, NULL, { { 4126, "Email" }, { 4127, "Phone" } } },
    { 524302, FORM_SELECT, "Notice period", false, NULL, { { 5001, "None" }, { 5002, "One month" }, { 5003, "Three months" } } },
};

#define FORM_FIELD_COUNT (sizeof form_fields / sizeof form_fields[0])

static struct portal *
find_portal(struct request *req, struct response *resp)
{
    struct portal *portal = table_find(&req->app->store.portals, req->ids[0]);

    if (portal == NULL)
        resp_not_found(resp, "portal", req->ids[0]);
    return portal;
}

void
handle_portal_jobs(struct request *req, struct response *resp)
{
    struct store *store = &req->app->store;
    struct paging paging;
    struct portal *portal;
    char path[64];

    if (!req_paging(req, resp, &paging))
        return;
    pthread_rwlock_rdlock(&store->lock);
    portal = find_portal(req, resp);
    if (portal != NULL) {
        json_object *rows = json_object_new_array();
        size_t first, end;

        page_bounds(&paging, portal->job_count, &first, &end);
        for (size_t i = first; i < end; i++) {
            const struct doc *job = table_find(&store->jobs, portal->job_ids[i]);

            if (job)
                json_object_array_add(rows, render_portal_job(&req->render, portal, job));
        }
        snprintf(path, sizeof path, "/portals/%ld/jobs", portal->id);
        resp_json(resp, 200, list_envelope(req, "jobs", path, "", (long)portal->job_count, &paging, rows));
    }
    pthread_rwlock_unlock(&store->lock);
}

static void
notify_job(struct request *req, long job_id)
{
    const struct doc *job = table_find(&req->app->store.jobs, job_id);
    json_object *record = render_doc(&req->render, DOC_JOB, job);

    store_add_event(&req->app->store, "job.updated", "job", job_id);
    webhooks_fire(req->app, "job.updated", "job", job_id, record);
    json_object_put(record);
}

void
handle_portal_publish(struct request *req, struct response *resp)
{
    struct store *store = &req->app->store;
    json_object *body = req_json_body(req, resp, true);
    struct portal *portal;

    if (body == NULL)
        return;
    json_object_put(body);
    pthread_rwlock_wrlock(&store->lock);
    portal = find_portal(req, resp);
    if (portal == NULL)
        goto done;
    if (!table_find(&store->jobs, req->ids[1])) {
        resp_not_found(resp, "job", req->ids[1]);
    } else if (!store_portal_has_job(portal, req->ids[1]) && portal->job_count >= PORTAL_JOBS_MAX) {
        resp_message(resp, 400, "Portal %ld already has %d published jobs, the most a portal holds; "
                                "unpublish one first.", portal->id, PORTAL_JOBS_MAX);
    } else {
        store_portal_publish(portal, req->ids[1]);
        notify_job(req, req->ids[1]);
        resp_no_content(resp);
    }
done:
    pthread_rwlock_unlock(&store->lock);
}

void
handle_portal_unpublish(struct request *req, struct response *resp)
{
    struct store *store = &req->app->store;
    struct portal *portal;

    pthread_rwlock_wrlock(&store->lock);
    portal = find_portal(req, resp);
    if (portal != NULL && !store_portal_unpublish(portal, req->ids[1])) {
        resp_message(resp, 404, "Job %ld is not published on portal %ld.", req->ids[1], portal->id);
    } else if (portal != NULL) {
        notify_job(req, req->ids[1]);
        resp_no_content(resp);
    }
    pthread_rwlock_unlock(&store->lock);
}

static json_object *
render_form_field(const struct form_field *field)
{
    json_object *obj = json_object_new_object();

    jsonu_add_int(obj, "id", field->id);
    jsonu_add_string(obj, "type", form_kind_names[field->kind]);
    jsonu_add_string(obj, "label", field->label);
    jsonu_add_bool(obj, "is_required", field->required);
    if (field->answers[0].id) {
        json_object *answers = jsonu_add_array(obj, "answers");

        for (size_t i = 0; i < 4 && field->answers[i].id; i++) {
            json_object *answer = json_object_new_object();

            jsonu_add_int(answer, "id", field->answers[i].id);
            jsonu_add_string(answer, "label", field->answers[i].label);
            json_object_array_add(answers, answer);
        }
    }
    return obj;
}

void
handle_portal_registration(struct request *req, struct response *resp)
{
    struct portal *portal;
    json_object *obj, *links, *fields;

    pthread_rwlock_rdlock(&req->app->store.lock);
    portal = find_portal(req, resp);
    if (portal != NULL) {
        obj = json_object_new_object();
        links = json_object_new_object();
        render_id(&req->render, obj, portal->id);
        jsonu_add_string(obj, "description", "General application: register with us even when no job fits yet.");
        jsonu_add_string(obj, "header", portal->name);
        render_link(&req->render, links, "self", "/portals/%ld/registration", portal->id);
        render_link(&req->render, links, "portal", "/portals/%ld", portal->id);
        json_object_object_add(obj, "_links", links);
        fields = jsonu_add_array(jsonu_add_object(obj, "_embedded"), "fields");
        for (size_t i = 0; i < FORM_FIELD_COUNT; i++)
            json_object_array_add(fields, render_form_field(&form_fields[i]));
        resp_json(resp, 200, obj);
    }
    pthread_rwlock_unlock(&req->app->store.lock);
}

static const struct form_field *
find_form_field(long id)
{
    for (size_t i = 0; i < FORM_FIELD_COUNT; i++)
        if (form_fields[i].id == id)
            return &form_fields[i];
    return NULL;
}

static bool
is_answer(const struct form_field *field, const char *key)
{
    long id = strtol(key, NULL, 10);

    for (size_t i = 0; i < 4 && field->answers[i].id; i++)
        if (field->answers[i].id == id)
            return true;
    return false;
}

/* Checks an object of answer-id -> true; radio and select take exactly one. */
static void
check_choice(const struct form_field *field, json_object *value, const char *where, struct errors *errors)
{
    size_t count = 0;

    if (!json_object_is_type(value, json_type_object)) {
        errors_add(errors, "%s: a %s value must be an object of answer id -> true", where,
                   form_kind_names[field->kind]);
        return;
    }
    json_object_object_foreach(value, key, chosen) {
        if (!is_answer(field, key) || !json_object_is_type(chosen, json_type_boolean))
            errors_add(errors, "%s: '%s' is not one of this field's answer ids", where, key);
        count++;
    }
    if (field->kind != FORM_CHECKBOXES && count != 1)
        errors_add(errors, "%s: a %s value must choose exactly one answer", where, form_kind_names[field->kind]);
}

static void
check_file(json_object *entry, json_object *value, const char *where, struct errors *errors)
{
    const char *filename = jsonu_string(entry, "filename");
    const char *data = json_object_is_type(value, json_type_string) ? json_object_get_string(value) : NULL;
    size_t len = data ? strlen(data) : 0;

    if (filename == NULL || *filename == '\0')
        errors_add(errors, "%s: a file value needs a non-empty filename", where);
    if (data == NULL || len % 4 != 0) {
        errors_add(errors, "%s: a file value must be base64 text", where);
        return;
    }
    unsigned char *decoded = util_xmalloc(len / 4 * 3 + 1);

    if (EVP_DecodeBlock(decoded, (const unsigned char *)data, (int)len) < 0)
        errors_add(errors, "%s: a file value must be base64 text", where);
    free(decoded);
}

static void
check_form_value(const struct form_field *field, json_object *entry, json_object *value,
                 const char *where, struct errors *errors)
{
    switch (field->kind) {
    case FORM_FILE:
        check_file(entry, value, where, errors);
        break;
    case FORM_TEXT:
    case FORM_MULTILINE:
        if (!json_object_is_type(value, json_type_string))
            errors_add(errors, "%s: a %s value must be a string", where, form_kind_names[field->kind]);
        break;
    case FORM_CHECKBOX:
        if (!json_object_is_type(value, json_type_boolean))
            errors_add(errors, "%s: a checkbox value must be true or false", where);
        break;
    default:
        check_choice(field, value, where, errors);
    }
}

/* Validates body.fields against the form and collects the candidate
 * fields it sets into `candidate` (first_name, last_name, email, notes). */
static void
check_application(json_object *body, json_object *candidate, struct errors *errors)
{
    json_object *fields = NULL;
    bool seen[FORM_FIELD_COUNT] = { false };

    if (!jsonu_get(body, "fields", &fields) || !json_object_is_type(fields, json_type_array)) {
        errors_add(errors, "fields must be an array of {\"id\": N, \"value\": ...}");
        return;
    }
    for (size_t i = 0; i < json_object_array_length(fields); i++) {
        json_object *entry = json_object_array_get_idx(fields, i), *value = NULL;
        long id = jsonu_long(entry, "id", 0);
        const struct form_field *field = find_form_field(id);
        char where[64];

        snprintf(where, sizeof where, "fields[%zu] (id %ld)", i, id);
        if (field == NULL || !jsonu_get(entry, "value", &value)) {
            errors_add(errors, "%s: %s", where, field ? "value is missing" : "no form field has this id");
            continue;
        }
        seen[field - form_fields] = true;
        check_form_value(field, entry, value, where, errors);
        if (field->candidate_field && json_object_is_type(value, json_type_string))
            jsonu_add_string(candidate, field->candidate_field, json_object_get_string(value));
    }
    for (size_t i = 0; i < FORM_FIELD_COUNT; i++)
        if (form_fields[i].required && !seen[i])
            errors_add(errors, "fields: \"%s\" (id %ld) is required", form_fields[i].label, form_fields[i].id);
}

static long
find_candidate_by_email(struct store *store, const char *email)
{
    for (size_t i = 0; email && i < store->candidates.count; i++) {
        const struct doc *doc = table_at(&store->candidates, i);
        json_object *emails = json_object_object_get(doc->fields, "emails");
        const char *primary = jsonu_string(emails, "primary");

        if (primary && strcasecmp(primary, email) == 0)
            return doc->id;
    }
    return 0;
}

static long
create_applicant(struct request *req, json_object *answers, const char *source)
{
    struct store *store = &req->app->store;
    long id = table_next_id(&store->candidates, 1);
    struct doc *doc = table_insert(&store->candidates, id);
    json_object *fields = json_object_new_object();
    int64_t now = util_now();

    doc->fields = fields;
    jsonu_add_string(fields, "first_name", jsonu_string(answers, "first_name"));
    jsonu_add_string(fields, "middle_name", "");
    jsonu_add_string(fields, "last_name", jsonu_string(answers, "last_name") ? jsonu_string(answers, "last_name") : "");
    json_object *emails = jsonu_add_object(fields, "emails");
    jsonu_add_string(emails, "primary", jsonu_string(answers, "email"));
    jsonu_add_null(emails, "secondary");
    jsonu_add_string(fields, "notes", jsonu_string(answers, "notes") ? jsonu_string(answers, "notes") : "");
    jsonu_add_string(fields, "source", source);
    jsonu_add_bool(fields, "is_registered", false);
    jsonu_add_bool(fields, "is_active", true);
    jsonu_add_time(fields, "date_created", now, 0);
    jsonu_add_time(fields, "date_modified", now, 0);
    store_add_event(store, "candidate.created", "candidate", id);

    json_object *record = render_doc(&req->render, DOC_CANDIDATE, doc);

    webhooks_fire(req->app, "candidate.created", "candidate", id, record);
    json_object_put(record);
    return id;
}

/* Handles a job application (job_id > 0) or a registration (job_id 0). */
static void
submit_application(struct request *req, struct response *resp, long job_id)
{
    struct store *store = &req->app->store;
    struct errors errors = { 0 };
    json_object *body = req_json_body(req, resp, true);
    json_object *answers, *source_value = NULL;
    const char *source = "Career Portal";

    if (body == NULL)
        return;
    answers = json_object_new_object();
    if (jsonu_get(body, "source", &source_value))
        validate_string(source_value, "source", true, &errors, &source);
    check_application(body, answers, &errors);

    pthread_rwlock_wrlock(&store->lock);
    if (find_portal(req, resp) == NULL) {
        errors_free(&errors);
    } else if (job_id && !table_find(&store->jobs, job_id)) {
        resp_not_found(resp, "job", job_id);
        errors_free(&errors);
    } else if (errors_any(&errors)) {
        resp_errors(resp, &errors);
    } else {
        long id = find_candidate_by_email(store, jsonu_string(answers, "email"));

        if (id == 0)
            id = create_applicant(req, answers, source);
        if (job_id) {
            store_add_event(store, "pipeline.created", "candidate", id);
            webhooks_fire(req->app, "pipeline.created", "candidate", id, NULL);
        }
        resp_created(req, resp, "/candidates/%ld", id);
    }
    pthread_rwlock_unlock(&store->lock);
    json_object_put(answers);
    json_object_put(body);
}

void
handle_portal_apply(struct request *req, struct response *resp)
{
    submit_application(req, resp, req->ids[1]);
}

void
handle_portal_register(struct request *req, struct response *resp)
{
    submit_application(req, resp, 0);
}
