/* feed.c: the Events view: a live feed polled from GET /events. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <json-c/json.h>

#include "api.h"
#include "app.h"
#include "feed.h"
#include "fetch.h"
#include "listdraw.h"
#include "mem.h"
#include "screen.h"
#include "text.h"
#include "view.h"

#define BACKLOG_SECONDS (24 * 60 * 60)
#define FULL_PAGE 25

struct feed_screen {
    struct screen base;
    struct json_object *events;   /* array, oldest first; one reference */
    long *shown;                  /* indexes of events shown while filtered */
    long shown_count;
    bool filtered;
    int64_t after;                /* the timestamp the next poll starts after */
    int64_t newest_id;            /* the highest event id held */
    bool in_flight;
    unsigned long tag;
    time_t next_poll;             /* 0: poll at once */
    char error[API_MESSAGE_MAX + 256];
    long selected, top;
    bool follow;                  /* the selection stays on the newest event */
};

static const struct screen_ops feed_ops;

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

static long
row_count(const struct feed_screen *fs)
{
    return fs->filtered ? fs->shown_count : (long)json_object_array_length(fs->events);
}

static struct json_object *
row_event(const struct feed_screen *fs, long row)
{
    long index = fs->filtered ? fs->shown[row] : row;

    return json_object_array_get_idx(fs->events, (size_t)index);
}

static int
visible_rows(const struct feed_screen *fs)
{
    return fs->base.height > 1 ? fs->base.height - 1 : 1;
}

static void
clamp(struct feed_screen *fs)
{
    long rows = row_count(fs);

    if (fs->follow)
        fs->selected = rows - 1;
    if (fs->selected >= rows)
        fs->selected = rows - 1;
    if (fs->selected < 0)
        fs->selected = 0;
    if (fs->selected < fs->top)
        fs->top = fs->selected;
    if (fs->selected >= fs->top + visible_rows(fs))
        fs->top = fs->selected - visible_rows(fs) + 1;
    if (fs->top > rows - visible_rows(fs))
        fs->top = rows - visible_rows(fs);
    if (fs->top < 0)
        fs->top = 0;
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

    s->height = height;
    clamp(fs);
    if (fs->in_flight || time(NULL) < fs->next_poll)
        return;
    if (fs->after == 0)
        fs->after = (int64_t)time(NULL) - BACKLOG_SECONDS;
    fs->tag = ++app->next_id;
    fs->in_flight = app_request_events(app, fs->tag, fs->after);
}

static void
append_events(struct feed_screen *fs, struct json_object *rows)
{
    size_t n = rows ? json_object_array_length(rows) : 0;

    for (size_t i = 0; i < n; i++) {
        struct json_object *event = json_object_array_get_idx(rows, i);
        struct json_object *stamp;
        int64_t id;

        if (!api_json_id(event, "id", &id) || id <= fs->newest_id)
            continue;    /* already held: polls overlap by a second */
        fs->newest_id = id;
        if (json_object_object_get_ex(event, "timestamp", &stamp)
            && json_object_get_int64(stamp) > fs->after)
            fs->after = json_object_get_int64(stamp);
        json_object_array_add(fs->events, json_object_get(event));
    }
    n = json_object_array_length(fs->events);
    if (n > FEED_MAX_EVENTS) {
        json_object_array_del_idx(fs->events, 0, n - FEED_MAX_EVENTS);
        fs->selected -= (long)(n - FEED_MAX_EVENTS);
    }
}

void
feed_take_result(struct screen *s, struct app *app, struct fetch_result *result)
{
    struct feed_screen *fs = as_feed(s);
    size_t got = api_list_length(&result->list);

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
    append_events(fs, result->list.rows);
    if (fs->filtered)
        app_status(app, "New events arrived; Esc and / again to filter them too.");
    /* A full page means more are waiting: ask again at once. */
    fs->next_poll = got >= FULL_PAGE ? 0 : time(NULL) + poll_interval(app);
    clamp(fs);
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
feed_draw(struct screen *s, struct app *app, WINDOW *win, int height, int width)
{
    struct feed_screen *fs = as_feed(s);
    struct listdraw layout;
    long rows = row_count(fs);

    listdraw_layout(&layout, s->view, width, 0, -1, false);
    listdraw_header(win, 0, &layout);
    if (rows == 0) {
        char *text = text_cell(fs->error[0] ? fs->error : s->view->empty_text,
                               strlen(fs->error[0] ? fs->error : s->view->empty_text),
                               width - 2, TEXT_ALIGN_LEFT);
        mvwaddstr(win, 1, 1, fs->in_flight && !fs->error[0] ? "loading…" : text);
        free(text);
        return;
    }
    for (int y = 1; y < height && fs->top + y - 1 < rows; y++) {
        long index = fs->top + y - 1;
        listdraw_record(app, win, y, &layout, row_event(fs, index), index == fs->selected);
    }
}

static void
feed_move(struct screen *s, struct app *app, long delta)
{
    struct feed_screen *fs = as_feed(s);

    fs->selected += delta;
    fs->follow = false;
    clamp(fs);
    fs->follow = fs->selected == row_count(fs) - 1;
}

static void
feed_jump(struct screen *s, struct app *app, bool to_end)
{
    struct feed_screen *fs = as_feed(s);

    fs->follow = to_end;
    fs->selected = to_end ? row_count(fs) - 1 : 0;
    clamp(fs);
}

static void
feed_open(struct screen *s, struct app *app)
{
    struct feed_screen *fs = as_feed(s);

    if (row_count(fs) == 0) {
        app_status(app, "No event to open yet.");
        return;
    }
    app_open_record(app, NULL, row_event(fs, fs->selected));
}

static struct json_object *
feed_selected(struct screen *s)
{
    struct feed_screen *fs = as_feed(s);

    return row_count(fs) > 0 ? row_event(fs, fs->selected) : NULL;
}

static void
feed_refresh(struct screen *s, struct app *app)
{
    struct feed_screen *fs = as_feed(s);

    fs->next_poll = 0;
    app_status(app, "Checking for new events.");
}

static bool
event_matches(struct app *app, const struct view_def *view, struct json_object *event,
              const char *pattern)
{
    char cell[512];

    for (const struct column *c = view->columns; c->title; c++)
        if (strcasestr(view_format_cell(app, c, event, cell, sizeof cell), pattern))
            return true;
    return false;
}

static void
feed_filter(struct screen *s, struct app *app, const char *pattern)
{
    struct feed_screen *fs = as_feed(s);
    size_t n = json_object_array_length(fs->events);

    free(fs->shown);
    fs->shown = NULL;
    fs->shown_count = 0;
    fs->filtered = pattern != NULL && pattern[0] != '\0';
    if (fs->filtered) {
        fs->shown = mem_calloc(n ? n : 1, sizeof fs->shown[0]);
        for (size_t i = 0; i < n; i++)
            if (event_matches(app, s->view, json_object_array_get_idx(fs->events, i), pattern))
                fs->shown[fs->shown_count++] = (long)i;
        app_status(app, "%ld event%s match '%s'.", fs->shown_count,
                   fs->shown_count == 1 ? "" : "s", pattern);
    }
    fs->selected = fs->top = 0;
    fs->follow = false;
    clamp(fs);
}

static void
feed_find(struct screen *s, struct app *app, int direction)
{
    struct feed_screen *fs = as_feed(s);
    long rows = row_count(fs);

    if (app->filter_pattern == NULL) {
        app_status(app, "Nothing to find yet; / starts a search.");
        return;
    }
    for (long step = 1; step <= rows; step++) {
        long row = ((fs->selected + direction * step) % rows + rows) % rows;
        if (event_matches(app, s->view, row_event(fs, row), app->filter_pattern)) {
            fs->selected = row;
            fs->follow = false;
            clamp(fs);
            return;
        }
    }
    app_status(app, "No event matches '%s'.", app->filter_pattern);
}

static void
feed_position(struct screen *s, char *buf, size_t size)
{
    struct feed_screen *fs = as_feed(s);
    long rows = row_count(fs);
    long last = fs->top + visible_rows(fs) < rows ? fs->top + visible_rows(fs) : rows;

    snprintf(buf, size, "%ld-%ld of %ld%s", rows ? fs->top + 1 : 0, last, rows,
             fs->filtered ? " matches" : "");
}

static void
feed_title(struct screen *s, char *buf, size_t size)
{
    struct feed_screen *fs = as_feed(s);
    long wait = (long)(fs->next_poll - time(NULL));

    if (fs->in_flight)
        snprintf(buf, size, "Events (live): checking…");
    else if (fs->error[0])
        snprintf(buf, size, "Events (live): last check failed, next in %ld s: %s",
                 wait > 0 ? wait : 0, fs->error);
    else
        snprintf(buf, size, "Events (live): next check in %ld s", wait > 0 ? wait : 0);
}

static bool
feed_counting_down(struct screen *s)
{
    return true;
}

static void
feed_free(struct screen *s)
{
    struct feed_screen *fs = as_feed(s);

    json_object_put(fs->events);
    free(fs->shown);
    free(fs);
}

static const struct screen_ops feed_ops = {
    .prepare = feed_prepare,
    .draw = feed_draw,
    .step = feed_move,
    .jump = feed_jump,
    .open = feed_open,
    .reload = feed_refresh,
    .filter = feed_filter,
    .find = feed_find,
    .position = feed_position,
    .title = feed_title,
    .selected = feed_selected,
    .counting_down = feed_counting_down,
    .free = feed_free,
};

struct screen *
feed_screen_new(struct app *app)
{
    struct feed_screen *fs = mem_calloc(1, sizeof *fs);

    fs->base.ops = &feed_ops;
    fs->base.view = view_tabs[VIEW_TAB_COUNT - 1];
    fs->base.id = ++app->next_id;
    fs->events = json_object_new_array();
    fs->follow = true;
    return &fs->base;
}
