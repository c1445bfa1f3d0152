/* fetch_internal.h: the request record shared by fetch.c (queues and
 * threads) and fetch_ops.c (copying and running requests).  Not for use
 * outside the fetch module. */
#ifndef CATS_FETCH_INTERNAL_H
#define CATS_FETCH_INTERNAL_H

#include <stddef.h>

#include "fetch.h"

/* A block of memory the request owns: a copied string or array. */
struct fetch_kept {
    void *ptr;
    size_t size;
};

struct fetch_request {
    struct fetch_request *next;
    enum fetch_op op;
    unsigned long tag;
    struct model_result_key key; /* pages */
    int per_page;                /* pages */
    const char *path;            /* pages, FETCH_GET, FETCH_GET_LIST, FETCH_RESUME_PARSE */
    const char *plural;          /* pages, FETCH_GET_LIST */
    const char *query;           /* FETCH_FILTER_PAGE, may be NULL */
    int64_t id;                  /* record id, portal id, or the events' timestamp */
    int64_t second_id;           /* the portal requests' job id */
    int fd;                      /* FETCH_ATTACHMENT_DOWNLOAD, else -1 */
    union {
        struct api_task_fields task;
        struct api_activity_fields activity;
        struct api_work_history_fields work_history;
        struct api_webhook_fields webhook;
        struct api_backup_fields backup;
        struct api_portal_submission submission;
        struct api_filter filter;
    } fields;
    struct fetch_kept *kept;     /* every copy above, wiped and freed with the request */
    size_t kept_count;
    size_t kept_room;
};

/* Returns a new request for op with no arguments yet. */
struct fetch_request *fetch_request_new(enum fetch_op op, unsigned long tag);

/* Returns a copy of s that the request owns; NULL stays NULL. */
const char *fetch_request_keep_string(struct fetch_request *req, const char *s);

/* Copies each string and array that the request's fields point at, so it
 * no longer depends on the caller's memory. */
void fetch_request_keep_fields(struct fetch_request *req);

/* Overwrites and frees the request's copies, closes its fd, frees it. */
void fetch_request_free(struct fetch_request *req);

/* Copies what identifies req (op, tag, key, ids) into res, with no error. */
void fetch_result_start(const struct fetch_request *req, struct fetch_result *res);

/* Runs the request on client and fills res (op, tag, ids, outcome). */
void fetch_request_run(struct api_client *client, struct fetch_request *req,
                       struct fetch_result *res);

#endif
