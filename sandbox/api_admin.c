/* api_admin.c: backups, webhooks and attachments. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "jsonutil.h"
#include "validate.h"
#include "webhook.h"

#define MEGABYTE 1048576L

void
handle_backup_create(struct request *req, struct response *resp)
{
    struct store *store = &req->app->store;
    struct errors errors = { 0 };
    json_object *body = req_json_body(req, resp, false);
    json_object *value;
    bool attachments = false, emails = true;

    if (body == NULL)
        return;
    if (jsonu_get(body, "include_attachments", &value))
        validate_bool(value, "include_attachments", &errors, &attachments);
    if (jsonu_get(body, "include_emails", &value))
        validate_bool(value, "include_emails", &errors, &emails);
    json_object_put(body);
    if (errors_any(&errors)) {
        resp_errors(resp, &errors);
        return;
    }

    pthread_rwlock_wrlock(&store->lock);
    struct backup *backup = table_insert(&store->backups, table_next_id(&store->backups, 1));

    backup->started_by_id = validate_api_user(store);
    backup->date_created = util_now();
    backup->include_attachments = attachments;
    backup->include_emails = emails;
    backup->file_size = 12 * MEGABYTE + (attachments ? 640 * MEGABYTE : 0) + (emails ? 85 * MEGABYTE : 0)
                        + backup->id % 1000 * 1024;
    store_add_event(store, "backup.created", "backup", backup->id);
    resp_created(req, resp, "/backups/%ld", backup->id);
    pthread_rwlock_unlock(&store->lock);
}

/* Streams a completed backup's bytes: a fixed text repeated to file_size. */
static ssize_t
read_backup(void *cls, uint64_t pos, char *buf, size_t max)
{
    static const char pattern[] = "cats-sandbox backup archive: synthetic content\n";
    size_t pattern_len = sizeof pattern - 1;

    for (size_t i = 0; i < max; i++)
        buf[i] = pattern[(pos + i) % pattern_len];
    return (ssize_t)max;
}

void
handle_backup_download(struct request *req, struct response *resp)
{
    struct store *store = &req->app->store;
    const struct backup *backup;

    pthread_rwlock_rdlock(&store->lock);
    backup = table_find(&store->backups, req->ids[0]);
    if (backup == NULL) {
        resp_not_found(resp, "backup", req->ids[0]);
    } else if (strcmp(render_backup_status(&req->render, backup), "completed") != 0) {
        resp_message(resp, 404, "Backup %ld is %s; only a completed backup can be downloaded.",
                     backup->id, render_backup_status(&req->render, backup));
    } else {
        resp->status = 200;
        resp->stream_size = (uint64_t)backup->file_size;
        resp->stream = read_backup;
        resp->content_type = "application/zip";
        resp->disposition = util_xmalloc(64);
        snprintf(resp->disposition, 64, "attachment; filename=\"backup-%ld.zip\"", backup->id);
    }
    pthread_rwlock_unlock(&store->lock);
}

/* Reads body.events into a bit mask of webhook_event_names. */
static uint32_t
check_events(json_object *body, struct errors *errors)
{
    json_object *events = NULL;
    uint32_t mask = 0;

    if (!jsonu_get(body, "events", &events) || !json_object_is_type(events, json_type_array)
        || json_object_array_length(events) == 0) {
        errors_add(errors, "events must be a non-empty array of event names such as \"candidate.created\"");
        return 0;
    }
    for (size_t i = 0; i < json_object_array_length(events); i++) {
        json_object *name = json_object_array_get_idx(events, i);
        int index = json_object_is_type(name, json_type_string)
                        ? webhooks_event_index(json_object_get_string(name)) : -1;

        if (index < 0)
            errors_add(errors, "events[%zu] is not a CATS webhook event", i);
        else
            mask |= 1u << index;
    }
    return mask;
}

static const char *
check_target_url(json_object *body, struct errors *errors)
{
    json_object *value = NULL;
    const char *url = NULL;

    if (!jsonu_get(body, "target_url", &value))
        value = NULL;
    if (!validate_string(value, "target_url", true, errors, &url))
        return NULL;
    if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
        errors_add(errors, "target_url must be an http:// or https:// URL");
        return NULL;
    }
    return url;
}

void
handle_webhook_create(struct request *req, struct response *resp)
{
    struct store *store = &req->app->store;
    struct errors errors = { 0 };
    json_object *body = req_json_body(req, resp, true), *value;
    const char *url, *secret = NULL;
    uint32_t events;

    if (body == NULL)
        return;
    events = check_events(body, &errors);
    url = check_target_url(body, &errors);
    if (jsonu_get(body, "secret", &value))
        validate_string_or_null(value, "secret", &errors, &secret);
    if (errors_any(&errors)) {
        resp_errors(resp, &errors);
        json_object_put(body);
        return;
    }

    pthread_rwlock_wrlock(&store->lock);
    struct webhook *webhook = table_insert(&store->webhooks, table_next_id(&store->webhooks, 1));

    webhook->target_url = util_xstrdup(url);
    webhook->secret = util_strdup_or_null(secret);
    webhook->events = events;
    webhook->date_created = util_now();
    store_add_event(store, "webhook.created", "webhook", webhook->id);
    resp_created(req, resp, "/webhooks/%ld", webhook->id);
    pthread_rwlock_unlock(&store->lock);
    json_object_put(body);
}

void
handle_webhook_delete(struct request *req, struct response *resp)
{
    struct store *store = &req->app->store;

    pthread_rwlock_wrlock(&store->lock);
    delete_row(req, resp, &store->webhooks, store_free_webhook, "webhook.deleted", "webhook", "webhook");
    pthread_rwlock_unlock(&store->lock);
}

/* Content-Disposition with an ASCII fallback name and the exact UTF-8 name
 * in filename* (RFC 6266).  Control characters and quotes become '_' in the
 * fallback; the exact name is percent-encoded. */
static char *
make_disposition(const char *filename)
{
    struct buffer out = { 0 };
    char *encoded = url_encode(filename);

    buffer_append(&out, "attachment; filename=\"", 22);
    for (const unsigned char *p = (const unsigned char *)filename; *p; p++) {
        char c = (*p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\') ? '_' : (char)*p;

        buffer_append(&out, &c, 1);
    }
    buffer_appendf(&out, "\"; filename*=UTF-8''%s", encoded);
    free(encoded);
    return out.data;
}

void
handle_attachment_download(struct request *req, struct response *resp)
{
    struct store *store = &req->app->store;
    const struct attachment *attachment;
    char *content;
    size_t len;

    pthread_rwlock_rdlock(&store->lock);
    attachment = table_find(&store->attachments, req->ids[0]);
    if (attachment == NULL) {
        resp_not_found(resp, "attachment", req->ids[0]);
    } else {
        seed_attachment_content(attachment, &content, &len);
        resp->status = 200;
        resp->body.len = 0;
        buffer_append(&resp->body, content, len);
        free(content);
        resp->content_type = attachment->content_type;
        resp->disposition = make_disposition(attachment->filename);
    }
    pthread_rwlock_unlock(&store->lock);
}

void
handle_attachment_delete(struct request *req, struct response *resp)
{
    struct store *store = &req->app->store;

    pthread_rwlock_wrlock(&store->lock);
    delete_row(req, resp, &store->attachments, store_free_attachment, "attachment.deleted", "attachment",
               "attachment");
    pthread_rwlock_unlock(&store->lock);
}
