/* detail.c: the detail pane of one record, with its references. */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "api.h"
#include "app.h"
#include "detail.h"
#include "mem.h"
#include "screen.h"
#include "text.h"
#include "ui.h"
#include "view.h"

enum detail_state { DETAIL_LOADING, DETAIL_LOADED, DETAIL_FAILED };

/* One screen row of the pane, built for one width. */
struct detail_row {
    char *text;            /* sanitized and fitted to the width */
    char *target;          /* a path Enter opens, or NULL */
    enum ui_style style;
};

struct detail_screen {
    struct screen base;
    struct app *app;
    char *path;                    /* NULL: the record has no path of its own */
    struct json_object *record;    /* one reference, or NULL while loading */
    enum detail_state state;
    char error[API_MESSAGE_MAX + 256];
    bool not_found;                /* the error was a 404: retrying will not help */
    bool requested;
    unsigned long token;

    struct detail_row *rows;
    size_t count, room;
    int built_width;               /* -1: rebuild before drawing */
    long cursor, top;
};

/* Fields holding the id of another record, and where that record lives. */
static const struct { const char *field; const char *pattern; } id_references[] = {
    { "assigned_to_id", "/users/{id}" },   { "entered_by_id", "/users/{id}" },
    { "started_by_id", "/users/{id}" },    { "owner_id", "/users/{id}" },
    { "user_id", "/users/{id}" },          { "regarding_id", "/jobs/{id}" },
    { "job_id", "/jobs/{id}" },            { "candidate_id", "/candidates/{id}" },
    { "company_id", "/companies/{id}" },   { "contact_id", "/contacts/{id}" },
    { "attachment_id", "/attachments/{id}" }, { "activity_id", "/activities/{id}" },
    { "pipeline_id", "/pipelines/{id}" },  { "portal_id", "/portals/{id}" },
};

/* Lists and records a record's own path leads to, beyond its fields. */
static const struct { const char *prefix; const char *suffix; const char *label; } sub_resources[] = {
    { "/portals/", "/jobs", "jobs published on this portal" },
    { "/portals/", "/registration", "registration application" },
    { "/candidates/", "/work_history", "work history" },
};

static struct detail_screen *
as_detail(struct screen *s)
{
    return (struct detail_screen *)s;
}

int
detail_path_is_list(const char *path)
{
    const char *last = strrchr(path, '/');
    size_t len;

    last = last ? last + 1 : path;
    len = strcspn(last, "?");
    if (len == 0)
        return 0;
    if (strncmp(last, "registration", len) == 0 || strncmp(last, "site", len) == 0)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!isdigit((unsigned char)last[i]))
            return 1;
    return 0;
}

/* ---- building rows --------------------------------------------------- */

static void
clear_rows(struct detail_screen *ds)
{
    for (size_t i = 0; i < ds->count; i++) {
        free(ds->rows[i].text);
        free(ds->rows[i].target);
    }
    ds->count = 0;
}

static void
push_row(struct detail_screen *ds, char *text, const char *target, enum ui_style style)
{
    if (ds->count == ds->room) {
        ds->room = ds->room ? ds->room * 2 : 64;
        ds->rows = mem_realloc(ds->rows, ds->room * sizeof ds->rows[0]);
    }
    ds->rows[ds->count].text = text;
    ds->rows[ds->count].target = target ? mem_strdup(target) : NULL;
    ds->rows[ds->count].style = style;
    ds->count++;
}

/* Adds "<indent><label><text>" wrapped at the pane's width; continuation
 * rows are indented two cells more.  text must be sanitized, one line. */
static void
add_wrapped(struct detail_screen *ds, int indent, const char *label, const char *text,
            const char *target, enum ui_style style)
{
    int width = ds->built_width;
    char *first = mem_printf("%*s%s", indent, "", label);
    int used = text_width(first);

    do {
        int room = width - used, cells;
        size_t bytes = text_prefix_bytes(text, room > 0 ? room : 0, &cells);
        if (bytes == 0 && *text && used <= indent + 2)
            bytes = text_prefix_bytes(text, 2, &cells);   /* a wide char in a tiny room */
        char *row = mem_printf("%s%.*s", first, (int)bytes, text);
        push_row(ds, text_pad(row, width, TEXT_ALIGN_LEFT), target, style);
        free(row);
        free(first);
        text += bytes;
        first = mem_printf("%*s", indent + 2, "");
        used = indent + 2;
    } while (*text);
    free(first);
}

/* Adds a multi-line value: each of its lines wrapped and indented. */
static void
add_multiline(struct detail_screen *ds, int indent, const char *raw)
{
    char *safe = text_sanitize(raw, TEXT_MULTILINE);
    char *line = safe;

    while (line != NULL) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        add_wrapped(ds, indent, "", line, NULL, UI_NORMAL);
        line = end ? end + 1 : NULL;
    }
    free(safe);
}

/* recruiter_id: 1029 beside _links.recruiter "/users/1029" opens that. */
static const char *
link_reference(struct detail_screen *ds, const char *key, const char *id, char *path,
               size_t size)
{
    size_t stem = strlen(key) - 3;
    char rel[64];
    const char *href, *tail;

    if (strlen(key) <= 3 || strcmp(key + stem, "_id") != 0 || stem >= sizeof rel)
        return NULL;
    memcpy(rel, key, stem);
    rel[stem] = '\0';
    href = api_json_link(ds->record, rel);
    tail = href ? strrchr(href, '/') : NULL;
    if (tail == NULL || strcmp(tail + 1, id) != 0 || strstr(href, "://") != NULL)
        return NULL;
    snprintf(path, size, "%s", href);
    return path;
}

/* parent_id points at a record of the same collection as this one. */
static const char *
parent_reference(struct detail_screen *ds, const char *id, char *path, size_t size)
{
    const char *slash;

    if (ds->path == NULL || ds->path[0] != '/' || (slash = strchr(ds->path + 1, '/')) == NULL)
        return NULL;
    snprintf(path, size, "%.*s/%s", (int)(slash - ds->path), ds->path, id);
    return path;
}

/* The path a field holding another record's id leads to, or NULL. */
static const char *
id_reference(struct detail_screen *ds, const char *key, struct json_object *value, char *path,
             size_t size)
{
    const char *id = json_object_get_string(value);

    if (value == NULL || json_object_is_type(value, json_type_object)
        || json_object_is_type(value, json_type_array) || json_object_is_type(value, json_type_null)
        || id == NULL || id[0] == '\0')
        return NULL;
    for (size_t i = 0; i < sizeof id_references / sizeof id_references[0]; i++)
        if (strcmp(key, id_references[i].field) == 0)
            return view_expand_path(id_references[i].pattern, id, path, size);
    if (strcmp(key, "parent_id") == 0)
        return parent_reference(ds, id, path, size);
    return link_reference(ds, key, id, path, size);
}

/* data_item {"id": 5, "type": "company"} lives at /companies/5: the
 * collections are the types' English plurals (activity, activities). */
static const char *
data_item_reference(struct json_object *item, char *path, size_t size)
{
    const char *type = api_json_string(item, "type");
    size_t len = type ? strlen(type) : 0;
    int64_t id;

    if (len == 0 || !api_json_id(item, "id", &id))
        return NULL;
    if (type[len - 1] == 'y')
        snprintf(path, size, "/%.*sies/%" PRId64, (int)(len - 1), type, id);
    else
        snprintf(path, size, "/%ss/%" PRId64, type, id);
    return path;
}

/* "candidate 200279 →", sanitized. */
static char *
data_item_summary(struct json_object *item)
{
    char *raw = mem_printf("%s %s →", api_json_string(item, "type"),
                           json_object_get_string(json_object_object_get(item, "id")));
    char *safe = text_sanitize(raw, TEXT_LINE);

    free(raw);
    return safe;
}

static void add_value(struct detail_screen *ds, int indent, const char *key,
                      struct json_object *value);

static void
add_links(struct detail_screen *ds, int indent, struct json_object *links)
{
    add_wrapped(ds, indent, "_links:", "", NULL, UI_DIM);
    json_object_object_foreach(links, rel, link) {
        const char *href = api_json_string(link, "href");
        char *safe_rel = text_sanitize(rel, TEXT_LINE);
        char *label = mem_printf("%s: ", safe_rel);
        char *safe_href = text_sanitize(href ? href : json_object_get_string(link), TEXT_LINE);
        bool openable = href != NULL && strcmp(rel, "self") != 0 && href[0] != '\0'
                        && strstr(href, "://") == NULL;

        add_wrapped(ds, indent + 2, label, safe_href, openable ? href : NULL,
                    openable ? UI_LINK : UI_NORMAL);
        free(label);
        free(safe_rel);
        free(safe_href);
    }
}

static void
add_array(struct detail_screen *ds, int indent, const char *label, struct json_object *array)
{
    size_t n = json_object_array_length(array);

    if (n == 0) {
        add_wrapped(ds, indent, label, "[]", NULL, UI_DIM);
        return;
    }
    add_wrapped(ds, indent, label, "", NULL, UI_NORMAL);
    for (size_t i = 0; i < n; i++)
        add_value(ds, indent + 2, "-", json_object_array_get_idx(array, i));
}

/* Adds a scalar "key: value", naming the user behind a user id. */
static void
add_scalar(struct detail_screen *ds, int indent, const char *label, const char *key,
           struct json_object *value)
{
    char path[256];
    const char *target = id_reference(ds, key, value, path, sizeof path);
    const char *raw = value ? json_object_get_string(value) : "null";
    const char *name = NULL;
    char *safe;

    if (target != NULL && strncmp(target, "/users/", 7) == 0)
        name = app_user_name(ds->app, json_object_get_int64(value));
    if (json_object_is_type(value, json_type_string) && strchr(raw, '\n') != NULL) {
        add_wrapped(ds, indent, label, "", NULL, UI_NORMAL);
        add_multiline(ds, indent + 2, raw);
        return;
    }
    char *shown = name ? mem_printf("%s (%s) →", raw, name)
                       : target ? mem_printf("%s →", raw) : mem_strdup(raw);
    safe = text_sanitize(shown, TEXT_LINE);
    enum ui_style style = UI_NORMAL;
    if (target != NULL)
        style = UI_LINK;
    else if (value == NULL)
        style = UI_DIM;
    add_wrapped(ds, indent, label, safe, target, style);
    free(safe);
    free(shown);
}

static void
add_value(struct detail_screen *ds, int indent, const char *key, struct json_object *value)
{
    char *safe_key = text_sanitize(key, TEXT_LINE);
    char *label = strcmp(key, "-") == 0 ? mem_strdup("- ") : mem_printf("%s: ", safe_key);
    char path[256];

    if (json_object_is_type(value, json_type_object) && strcmp(key, "_links") == 0) {
        add_links(ds, indent, value);
    } else if (json_object_is_type(value, json_type_object) && json_object_object_length(value) == 0) {
        add_wrapped(ds, indent, label, "{}", NULL, UI_DIM);
    } else if (json_object_is_type(value, json_type_object)) {
        const char *target = strcmp(key, "data_item") == 0
                             ? data_item_reference(value, path, sizeof path) : NULL;
        char *summary = target ? data_item_summary(value) : mem_strdup("");
        add_wrapped(ds, indent, label, summary, target, target ? UI_LINK : UI_NORMAL);
        free(summary);
        json_object_object_foreach(value, child_key, child)
            add_value(ds, indent + 2, child_key, child);
    } else if (json_object_is_type(value, json_type_array)) {
        add_array(ds, indent, label, value);
    } else {
        add_scalar(ds, indent, label, key, value);
    }
    free(label);
    free(safe_key);
}

/* Adds the lists and records reached through the record's own path. */
static void
add_sub_resources(struct detail_screen *ds)
{
    char target[300];

    if (ds->path == NULL)
        return;
    for (size_t i = 0; i < sizeof sub_resources / sizeof sub_resources[0]; i++) {
        size_t len = strlen(sub_resources[i].prefix);
        const char *rest = ds->path + len;
        if (strncmp(ds->path, sub_resources[i].prefix, len) != 0 || !isdigit((unsigned char)*rest)
            || rest[strspn(rest, "0123456789")] != '\0')
            continue;
        snprintf(target, sizeof target, "%s%s", ds->path, sub_resources[i].suffix);
        char *label = mem_printf("%s →", sub_resources[i].label);
        add_wrapped(ds, 0, "", label, target, UI_LINK);
        free(label);
    }
}

static void
build_rows(struct detail_screen *ds, int width)
{
    clear_rows(ds);
    ds->built_width = width;

    if (ds->state == DETAIL_FAILED) {
        char *safe = text_sanitize(ds->error, TEXT_LINE);
        add_wrapped(ds, 0, "", safe, NULL, UI_ERROR);
        add_wrapped(ds, 0, "", ds->not_found ? "Esc goes back." : "R tries again; Esc goes back.",
                    NULL, UI_DIM);
        free(safe);
    }
    if (ds->record == NULL) {
        if (ds->state == DETAIL_LOADING)
            add_wrapped(ds, 0, "", "loading…", NULL, UI_DIM);
        return;
    }
    add_sub_resources(ds);
    if (json_object_is_type(ds->record, json_type_object)) {
        json_object_object_foreach(ds->record, key, value)
            add_value(ds, 0, key, value);
    } else {
        add_value(ds, 0, "value", ds->record);
    }
}

/* ---- screen callbacks ------------------------------------------------- */

static void
detail_prepare(struct screen *s, struct app *app, int height)
{
    struct detail_screen *ds = as_detail(s);

    s->height = height;
    if (ds->path != NULL && !ds->requested) {
        ds->requested = true;
        ds->token = ++app->next_id;
        app_request_record(app, ds->path, ds->token);
    }
}

/* Keys read before the pane's first frame (typed ahead, or sent in one
 * burst) move over rows built for the terminal's width. */
static void
ensure_rows(struct detail_screen *ds)
{
    if (ds->built_width < 0)
        build_rows(ds, COLS);
}

static void
keep_cursor_visible(struct detail_screen *ds)
{
    long height = ds->base.height > 0 ? ds->base.height : LINES;

    ensure_rows(ds);
    if (ds->cursor >= (long)ds->count)
        ds->cursor = (long)ds->count - 1;
    if (ds->cursor < 0)
        ds->cursor = 0;
    if (ds->cursor < ds->top)
        ds->top = ds->cursor;
    if (ds->cursor >= ds->top + height)
        ds->top = ds->cursor - height + 1;
}

static void
detail_draw(struct screen *s, struct app *app, WINDOW *win, int height, int width)
{
    struct detail_screen *ds = as_detail(s);

    if (ds->built_width != width)
        build_rows(ds, width);
    keep_cursor_visible(ds);
    for (int y = 0; y < height && ds->top + y < (long)ds->count; y++) {
        struct detail_row *row = &ds->rows[ds->top + y];
        int attr = ui_attr(row->style) | (ds->top + y == ds->cursor ? ui_attr(UI_SELECTED) : 0);
        wattron(win, attr);
        mvwaddstr(win, y, 0, row->text);
        wattroff(win, attr);
    }
}

static void
detail_move(struct screen *s, struct app *app, long delta)
{
    struct detail_screen *ds = as_detail(s);

    ds->cursor += delta;
    if (delta > 1 || delta < -1)
        ds->top += delta;   /* paging scrolls the lines with the cursor */
    if (ds->top > (long)ds->count - ds->base.height)
        ds->top = (long)ds->count - ds->base.height;
    if (ds->top < 0)
        ds->top = 0;
    keep_cursor_visible(ds);
}

static void
detail_jump(struct screen *s, struct app *app, bool to_end)
{
    struct detail_screen *ds = as_detail(s);

    ds->cursor = to_end ? (long)ds->count - 1 : 0;
    keep_cursor_visible(ds);
}

static void
detail_open(struct screen *s, struct app *app)
{
    struct detail_screen *ds = as_detail(s);
    const char *target = ds->count > 0 ? ds->rows[ds->cursor].target : NULL;

    if (target == NULL) {
        app_status(app, "Nothing to open on this line; lines marked → open with Enter.");
        return;
    }
    if (detail_path_is_list(target))
        app_open_path_list(app, target);
    else
        app_open_record(app, target, NULL);
}

/* Returns the first row from start, stepping by direction and wrapping,
 * whose text contains pattern, or -1. */
static long
find_row(struct detail_screen *ds, long start, int direction, const char *pattern)
{
    long count = (long)ds->count;

    for (long step = 0; step < count; step++) {
        long row = ((start + direction * step) % count + count) % count;
        if (text_contains_nocase(ds->rows[row].text, pattern))
            return row;
    }
    return -1;
}

/* '/' in a pane searches: the cursor moves to the first line, from where
 * it is, that contains the text as typed so far. */
static bool
detail_search(struct screen *s, struct app *app, const char *pattern)
{
    struct detail_screen *ds = as_detail(s);
    long row;

    if (pattern == NULL || pattern[0] == '\0')
        return false;
    ensure_rows(ds);
    row = find_row(ds, ds->cursor, 1, pattern);
    if (row < 0) {
        app_status(app, "No line contains '%s'.", pattern);
        return false;
    }
    ds->cursor = row;
    keep_cursor_visible(ds);
    app_status(app, "n and N go to the next and previous line with '%s'.", pattern);
    return false;
}

static void
detail_find(struct screen *s, struct app *app, int direction)
{
    struct detail_screen *ds = as_detail(s);
    long row;

    if (app->filter_pattern == NULL) {
        app_status(app, "Nothing to find yet; / starts a search.");
        return;
    }
    ensure_rows(ds);
    row = ds->count ? find_row(ds, ds->cursor + direction, direction, app->filter_pattern) : -1;
    if (row < 0) {
        app_status(app, "No line contains '%s'.", app->filter_pattern);
        return;
    }
    if ((direction > 0 && row <= ds->cursor) || (direction < 0 && row >= ds->cursor))
        app_status(app, "The search went past the %s and wrapped.", direction > 0 ? "end" : "start");
    ds->cursor = row;
    keep_cursor_visible(ds);
}

static void
detail_refresh(struct screen *s, struct app *app)
{
    struct detail_screen *ds = as_detail(s);

    if (ds->path == NULL) {
        app_status(app, "This record has no address of its own to reload.");
        return;
    }
    ds->requested = false;
    ds->state = DETAIL_LOADING;
    ds->built_width = -1;
}

static void
detail_record_arrived(struct screen *s, struct app *app, unsigned long token,
                      struct json_object *record, const struct api_error *err)
{
    struct detail_screen *ds = as_detail(s);

    if (token != ds->token)
        return;
    if (record == NULL) {
        api_error_describe(err, ds->error, sizeof ds->error);
        ds->not_found = err->kind == API_ERR_NOT_FOUND;
        ds->state = DETAIL_FAILED;
    } else {
        json_object_put(ds->record);
        ds->record = json_object_get(record);
        ds->state = DETAIL_LOADED;
    }
    ds->built_width = -1;
}

static void
detail_position(struct screen *s, char *buf, size_t size)
{
    struct detail_screen *ds = as_detail(s);

    snprintf(buf, size, "line %ld of %zu", ds->count ? ds->cursor + 1 : 0, ds->count);
}

static void
detail_title(struct screen *s, char *buf, size_t size)
{
    struct detail_screen *ds = as_detail(s);
    const char *state = ds->state == DETAIL_LOADING && ds->record ? " (refreshing…)" : "";

    if (ds->path != NULL)
        snprintf(buf, size, "%s%s", ds->path, state);
    else
        snprintf(buf, size, "record %s", ds->record && json_object_object_get(ds->record, "id")
                 ? json_object_get_string(json_object_object_get(ds->record, "id")) : "");
}

static void
detail_free(struct screen *s)
{
    struct detail_screen *ds = as_detail(s);

    clear_rows(ds);
    free(ds->rows);
    json_object_put(ds->record);
    free(ds->path);
    free(ds);
}

static const struct screen_ops detail_ops = {
    .prepare = detail_prepare,
    .draw = detail_draw,
    .step = detail_move,
    .jump = detail_jump,
    .open = detail_open,
    .reload = detail_refresh,
    .filter = detail_search,
    .find = detail_find,
    .position = detail_position,
    .title = detail_title,
    .record_arrived = detail_record_arrived,
    .free = detail_free,
};

struct screen *
detail_screen_new(struct app *app, const char *path, struct json_object *record)
{
    struct detail_screen *ds = mem_calloc(1, sizeof *ds);

    ds->base.ops = &detail_ops;
    ds->base.id = ++app->next_id;
    ds->app = app;
    ds->path = mem_strdup(path);
    ds->record = record ? json_object_get(record) : NULL;
    /* Without a path there is nothing to fetch: the record is all there is. */
    ds->state = path == NULL && record != NULL ? DETAIL_LOADED : DETAIL_LOADING;
    ds->built_width = -1;
    return &ds->base;
}
