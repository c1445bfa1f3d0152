/* fetch.c: the fetcher's queues, worker threads and wake-up pipe, and the
 * submit functions the UI thread calls. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "fetch_internal.h"
#include "mem.h"

struct worker {
    struct fetch *fetch;
    struct api_client *client;
    pthread_t thread;
    bool started;
};

struct fetch {
    struct api_session *session;
    pthread_mutex_t lock;         /* guards everything below but the workers */
    pthread_cond_t work_ready;    /* a request was queued, or stopping was set */
    struct fetch_request *requests, *requests_tail;
    struct fetch_result *results, *results_tail;
    int pending;                  /* submitted and not yet taken */
    bool stopping;
    int wake_read, wake_write;    /* the wake-up pipe */
    int worker_count;
    struct worker *workers;
};

/* Pops the oldest request, waiting for one; NULL once stopping. */
static struct fetch_request *
pop_request(struct fetch *fetch)
{
    struct fetch_request *req = NULL;

    pthread_mutex_lock(&fetch->lock);
    while (!fetch->stopping && fetch->requests == NULL)
        pthread_cond_wait(&fetch->work_ready, &fetch->lock);
    if (!fetch->stopping) {
        req = fetch->requests;
        fetch->requests = req->next;
        if (fetch->requests == NULL)
            fetch->requests_tail = NULL;
    }
    pthread_mutex_unlock(&fetch->lock);
    return req;
}

/* Queues a result, and writes a byte to the pipe when the queue was empty:
 * one byte per batch is enough, since the UI takes every result on each
 * wake-up. */
static void
push_result(struct fetch *fetch, struct fetch_result *res)
{
    bool was_empty;

    pthread_mutex_lock(&fetch->lock);
    was_empty = fetch->results == NULL;
    if (fetch->results_tail)
        fetch->results_tail->next = res;
    else
        fetch->results = res;
    fetch->results_tail = res;
    pthread_mutex_unlock(&fetch->lock);

    /* A failed write can only be EAGAIN, from a full pipe, which already
     * contains a wake-up. */
    if (was_empty) {
        ssize_t written = write(fetch->wake_write, "", 1);
        (void)written;
    }
}

/* Fails a request without sending it while a 429's Retry-After runs, so
 * the workers do not spend requests that would be refused anyway.
 * Returns true when it did. */
static bool
hold_for_rate_limit(struct fetch *fetch, struct fetch_request *req, struct fetch_result *res)
{
    struct api_rate_limit rate;

    api_session_rate_limit(fetch->session, &rate);
    if (rate.retry_in_ms <= 0)
        return false;

    fetch_result_start(req, res);
    res->error.kind = API_ERR_RATE_LIMITED;
    res->error.retry_after = (rate.retry_in_ms + 999) / 1000;
    snprintf(res->error.message, sizeof res->error.message,
             "not sent: the rate limit allows no request for %ld more seconds",
             res->error.retry_after);
    return true;
}

static void *
worker_main(void *arg)
{
    struct worker *worker = arg;
    struct fetch *fetch = worker->fetch;
    struct fetch_request *req;

    while ((req = pop_request(fetch)) != NULL) {
        struct fetch_result *res = mem_calloc(1, sizeof *res);

        if (!hold_for_rate_limit(fetch, req, res))
            fetch_request_run(worker->client, req, res);
        api_session_rate_limit(fetch->session, &res->rate);
        fetch_request_free(req);
        push_result(fetch, res);
    }
    return NULL;
}

static int
open_wake_pipe(struct fetch *fetch, struct api_error *err)
{
    int fds[2];

    if (pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0) {
        api_error_clear(err);
        err->kind = API_ERR_IO;
        snprintf(err->message, sizeof err->message,
                 "cannot create the fetcher's wake-up pipe: %s", strerror(errno));
        return -1;
    }
    fetch->wake_read = fds[0];
    fetch->wake_write = fds[1];
    return 0;
}

/* Starts the worker threads with every signal blocked, so signals such as
 * SIGWINCH and SIGINT reach the UI thread. */
static int
start_workers(struct fetch *fetch, struct api_error *err)
{
    sigset_t all, old;
    int result = 0;

    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    for (int i = 0; i < fetch->worker_count && result == 0; i++) {
        struct worker *worker = &fetch->workers[i];
        int error = pthread_create(&worker->thread, NULL, worker_main, worker);

        worker->started = error == 0;
        if (error != 0) {
            api_error_clear(err);
            err->kind = API_ERR_IO;
            snprintf(err->message, sizeof err->message,
                     "cannot start fetcher thread %d: %s", i + 1, strerror(error));
            result = -1;
        }
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return result;
}

static int
make_clients(struct fetch *fetch, struct api_error *err)
{
    for (int i = 0; i < fetch->worker_count; i++) {
        fetch->workers[i].fetch = fetch;
        fetch->workers[i].client = api_client_new(fetch->session, err);
        if (fetch->workers[i].client == NULL)
            return -1;
    }
    return 0;
}

struct fetch *
fetch_new(struct api_session *session, int workers, struct api_error *err)
{
    struct fetch *fetch = mem_calloc(1, sizeof *fetch);

    api_error_clear(err);
    fetch->session = session;
    fetch->wake_read = fetch->wake_write = -1;
    fetch->worker_count = workers > 0 ? workers : FETCH_DEFAULT_WORKERS;
    if (fetch->worker_count > FETCH_MAX_WORKERS)
        fetch->worker_count = FETCH_MAX_WORKERS;
    fetch->workers = mem_calloc((size_t)fetch->worker_count, sizeof *fetch->workers);
    pthread_mutex_init(&fetch->lock, NULL);
    pthread_cond_init(&fetch->work_ready, NULL);

    if (open_wake_pipe(fetch, err) != 0 || make_clients(fetch, err) != 0
        || start_workers(fetch, err) != 0) {
        fetch_free(fetch);
        return NULL;
    }
    return fetch;
}

static void
free_requests(struct fetch_request *req)
{
    while (req != NULL) {
        struct fetch_request *next = req->next;

        fetch_request_free(req);
        req = next;
    }
}

void
fetch_free(struct fetch *fetch)
{
    if (fetch == NULL)
        return;

    /* Running requests end within about a second, because libcurl checks
     * the cancel flag that often, so quitting does not wait for a timeout. */
    api_session_cancel(fetch->session);
    pthread_mutex_lock(&fetch->lock);
    fetch->stopping = true;
    pthread_cond_broadcast(&fetch->work_ready);
    pthread_mutex_unlock(&fetch->lock);

    for (int i = 0; i < fetch->worker_count; i++) {
        if (fetch->workers[i].started)
            pthread_join(fetch->workers[i].thread, NULL);
        api_client_free(fetch->workers[i].client);
    }
    free_requests(fetch->requests);
    while (fetch->results != NULL) {
        struct fetch_result *next = fetch->results->next;

        fetch_result_free(fetch->results);
        fetch->results = next;
    }

    if (fetch->wake_read >= 0)
        close(fetch->wake_read);
    if (fetch->wake_write >= 0)
        close(fetch->wake_write);
    pthread_cond_destroy(&fetch->work_ready);
    pthread_mutex_destroy(&fetch->lock);
    free(fetch->workers);
    free(fetch);
}

int
fetch_wake_fd(const struct fetch *fetch)
{
    return fetch->wake_read;
}

static void
drain_wake_pipe(struct fetch *fetch)
{
    char buf[64];

    while (read(fetch->wake_read, buf, sizeof buf) > 0)
        continue;
}

struct fetch_result *
fetch_take(struct fetch *fetch)
{
    struct fetch_result *res;

    drain_wake_pipe(fetch);

    pthread_mutex_lock(&fetch->lock);
    res = fetch->results;
    if (res != NULL) {
        fetch->results = res->next;
        if (fetch->results == NULL)
            fetch->results_tail = NULL;
        fetch->pending--;
        res->next = NULL;
    }
    pthread_mutex_unlock(&fetch->lock);
    return res;
}

void
fetch_result_free(struct fetch_result *result)
{
    if (result == NULL)
        return;
    api_list_free(&result->list);
    json_object_put(result->record);
    free(result);
}

int
fetch_pending(struct fetch *fetch)
{
    int pending;

    pthread_mutex_lock(&fetch->lock);
    pending = fetch->pending;
    pthread_mutex_unlock(&fetch->lock);
    return pending;
}

static bool
is_page_op(enum fetch_op op)
{
    return op == FETCH_PAGE || op == FETCH_FILTER_PAGE;
}

/* Moves the page requests to cancel from the queue into a list of their
 * own; returns it, with its length in *count. */
static struct fetch_request *
unlink_cancelled(struct fetch *fetch, unsigned long list_id, unsigned long keep_generation,
                 int *count)
{
    struct fetch_request *cancelled = NULL, **link = &fetch->requests;

    fetch->requests_tail = NULL;
    while (*link != NULL) {
        struct fetch_request *req = *link;

        if (is_page_op(req->op) && req->key.list_id == list_id
            && req->key.generation != keep_generation) {
            *link = req->next;
            req->next = cancelled;
            cancelled = req;
            (*count)++;
        } else {
            fetch->requests_tail = req;
            link = &req->next;
        }
    }
    return cancelled;
}

int
fetch_cancel_list(struct fetch *fetch, unsigned long list_id, unsigned long keep_generation)
{
    struct fetch_request *cancelled;
    int count = 0;

    pthread_mutex_lock(&fetch->lock);
    cancelled = unlink_cancelled(fetch, list_id, keep_generation, &count);
    fetch->pending -= count;
    pthread_mutex_unlock(&fetch->lock);

    free_requests(cancelled);
    return count;
}

bool
fetch_prefetch_allowed(struct fetch *fetch, long reserve)
{
    struct api_rate_limit rate;

    api_session_rate_limit(fetch->session, &rate);
    if (rate.retry_in_ms > 0)
        return false;
    return rate.remaining < 0 || rate.remaining >= reserve;
}

bool
fetch_apply_page(struct model *model, struct fetch_result *result, time_t now)
{
    char message[API_MESSAGE_MAX + API_REQUEST_ID_MAX + 256];

    if (!is_page_op(result->op))
        return false;

    if (result->error.kind == API_OK) {
        struct json_object *rows =
            result->list.rows ? json_object_get(result->list.rows) : json_object_new_array();
        long total = result->list.total_known ? result->list.total : -1;
        bool has_next = result->list.has_next;

        api_list_free(&result->list);
        return model_apply_rows(model, &result->key, rows, total, has_next);
    }

    api_error_describe(&result->error, message, sizeof message);
    if (result->error.kind == API_ERR_RATE_LIMITED) {
        long wait = result->error.retry_after >= 0 ? result->error.retry_after
                                                   : FETCH_DEFAULT_RETRY_SECONDS;

        /* "Retry-After: 0" must not turn into a request on every frame. */
        if (wait < 1)
            wait = 1;
        return model_apply_wait(model, &result->key, now + wait, message);
    }
    return model_apply_failure(model, &result->key, message);
}

/* Queues req for the workers, or frees it when the fetcher is stopping. */
static int
submit(struct fetch *fetch, struct fetch_request *req)
{
    pthread_mutex_lock(&fetch->lock);
    if (fetch->stopping) {
        pthread_mutex_unlock(&fetch->lock);
        fetch_request_free(req);
        return -1;
    }
    if (fetch->requests_tail)
        fetch->requests_tail->next = req;
    else
        fetch->requests = req;
    fetch->requests_tail = req;
    fetch->pending++;
    pthread_cond_signal(&fetch->work_ready);
    pthread_mutex_unlock(&fetch->lock);
    return 0;
}

/* Makes a page request from what model_list_want() returned. */
static struct fetch_request *
page_request(enum fetch_op op, const struct model_request *mreq)
{
    struct fetch_request *req = fetch_request_new(op, 0);

    req->key.list_id = mreq->list_id;
    req->key.generation = mreq->generation;
    req->key.page = mreq->page;
    req->per_page = mreq->per_page;
    req->path = fetch_request_keep_string(req, mreq->path);
    req->plural = fetch_request_keep_string(req, mreq->plural);
    return req;
}

int
fetch_page(struct fetch *fetch, const struct model_request *mreq)
{
    if (mreq == NULL || mreq->path == NULL || mreq->plural == NULL)
        return -1;
    return submit(fetch, page_request(FETCH_PAGE, mreq));
}

int
fetch_filter_page(struct fetch *fetch, const struct model_request *mreq,
                  const struct api_filter *filter, const char *query)
{
    if (mreq == NULL || mreq->plural == NULL || filter == NULL)
        return -1;

    struct fetch_request *req = page_request(FETCH_FILTER_PAGE, mreq);
    req->fields.filter = *filter;
    req->query = fetch_request_keep_string(req, query);
    fetch_request_keep_fields(req);
    return submit(fetch, req);
}

/* Submits op with path (may be NULL) and the two ids. */
static int
submit_simple(struct fetch *fetch, unsigned long tag, enum fetch_op op, const char *path,
              int64_t id, int64_t second_id)
{
    struct fetch_request *req = fetch_request_new(op, tag);

    req->path = fetch_request_keep_string(req, path);
    req->id = id;
    req->second_id = second_id;
    return submit(fetch, req);
}

int
fetch_get(struct fetch *fetch, unsigned long tag, const char *path)
{
    if (path == NULL)
        return -1;
    return submit_simple(fetch, tag, FETCH_GET, path, 0, 0);
}

int
fetch_get_list(struct fetch *fetch, unsigned long tag, const char *path, const char *plural)
{
    if (path == NULL || plural == NULL)
        return -1;

    struct fetch_request *req = fetch_request_new(FETCH_GET_LIST, tag);
    req->path = fetch_request_keep_string(req, path);
    req->plural = fetch_request_keep_string(req, plural);
    return submit(fetch, req);
}

int
fetch_events(struct fetch *fetch, unsigned long tag, int64_t after_timestamp)
{
    return submit_simple(fetch, tag, FETCH_EVENTS, NULL, after_timestamp, 0);
}

int
fetch_resume_parse(struct fetch *fetch, unsigned long tag, const char *path)
{
    if (path == NULL)
        return -1;
    return submit_simple(fetch, tag, FETCH_RESUME_PARSE, path, 0, 0);
}

int
fetch_delete(struct fetch *fetch, unsigned long tag, enum fetch_op op, int64_t id)
{
    if (op != FETCH_TASK_DELETE && op != FETCH_ACTIVITY_DELETE && op != FETCH_WORK_HISTORY_DELETE
        && op != FETCH_WEBHOOK_DELETE && op != FETCH_ATTACHMENT_DELETE)
        return -1;
    return submit_simple(fetch, tag, op, NULL, id, 0);
}

int
fetch_portal_job(struct fetch *fetch, unsigned long tag, enum fetch_op op, int64_t portal_id,
                 int64_t job_id)
{
    if (op != FETCH_PORTAL_JOB_PUBLISH && op != FETCH_PORTAL_JOB_UNPUBLISH)
        return -1;
    return submit_simple(fetch, tag, op, NULL, portal_id, job_id);
}

int
fetch_attachment_download(struct fetch *fetch, unsigned long tag, int64_t id, int fd)
{
    struct fetch_request *req = fetch_request_new(FETCH_ATTACHMENT_DOWNLOAD, tag);

    req->id = id;
    req->fd = fd;
    return submit(fetch, req);
}

/* Submits op with a copy of fields, a struct of the type that op's member
 * of the request's fields union has; size is sizeof that struct. */
static int
submit_fields(struct fetch *fetch, unsigned long tag, enum fetch_op op, int64_t id,
              int64_t second_id, const void *fields, size_t size)
{
    if (fields == NULL)
        return -1;

    struct fetch_request *req = fetch_request_new(op, tag);
    memcpy(&req->fields, fields, size);
    req->id = id;
    req->second_id = second_id;
    fetch_request_keep_fields(req);
    return submit(fetch, req);
}

int
fetch_task_create(struct fetch *fetch, unsigned long tag, const struct api_task_fields *fields)
{
    return submit_fields(fetch, tag, FETCH_TASK_CREATE, 0, 0, fields, sizeof *fields);
}

int
fetch_task_update(struct fetch *fetch, unsigned long tag, int64_t id,
                  const struct api_task_fields *fields)
{
    return submit_fields(fetch, tag, FETCH_TASK_UPDATE, id, 0, fields, sizeof *fields);
}

int
fetch_activity_update(struct fetch *fetch, unsigned long tag, int64_t id,
                      const struct api_activity_fields *fields)
{
    return submit_fields(fetch, tag, FETCH_ACTIVITY_UPDATE, id, 0, fields, sizeof *fields);
}

int
fetch_work_history_update(struct fetch *fetch, unsigned long tag, int64_t id,
                          const struct api_work_history_fields *fields)
{
    return submit_fields(fetch, tag, FETCH_WORK_HISTORY_UPDATE, id, 0, fields, sizeof *fields);
}

int
fetch_webhook_create(struct fetch *fetch, unsigned long tag,
                     const struct api_webhook_fields *fields)
{
    if (fields != NULL && fields->event_count > 0 && fields->events == NULL)
        return -1;
    return submit_fields(fetch, tag, FETCH_WEBHOOK_CREATE, 0, 0, fields, sizeof *fields);
}

int
fetch_backup_create(struct fetch *fetch, unsigned long tag,
                    const struct api_backup_fields *fields)
{
    return submit_fields(fetch, tag, FETCH_BACKUP_CREATE, 0, 0, fields, sizeof *fields);
}

int
fetch_portal_apply(struct fetch *fetch, unsigned long tag, int64_t portal_id, int64_t job_id,
                   const struct api_portal_submission *submission)
{
    return submit_fields(fetch, tag, FETCH_PORTAL_JOB_APPLY, portal_id, job_id, submission,
                         sizeof *submission);
}

int
fetch_portal_register(struct fetch *fetch, unsigned long tag, int64_t portal_id,
                      const struct api_portal_submission *submission)
{
    return submit_fields(fetch, tag, FETCH_PORTAL_REGISTRATION_SUBMIT, portal_id, 0, submission,
                         sizeof *submission);
}
