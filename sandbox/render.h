/* render.h: builds the JSON that the API returns for each kind of record,
 * shaped as CATS sends it: ids, fields, `_links` with relative hrefs
 * without the /v3 prefix, and `_embedded`.
 *
 * Every function returns a new json-c object that the caller owns.  They
 * read the store, so the caller holds store->lock (for reading at least). */
#ifndef SANDBOX_RENDER_H
#define SANDBOX_RENDER_H

#include <json-c/json.h>
#include <stdbool.h>

#include "store.h"

/* What a rendering depends on besides the record: the quirks in force when
 * the request arrived, the store, and how backups progress. */
struct render_ctx {
    const struct store *store;
    bool href_no_slash;     /* record links lose their leading slash */
    bool string_id;         /* record ids are sent as strings */
    bool mixed_offsets;     /* activity dates are sent at -05:00 */
    bool total_null;        /* list envelopes send "total": null */
    long backup_seconds;    /* how long a new backup stays queued, then running */
    const char *root_url;   /* "http://127.0.0.1:PORT", for backup download URLs */
};

/* Adds {"href": path} under rel, path built from fmt; applies href_no_slash. */
void render_link(const struct render_ctx *ctx, json_object *links, const char *rel,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Adds "id" as a number, or as a string under the string-id quirk. */
void render_id(const struct render_ctx *ctx, json_object *obj, long id);

json_object *render_task(const struct render_ctx *ctx, const struct task *task);
json_object *render_activity(const struct render_ctx *ctx, const struct activity *activity);
json_object *render_event(const struct render_ctx *ctx, const struct event *event);
json_object *render_backup(const struct render_ctx *ctx, const struct backup *backup);
json_object *render_webhook(const struct render_ctx *ctx, const struct webhook *webhook);
json_object *render_portal(const struct render_ctx *ctx, const struct portal *portal);
json_object *render_attachment(const struct render_ctx *ctx, const struct attachment *attachment);

/* A job as listed on a portal: the job plus _links.job_url to its public page. */
json_object *render_portal_job(const struct render_ctx *ctx, const struct portal *portal,
                               const struct doc *job);

/* The kinds of record kept as struct doc, each with its own links. */
enum doc_kind {
    DOC_USER,
    DOC_CANDIDATE,
    DOC_CONTACT,
    DOC_COMPANY,
    DOC_JOB,
    DOC_TAG,
    DOC_TRIGGER,
    DOC_WORK_HISTORY,
    DOC_KIND_COUNT,
};

json_object *render_doc(const struct render_ctx *ctx, enum doc_kind kind, const struct doc *doc);

/* The status a backup shows now: its frozen state, or queued, running and
 * completed as backup_seconds pass. */
const char *render_backup_status(const struct render_ctx *ctx, const struct backup *backup);

/* The API path of a collection for an event's or data item's kind
 * ("task" -> "/tasks"), or NULL when unknown. */
const char *render_kind_path(const char *kind);

#endif
