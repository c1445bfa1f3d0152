/* list.c: the list screen: rows of a view's columns over a sparse model
 * list, with selection, paging, filter, sort and load-all. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "api.h"
#include "app.h"
#include "list.h"
#include "listdraw.h"
#include "mem.h"
#include "model.h"
#include "screen.h"
#include "text.h"

#define MAX_REQUESTS 16
static struct list_screen *
as_list(struct screen *s)
{
    return (struct list_screen *)s;
}

static int
visible_rows(const struct list_screen *ls)
{
    return ls->base.height > 1 ? ls->base.height - 1 : 1;
}

void
list_screen_clamp(struct list_screen *ls)
{
    long rows = model_list_rows(ls->list);
    int height = visible_rows(ls);

    if (ls->selected >= rows)
        ls->selected = rows - 1;
    if (ls->selected < 0)
        ls->selected = 0;
    if (ls->selected < ls->top)
        ls->top = ls->selected;
    if (ls->selected >= ls->top + height)
        ls->top = ls->selected - height + 1;
    if (ls->top > rows - height)
        ls->top = rows - height;   /* no blank rows below the last one */
    if (ls->top < 0)
        ls->top = 0;
}

/* Tells how a load-all goes: done, or paused for the budget. */
static void
report_load_all(struct list_screen *ls, struct app *app, bool budget_ok)
{
    if (!ls->loading_all)
        return;
    if (model_list_is_whole(ls->list)) {
        ls->loading_all = false;
        app_status(app, "All %ld rows of %s are loaded; s sorts them.", model_list_rows(ls->list),
                   ls->base.view->title);
    } else if (!budget_ok) {
        app_status(app, "Loading %s is paused while the rate-limit budget is low; %ld pages to go.",
                   ls->base.view->title, model_list_pages_missing(ls->list));
    }
}

static void
list_prepare(struct screen *s, struct app *app, int height)
{
    struct list_screen *ls = as_list(s);
    struct model_request requests[MAX_REQUESTS];
    int count;

    s->height = height;
    list_screen_clamp(ls);
    bool budget_ok = app_budget_allows_prefetch(app);
    /* A load-all sends at most two pages ahead of other requests, and none
     * once the budget runs low, so it never delays what the user asks for
     * nor spends the last of the budget. */
    model_list_hold_load_all(ls->list, !budget_ok || app_requests_pending(app) >= 2);
    count = model_list_want(ls->list, ls->top, visible_rows(ls), budget_ok, time(NULL), requests,
                            MAX_REQUESTS);
    report_load_all(ls, app, budget_ok);
    for (int i = 0; i < count; i++)
        app_request_page(app, &requests[i]);
}

/* "42 s", or "58 min" for waits over two minutes. */
static void
format_wait(time_t until, char *buf, size_t size)
{
    long wait = (long)(until - time(NULL));

    if (wait < 0)
        wait = 0;
    if (wait > 120)
        snprintf(buf, size, "%ld min", (wait + 59) / 60);
    else
        snprintf(buf, size, "%ld s", wait);
}

/* The text of a row whose page is not loaded.  The first row of the page
 * on screen (first_of_page) carries the message and the others a mark, so
 * one failure does not fill the screen with copies of itself. */
static void
format_row_state(const struct model_row *row, bool first_of_page, char *buf, size_t size)
{
    char wait[32];

    if (!first_of_page && row->state != MODEL_PAGE_LOADING) {
        snprintf(buf, size, "  ·");
        return;
    }
    switch (row->state) {
    case MODEL_PAGE_FAILED:
        snprintf(buf, size, "Failed: %s R retries.", row->message ? row->message : "");
        break;
    case MODEL_PAGE_WAITING:
        format_wait(row->until, wait, sizeof wait);
        snprintf(buf, size, "Rate limited: these rows load in %s.", wait);
        break;
    default:
        snprintf(buf, size, "loading…");
        break;
    }
}

static void
draw_empty(struct list_screen *ls, WINDOW *win)
{
    struct model_row row;

    char state[512];

    model_list_row(ls->list, 0, &row);
    if (model_list_total_known(ls->list)) {
        bool complete;
        mvwaddstr(win, 1, 1, model_list_is_filtered(ls->list, &complete)
                  ? "No loaded row matches; Esc shows every row." : ls->base.view->empty_text);
        return;
    }
    format_row_state(&row, true, state, sizeof state);
    listdraw_state_row(win, 1, getmaxx(win), state, &row, false);
}

static void
cache_clear(struct row_cache *cache)
{
    for (int i = 0; i < ROW_CACHE_SLOTS; i++) {
        free(cache->slots[i].line);
        cache->slots[i].line = NULL;
        cache->slots[i].index = -1;
    }
}

/* Empties the cache when what it was filled for has changed. */
static void
cache_check(struct list_screen *ls, struct app *app, int width)
{
    struct row_cache *cache = &ls->cache;

    if (cache->data_version == app->data_version && cache->order_serial == ls->order_serial
        && cache->width == width)
        return;
    cache_clear(cache);
    cache->data_version = app->data_version;
    cache->order_serial = ls->order_serial;
    cache->width = width;
}

static const char *
cached_line(struct list_screen *ls, struct app *app, const struct listdraw *layout, long index,
            struct json_object *record)
{
    struct row_cache *cache = &ls->cache;
    int slot = (int)(index & (ROW_CACHE_SLOTS - 1));

    if (cache->slots[slot].index != index || cache->slots[slot].line == NULL) {
        free(cache->slots[slot].line);
        cache->slots[slot].line = listdraw_format(app, layout, record);
        cache->slots[slot].index = index;
    }
    return cache->slots[slot].line;
}

static void
list_draw(struct screen *s, struct app *app, WINDOW *win, int height, int width)
{
    struct list_screen *ls = as_list(s);
    long rows = model_list_rows(ls->list);
    struct listdraw layout;

    listdraw_layout(&layout, s->view, width, ls->column, ls->sorted_column, ls->sort_descending);
    listdraw_header(win, 0, &layout);
    cache_check(ls, app, width);
    if (rows == 0) {
        draw_empty(ls, win);
        return;
    }
    for (int y = 1; y < height && ls->top + y - 1 < rows; y++) {
        long index = ls->top + y - 1;
        struct model_row row;
        char state[512];

        model_list_row(ls->list, index, &row);
        if (row.state == MODEL_PAGE_LOADED) {
            listdraw_line(win, y, cached_line(ls, app, &layout, index, row.record),
                          index == ls->selected);
        } else {
            bool first = index == ls->top || index % MODEL_PER_PAGE == 0;
            format_row_state(&row, first, state, sizeof state);
            listdraw_state_row(win, y, width, state, &row, index == ls->selected);
        }
    }
}

static void
list_move(struct screen *s, struct app *app, long delta)
{
    struct list_screen *ls = as_list(s);

    ls->selected += delta;
    if (delta > 1 || delta < -1)
        ls->top += delta;   /* paging scrolls the rows with the selection */
    list_screen_clamp(ls);
}

static void
list_jump(struct screen *s, struct app *app, bool to_end)
{
    struct list_screen *ls = as_list(s);

    ls->selected = to_end ? model_list_rows(ls->list) - 1 : 0;
    if (to_end && !model_list_total_known(ls->list))
        app_status(app, "The server has not said how many rows there are; G goes to the last "
                   "one loaded so far.");
    list_screen_clamp(ls);
    if (to_end)
        ls->top = ls->selected - visible_rows(ls) + 1;
    list_screen_clamp(ls);
}

static struct json_object *
selected_record(struct list_screen *ls)
{
    struct model_row row;

    if (model_list_rows(ls->list) == 0)
        return NULL;
    model_list_row(ls->list, ls->selected, &row);
    return row.state == MODEL_PAGE_LOADED ? row.record : NULL;
}

static struct json_object *
list_selected(struct screen *s)
{
    return selected_record(as_list(s));
}

static void
list_open(struct screen *s, struct app *app)
{
    struct json_object *record = selected_record(as_list(s));
    char path[256];
    int64_t id;

    if (record == NULL) {
        app_status(app, "This row has not loaded yet.");
        return;
    }
    if (s->view->open_row != NULL) {
        s->view->open_row(app, record);
        return;
    }
    if (s->view->record_path == NULL || !api_json_id(record, "id", &id)) {
        app_open_record(app, NULL, record);
        return;
    }
    char id_text[32];
    snprintf(id_text, sizeof id_text, "%" PRId64, id);
    view_expand_path(s->view->record_path, id_text, path, sizeof path);
    app_open_record(app, path, record);
}

static void
list_refresh(struct screen *s, struct app *app)
{
    struct list_screen *ls = as_list(s);
    int retried;

    if (app_rate_limited(app)) {
        app_status(app, "CATS's rate limit is reached; the pages load by themselves once its "
                   "wait ends.");
        return;
    }
    retried = model_list_retry(ls->list);
    if (retried > 0) {
        app_status(app, "Retrying %d page%s.", retried, retried == 1 ? "" : "s");
        return;
    }
    model_list_refresh(ls->list);
    ls->sorted_column = -1;
    ls->loading_all = false;
    ls->order_serial++;
    app_status(app, "Reloading %s.", s->view->title);
}

/* ---- filter, find and sort ------------------------------------------- */

struct match_context {
    struct app *app;
    const struct view_def *view;
    const char *pattern;
};

/* Whether any column, as the user sees it, contains the pattern
 * (ignoring case). */
static bool
record_matches(struct json_object *record, void *data)
{
    struct match_context *m = data;
    char cell[1024];

    for (const struct column *c = m->view->columns; c->title; c++) {
        view_format_cell(m->app, c, record, cell, sizeof cell);
        if (text_contains_nocase(cell, m->pattern))
            return true;
    }
    return false;
}

static bool
list_filter(struct screen *s, struct app *app, const char *pattern)
{
    struct list_screen *ls = as_list(s);
    struct match_context m = { app, s->view, pattern };
    bool complete = true;
    long matches;

    ls->order_serial++;
    if (pattern == NULL || pattern[0] == '\0') {
        model_list_clear_filter(ls->list);
        list_screen_clamp(ls);
        return false;
    }
    matches = model_list_filter(ls->list, record_matches, &m, &complete);
    ls->selected = ls->top = 0;
    if (!complete)
        app_status(app, "%ld loaded row%s match '%s'; :load-all makes / cover the whole list.",
                   matches, matches == 1 ? "" : "s", pattern);
    else
        app_status(app, "%ld row%s match '%s'.", matches, matches == 1 ? "" : "s", pattern);
    return true;
}

static void
list_find(struct screen *s, struct app *app, int direction)
{
    struct list_screen *ls = as_list(s);
    struct match_context m = { app, s->view, app->filter_pattern };
    long found;

    if (app->filter_pattern == NULL || app->filter_pattern[0] == '\0') {
        app_status(app, "Nothing to find yet; / starts a search.");
        return;
    }
    found = model_list_find(ls->list, ls->selected, direction, record_matches, &m);
    if (found < 0) {
        app_status(app, "No loaded row matches '%s'.", app->filter_pattern);
        return;
    }
    if ((direction > 0 && found <= ls->selected) || (direction < 0 && found >= ls->selected))
        app_status(app, "The search went past the %s and wrapped.", direction > 0 ? "end" : "start");
    ls->selected = found;
    list_screen_clamp(ls);
}

static void
list_select_column(struct screen *s, struct app *app, int delta)
{
    struct list_screen *ls = as_list(s);
    int count = 0;

    while (s->view->columns[count].title)
        count++;
    ls->column = (ls->column + delta + count) % count;
    app_status(app, "Column %s selected; s sorts by it.", s->view->columns[ls->column].title);
}

struct sort_context {
    struct app *app;
    const struct column *column;
    int sign;
};

static int
compare_records(struct json_object *a, struct json_object *b, void *data)
{
    struct sort_context *sc = data;
    struct json_object *va = view_field(a, sc->column->field);
    struct json_object *vb = view_field(b, sc->column->field);
    char ca[512], cb[512];

    if ((json_object_is_type(va, json_type_int) || json_object_is_type(va, json_type_double))
        && (json_object_is_type(vb, json_type_int) || json_object_is_type(vb, json_type_double))) {
        double da = json_object_get_double(va), db = json_object_get_double(vb);
        return sc->sign * ((da > db) - (da < db));
    }
    view_format_cell(sc->app, sc->column, a, ca, sizeof ca);
    view_format_cell(sc->app, sc->column, b, cb, sizeof cb);
    return sc->sign * strcoll(ca, cb);
}

static void
list_sort(struct screen *s, struct app *app)
{
    struct list_screen *ls = as_list(s);
    struct sort_context sc = { app, &s->view->columns[ls->column], 1 };
    long missing = model_list_pages_missing(ls->list);

    if (!model_list_is_whole(ls->list)) {
        app_status(app, "s sorts a whole list; :load-all loads it (%s).",
                    missing < 0 ? "its size is not known yet" : missing == 1 ? "1 more request"
                    : "more requests");
        return;
    }
    ls->sort_descending = ls->sorted_column == ls->column && !ls->sort_descending;
    sc.sign = ls->sort_descending ? -1 : 1;
    model_list_sort(ls->list, compare_records, &sc);
    ls->sorted_column = ls->column;
    ls->order_serial++;
    app_status(app, "Sorted by %s, %s.", sc.column->title,
               ls->sort_descending ? "descending" : "ascending");
}

static void
start_load_all(struct app *app, void *data)
{
    struct list_screen *ls = data;

    model_list_load_all(ls->list);
    ls->loading_all = true;
    app_status(app, "Loading every page of %s.", ls->base.view->title);
}

static void
list_load_all(struct screen *s, struct app *app)
{
    struct list_screen *ls = as_list(s);
    long missing = model_list_pages_missing(ls->list);
    long remaining = app_budget_remaining(app);
    char question[256];

    if (model_list_is_whole(ls->list)) {
        app_status(app, "%s is already whole.", s->view->title);
        return;
    }
    if (missing >= 0 && (remaining < 0 || missing <= remaining / 10)) {
        start_load_all(app, ls);
        return;
    }
    if (missing < 0)
        snprintf(question, sizeof question, "The size of %s is unknown. Load all?",
                 s->view->title);
    else
        snprintf(question, sizeof question, "%s needs %ld requests; %ld are left this hour, and "
                 "loading pauses at a tenth. Load all?", s->view->title, missing, remaining);
    app_confirm(app, question, start_load_all, ls);
}

static void
list_position(struct screen *s, char *buf, size_t size)
{
    struct list_screen *ls = as_list(s);

    model_list_format_range(ls->list, ls->top, visible_rows(ls), buf, size);
}

static void
list_title(struct screen *s, char *buf, size_t size)
{
    snprintf(buf, size, "%s", as_list(s)->title);
}

static bool
list_counting_down(struct screen *s)
{
    struct list_screen *ls = as_list(s);
    long rows = model_list_rows(ls->list);
    long last = ls->top + visible_rows(ls) - 1;

    if (last >= rows)
        last = rows > 0 ? rows - 1 : 0;
    /* One row of each page on screen shows that page's state. */
    for (long page = ls->top / MODEL_PER_PAGE; page <= last / MODEL_PER_PAGE; page++) {
        long index = page * MODEL_PER_PAGE > ls->top ? page * MODEL_PER_PAGE : ls->top;
        struct model_row row;
        model_list_row(ls->list, index, &row);
        if (row.state == MODEL_PAGE_WAITING)
            return true;
    }
    return false;
}

static void
list_free(struct screen *s)
{
    struct list_screen *ls = as_list(s);

    model_close(ls->model, ls->list);
    cache_clear(&ls->cache);
    free(ls->title);
    free(ls);
}

const struct screen_ops list_ops = {
    .prepare = list_prepare,
    .draw = list_draw,
    .step = list_move,
    .jump = list_jump,
    .open = list_open,
    .reload = list_refresh,
    .filter = list_filter,
    .find = list_find,
    .select_column = list_select_column,
    .sort = list_sort,
    .load_all = list_load_all,
    .position = list_position,
    .title = list_title,
    .selected = list_selected,
    .counting_down = list_counting_down,
    .free = list_free,
};

void
list_screen_init(struct list_screen *ls, struct app *app, const struct view_def *view,
                 struct model_list *list, const char *title)
{
    ls->base.ops = &list_ops;
    ls->base.view = view;
    ls->base.id = ++app->next_id;
    ls->model = app->model;
    ls->list = list;
    ls->sorted_column = -1;
    ls->title = text_sanitize(title, TEXT_LINE);
    for (int i = 0; i < ROW_CACHE_SLOTS; i++)
        ls->cache.slots[i].index = -1;
}

struct screen *
list_screen_new_path(struct app *app, const struct view_def *view, const char *path,
                     const char *plural, const char *title)
{
    struct list_screen *ls = mem_calloc(1, sizeof *ls);

    list_screen_init(ls, app, view, model_open(app->model, path, plural), title);
    return &ls->base;
}

struct screen *
list_screen_new(struct app *app, const struct view_def *view, int64_t parent_id,
                const char *parent_title)
{
    char path[256], id[32];
    char *title = parent_title ? mem_printf("%s › %s", parent_title, view->title)
                               : mem_strdup(view->title);
    struct screen *screen;

    snprintf(id, sizeof id, "%" PRId64, parent_id);
    view_expand_path(view->path, id, path, sizeof path);
    screen = list_screen_new_path(app, view, path, view->plural, title);
    free(title);
    return screen;
}
