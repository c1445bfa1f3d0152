/* api_tasks.c: create, update and delete tasks, validated as CATS does. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "jsonutil.h"
#include "validate.h"

/* The fields a create or update body may set, after validation. */
struct task_input {
    bool has_description, has_priority, has_assigned, has_due, has_item, has_completed;
    const char *description;
    int priority;
    long assigned_to_id;
    int64_t date_due;
    long item_id;
    uint8_t item_type;
    bool is_completed;
};

static void
check_priority(json_object *body, struct task_input *in, bool required, struct errors *errors)
{
    json_object *value;

    if (!jsonu_get(body, "priority", &value) || value == NULL) {
        if (required)
            errors_add(errors, "priority must not be optional");
        return;
    }
    in->has_priority = true;
    if (!json_object_is_type(value, json_type_int) || json_object_get_int64(value) < 1
        || json_object_get_int64(value) > 5) {
        errors_add(errors, "priority must be an integer from 1 (lowest) to 5");
        return;
    }
    in->priority = (int)json_object_get_int64(value);
}

static void
check_assigned(struct store *store, json_object *body, struct task_input *in, bool required,
               struct errors *errors)
{
    json_object *value;

    if (!jsonu_get(body, "assigned_to_id", &value)) {
        if (required)
            errors_add(errors, "assigned_to_id must be positive");
        return;
    }
    in->has_assigned = true;
    if (!validate_positive_id(value, "assigned_to_id", errors, &in->assigned_to_id))
        return;
    if (!table_find(&store->users, in->assigned_to_id))
        errors_add(errors, "assigned_to_id %ld is not a user", in->assigned_to_id);
}

static void
check_task_body(struct store *store, json_object *body, struct task_input *in, bool create,
                struct errors *errors)
{
    json_object *value;

    memset(in, 0, sizeof *in);
    if (jsonu_get(body, "description", &value)) {
        in->has_description = validate_string(value, "description", true, errors, &in->description);
    } else if (create) {
        errors_add(errors, "description must not be empty");
    }
    check_priority(body, in, create, errors);
    check_assigned(store, body, in, create, errors);
    if (jsonu_get(body, "date_due", &value))
        in->has_due = validate_time_or_null(value, "date_due", errors, &in->date_due);
    if (jsonu_get(body, "data_item", &value))
        in->has_item = validate_data_item(store, value, "data_item", errors, &in->item_id,
                                          &in->item_type);
    if (jsonu_get(body, "is_completed", &value))
        in->has_completed = validate_bool(value, "is_completed", errors, &in->is_completed);
}

static void
apply_task_input(struct task *task, const struct task_input *in, int64_t now)
{
    if (in->has_description)
        util_replace_string(&task->description, in->description);
    if (in->has_priority)
        task->priority = (uint8_t)in->priority;
    if (in->has_assigned)
        task->assigned_to_id = in->assigned_to_id;
    if (in->has_due)
        task->date_due = in->date_due;
    if (in->has_item) {
        task->item_id = in->item_id;
        task->item_type = in->item_type;
    }
    if (in->has_completed && in->is_completed != task->is_completed) {
        task->is_completed = in->is_completed;
        task->date_completed = in->is_completed ? now : 0;
    }
    task->date_updated = now;
}

void
handle_task_create(struct request *req, struct response *resp)
{
    struct store *store = &req->app->store;
    struct errors errors = { 0 };
    struct task_input in;
    json_object *body = req_json_body(req, resp, true);

    if (body == NULL)
        return;
    pthread_rwlock_wrlock(&store->lock);
    check_task_body(store, body, &in, true, &errors);
    if (errors_any(&errors)) {
        resp_errors(resp, &errors);
    } else {
        int64_t now = util_now();
        struct task *task = table_insert(&store->tasks, table_next_id(&store->tasks, 1));

        task->entered_by_id = validate_api_user(store);
        task->date_created = now;
        apply_task_input(task, &in, now);
        store_add_event(store, "task.created", "task", task->id);
        resp_created(req, resp, "/tasks/%ld", task->id);
    }
    pthread_rwlock_unlock(&store->lock);
    json_object_put(body);
}

void
handle_task_update(struct request *req, struct response *resp)
{
    struct store *store = &req->app->store;
    struct errors errors = { 0 };
    struct task_input in;
    json_object *body = req_json_body(req, resp, true);
    struct task *task;

    if (body == NULL)
        return;
    pthread_rwlock_wrlock(&store->lock);
    task = table_find(&store->tasks, req->ids[0]);
    if (task == NULL) {
        resp_not_found(resp, "task", req->ids[0]);
    } else {
        check_task_body(store, body, &in, false, &errors);
        if (errors_any(&errors)) {
            resp_errors(resp, &errors);
        } else {
            apply_task_input(task, &in, util_now());
            store_add_event(store, "task.updated", "task", task->id);
            resp_no_content(resp);
        }
    }
    pthread_rwlock_unlock(&store->lock);
    json_object_put(body);
}

void
handle_task_delete(struct request *req, struct response *resp)
{
    struct store *store = &req->app->store;

    pthread_rwlock_wrlock(&store->lock);
    delete_row(req, resp, &store->tasks, store_free_task, "task.deleted", "task", "task");
    pthread_rwlock_unlock(&store->lock);
}
