/* fetch.h: the fetcher threads that make the console's API requests, so
 * the UI thread never waits on the network.
 *
 * The UI thread submits requests with the fetch_* functions below; they
 * copy what they are given and return at once.  Worker threads (each with
 * its own struct api_client, so each keeps its own connection) take the
 * requests in the order they came, run them, and queue a struct
 * fetch_result for each.  When the result queue turns non-empty, a worker
 * writes one byte to the wake-up pipe, so the UI can block in poll() on
 * fetch_wake_fd() beside the terminal.  On that wake-up the UI calls
 * fetch_take() until it returns NULL.
 *
 * While a 429's Retry-After is running, workers do not send: each request
 * taken in that time ends at once as API_ERR_RATE_LIMITED with the seconds
 * left in retry_after.
 *
 * Results of list pages go to the model with fetch_apply_page(); a result
 * for a list that was refreshed or closed since is dropped there.  Pending
 * page requests of such a list can be dropped before they run with
 * fetch_cancel_list().  A request already running cannot be stopped; its
 * result arrives and is dropped by the model.
 *
 * Threads: only the UI thread calls the functions here, except that the
 * struct api_session may be read from any thread (see api.h).  Nothing here
 * calls curses.
 *
 * Memory: submitting copies every string and array of the request, so the
 * caller's may change or go right after the call.  Each fetch_take()
 * result belongs to the caller, who releases it with fetch_result_free().
 */
#ifndef CATS_FETCH_H
#define CATS_FETCH_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "api.h"
#include "model.h"

#define FETCH_DEFAULT_WORKERS 2
#define FETCH_MAX_WORKERS 8

/* Seconds a page waits after a 429 that carried no usable Retry-After. */
#define FETCH_DEFAULT_RETRY_SECONDS 60

enum fetch_op {
    FETCH_PAGE,                       /* a page of a model list: GET path?page=&per_page= */
    FETCH_FILTER_PAGE,                /* a page of POST /activities/search */
    FETCH_GET,                        /* one record by relative path */
    FETCH_GET_LIST,                   /* one collection page by relative path */
    FETCH_EVENTS,                     /* GET /events?starting_after_timestamp= */
    FETCH_TASK_CREATE,
    FETCH_TASK_UPDATE,
    FETCH_TASK_DELETE,
    FETCH_ACTIVITY_UPDATE,
    FETCH_ACTIVITY_DELETE,
    FETCH_WORK_HISTORY_UPDATE,
    FETCH_WORK_HISTORY_DELETE,
    FETCH_WEBHOOK_CREATE,
    FETCH_WEBHOOK_DELETE,
    FETCH_BACKUP_CREATE,
    FETCH_ATTACHMENT_DELETE,
    FETCH_ATTACHMENT_DOWNLOAD,
    FETCH_RESUME_PARSE,
    FETCH_PORTAL_JOB_PUBLISH,
    FETCH_PORTAL_JOB_UNPUBLISH,
    FETCH_PORTAL_JOB_APPLY,
    FETCH_PORTAL_REGISTRATION_SUBMIT,
    FETCH_OP_COUNT
};

/* The outcome of one request.  Which fields are set depends on op. */
struct fetch_result {
    struct fetch_result *next;    /* used by the queue; ignore */
    enum fetch_op op;
    unsigned long tag;            /* the caller's, from the request */
    struct model_result_key key;  /* FETCH_PAGE, FETCH_FILTER_PAGE */
    int64_t id;                   /* the record or portal id the request named, the
                                     events' timestamp, or 0 */
    int64_t second_id;            /* the portal requests' job id, or 0 */
    struct api_error error;       /* kind API_OK on success */
    struct api_list list;         /* pages, FETCH_GET_LIST and FETCH_EVENTS: owned */
    struct json_object *record;   /* FETCH_GET and FETCH_RESUME_PARSE: one reference */
    int64_t new_id;               /* creates: the id from Location, 0 when none */
    int64_t bytes;                /* FETCH_ATTACHMENT_DOWNLOAD: bytes written */
    char filename[256];           /* FETCH_ATTACHMENT_DOWNLOAD: the server's name, made safe */
    struct api_rate_limit rate;   /* the session's rate-limit state after the request */
};

struct fetch;

/* Starts workers threads (1 to FETCH_MAX_WORKERS; 0 picks
 * FETCH_DEFAULT_WORKERS) on session, which must outlive the fetcher.
 * Returns NULL and fills err when a client, the pipe or a thread cannot be
 * made. */
struct fetch *fetch_new(struct api_session *session, int workers, struct api_error *err);

/* Stops the workers and frees everything: requests not started are
 * dropped, results not taken are freed.  It cancels the session (see
 * api_session_cancel()), so requests that are running end within about a
 * second instead of at their timeout; the session cannot be used for
 * requests afterwards. */
void fetch_free(struct fetch *fetch);

/* The read end of the wake-up pipe (non-blocking), for poll(). */
int fetch_wake_fd(const struct fetch *fetch);

/* Empties the wake-up pipe, then returns the oldest result, or NULL when
 * none is waiting.  Call it until it returns NULL on each wake-up: a result
 * that arrives afterwards writes a new byte. */
struct fetch_result *fetch_take(struct fetch *fetch);

void fetch_result_free(struct fetch_result *result);

/* Returns the number of requests submitted whose result has not been
 * taken yet (waiting, running, or done and queued). */
int fetch_pending(struct fetch *fetch);

/* Returns whether pages may be fetched ahead of the screen: false while a
 * 429's Retry-After runs or when the server reported fewer than reserve
 * requests left in its rate-limit budget (config's prefetch_reserve).
 * Before any response has reported the budget, true. */
bool fetch_prefetch_allowed(struct fetch *fetch, long reserve);

/* Drops the page requests of list_id not yet started whose generation is
 * not keep_generation (pass 0 to drop them all, e.g. when the list is
 * closed).  Returns how many were dropped. */
int fetch_cancel_list(struct fetch *fetch, unsigned long list_id, unsigned long keep_generation);

/* Hands a page result to its list in model: the rows on success, the
 * failure, or a wait until the 429's Retry-After ends (counted from now).
 * The rows move into the model; the caller still frees result.  Returns
 * false when the model dropped it as stale or result is not a page. */
bool fetch_apply_page(struct model *model, struct fetch_result *result, time_t now);

/* ---- requests ----------------------------------------------------------
 * Each returns 0, or -1 when the fetcher is stopping or an argument is
 * invalid (a NULL struct or path).  tag comes back in the result. */

/* Requests a page that model_list_want() asked for. */
int fetch_page(struct fetch *fetch, const struct model_request *req);

/* Requests a page of POST /activities/search with filter and query (may
 * be NULL), for a model list opened to show those results. */
int fetch_filter_page(struct fetch *fetch, const struct model_request *req,
                      const struct api_filter *filter, const char *query);

/* GETs one record at a path relative to the base URL, as _links hrefs give
 * them: "/tasks/5", "/site", "/portals/3/registration". */
int fetch_get(struct fetch *fetch, unsigned long tag, const char *path);

/* GETs a collection page at a relative path whose rows are in
 * "_embedded.<plural>", e.g. a "_links.next" href such as
 * "/events?starting_after_id=12369". */
int fetch_get_list(struct fetch *fetch, unsigned long tag, const char *path, const char *plural);

/* GETs up to 25 events after a Unix time. */
int fetch_events(struct fetch *fetch, unsigned long tag, int64_t after_timestamp);

int fetch_task_create(struct fetch *fetch, unsigned long tag, const struct api_task_fields *fields);
int fetch_task_update(struct fetch *fetch, unsigned long tag, int64_t id,
                      const struct api_task_fields *fields);
int fetch_activity_update(struct fetch *fetch, unsigned long tag, int64_t id,
                          const struct api_activity_fields *fields);
int fetch_work_history_update(struct fetch *fetch, unsigned long tag, int64_t id,
                              const struct api_work_history_fields *fields);
int fetch_webhook_create(struct fetch *fetch, unsigned long tag,
                         const struct api_webhook_fields *fields);
int fetch_backup_create(struct fetch *fetch, unsigned long tag,
                        const struct api_backup_fields *fields);

/* Deletes record id.  op is one of FETCH_TASK_DELETE,
 * FETCH_ACTIVITY_DELETE, FETCH_WORK_HISTORY_DELETE, FETCH_WEBHOOK_DELETE
 * and FETCH_ATTACHMENT_DELETE. */
int fetch_delete(struct fetch *fetch, unsigned long tag, enum fetch_op op, int64_t id);

/* Publishes (FETCH_PORTAL_JOB_PUBLISH) or unpublishes
 * (FETCH_PORTAL_JOB_UNPUBLISH) a job on a portal. */
int fetch_portal_job(struct fetch *fetch, unsigned long tag, enum fetch_op op, int64_t portal_id,
                     int64_t job_id);

/* Submits an application to a job on a portal. */
int fetch_portal_apply(struct fetch *fetch, unsigned long tag, int64_t portal_id, int64_t job_id,
                       const struct api_portal_submission *submission);

/* Submits a portal's registration application. */
int fetch_portal_register(struct fetch *fetch, unsigned long tag, int64_t portal_id,
                          const struct api_portal_submission *submission);

/* Downloads an attachment into fd.  The fetcher takes fd and closes it when
 * the request ends (also when it is dropped unrun). */
int fetch_attachment_download(struct fetch *fetch, unsigned long tag, int64_t id, int fd);

/* Sends the file at path to the resume parser. */
int fetch_resume_parse(struct fetch *fetch, unsigned long tag, const char *path);

#endif
