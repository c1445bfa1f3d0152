/* feed.c: the Events view: a list screen over a model feed, polled from
 * GET /events while it is on screen. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "api.h"
#include "app.h"
#include "feed.h"
#include "fetch.h"
#include "list.h"
#include "mem.h"
#include "model.h"
#include "view.h"

#define BACKLOG_SECONDS (24 * 60 * 60)
#define FULL_PAGE 25    /* GET /events returns at most 25 events */

struct feed_screen {
    struct list_screen list;      /* first, so list_ops work on a feed */
    int64_t after;                /* the timestamp the first poll starts after */
    char *next_path;              /* _links.next of the last poll: where to poll next */
    bool in_flight;
    unsigned long tag;
    time_t next_poll;             /* 0: poll at once */
    char error[API_MESSAGE_MAX + 256];
};

static struct screen_ops feed_ops;

static struct feed_screen *
as_feed(struct screen *s)
{
    return (struct feed_screen *)s;
}

bool
feed_is_feed(const struct screen *s)
{
    return s->ops == &feed_ops;
}

/* Seconds between polls: the configured interval, doubled while less than
 * a tenth of the rate-limit budget is left. */
static int
poll_interval(struct app *app)
{
    int interval = app_events_interval(app);

    return app_budget_allows_prefetch(app) ? interval : interval * 2;
}

static void
feed_prepare(struct screen *s, struct app *app, int height)
{
    struct feed_screen *fs = as_feed(s);

    list_ops.prepare(s, app, height);
    if (fs->in_flight || time(NULL) < fs->next_poll)
        return;
    fs->tag = ++app->next_id;
    if (fs->next_path != NULL) {
        fs->in_flight = app_request_events_at(app, fs->tag, fs->next_path);
        return;
    }
    if (fs->after == 0)
        fs->after = (int64_t)time(NULL) - BACKLOG_SECONDS;
    fs->in_flight = app_request_events(app, fs->tag, fs->after);
}

/* The newest "timestamp" among rows, or after when none is later. */
static int64_t
newest_timestamp(struct json_object *rows, int64_t after)
{
    size_t n = rows ? json_object_array_length(rows) : 0;

    for (size_t i = 0; i < n; i++) {
        struct json_object *stamp;
        if (json_object_object_get_ex(json_object_array_get_idx(rows, i), "timestamp", &stamp)
            && json_object_get_int64(stamp) > after)
            after = json_object_get_int64(stamp);
    }
    return after;
}

/* Appends the events; a selection on the last row follows new ones. */
static void
append_events(struct feed_screen *fs, struct app *app, struct json_object *rows)
{
    struct list_screen *ls = &fs->list;
    bool following = ls->selected >= model_list_rows(ls->list) - 1;
    bool complete;

    if (rows == NULL)
        return;
    fs->after = newest_timestamp(rows, fs->after);
    if (model_feed_append(ls->list, json_object_get(rows)) > 0
        && model_list_is_filtered(ls->list, &complete))
        app_status(app, "New events arrived; / again to filter them too.");
    if (following)
        ls->selected = model_list_rows(ls->list) - 1;
    list_screen_clamp(ls);
}

void
feed_take_result(struct screen *s, struct app *app, struct fetch_result *result)
{
    struct feed_screen *fs = as_feed(s);

    if (result->tag != fs->tag)
        return;
    fs->in_flight = false;
    if (result->error.kind != API_OK) {
        api_error_describe(&result->error, fs->error, sizeof fs->error);
        fs->next_poll = time(NULL) + (result->error.retry_after > 0 ? result->error.retry_after
                                                                     : poll_interval(app));
        return;
    }
    fs->error[0] = '\0';
    append_events(fs, app, result->list.rows);
    /* CATS's next link continues after the last event's id, so events of
     * the same second as the last one are not missed, as a timestamp
     * would miss them. */
    const char *next = api_json_link(result->list.body, "next");
    if (next != NULL) {
        free(fs->next_path);
        fs->next_path = mem_strdup(next);
    }
    /* A full page means more are waiting: ask again at once. */
    fs->next_poll = api_list_length(&result->list) >= FULL_PAGE ? 0
                                                                 : time(NULL) + poll_interval(app);
}

int
feed_next_poll_ms(struct screen *s)
{
    struct feed_screen *fs = as_feed(s);
    time_t now = time(NULL);

    if (fs->in_flight)
        return -1;
    return fs->next_poll <= now ? 0 : (int)(fs->next_poll - now) * 1000;
}

static void
feed_reload(struct screen *s, struct app *app)
{
    struct feed_screen *fs = as_feed(s);

    fs->next_poll = 0;
    app_status(app, "Checking for new events.");
}

static void
feed_title(struct screen *s, char *buf, size_t size)
{
    struct feed_screen *fs = as_feed(s);
    long wait = (long)(fs->next_poll - time(NULL));

    if (wait < 0)
        wait = 0;
    if (fs->in_flight)
        snprintf(buf, size, "Events (live): checking…");
    else if (fs->error[0])
        snprintf(buf, size, "Events (live): last check failed, next in %ld s: %s", wait, fs->error);
    else
        snprintf(buf, size, "Events (live): next check in %ld s", wait);
}

static void
feed_free(struct screen *s)
{
    free(as_feed(s)->next_path);
    list_ops.free(s);
}

/* The title counts down to the next poll, so the screen is drawn each second. */
static bool
feed_counting_down(struct screen *s)
{
    return true;
}

struct screen *
feed_screen_new(struct app *app, const struct view_def *view)
{
    struct feed_screen *fs = mem_calloc(1, sizeof *fs);

    if (feed_ops.draw == NULL) {
        feed_ops = list_ops;
        feed_ops.prepare = feed_prepare;
        feed_ops.reload = feed_reload;
        feed_ops.title = feed_title;
        feed_ops.counting_down = feed_counting_down;
        feed_ops.free = feed_free;
    }
    list_screen_init(&fs->list, app, view, model_open_feed(app->model, view->path, view->plural),
                     view->title);
    fs->list.base.ops = &feed_ops;
    return &fs->list.base;
}
