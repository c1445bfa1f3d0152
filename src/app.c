/* app.c: the console's state: tabs and their screen stacks, the status
 * line, questions, and the names of users. */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "api.h"
#include "app.h"
#include "detail.h"
#include "list.h"
#include "mem.h"
#include "screen.h"

static void
set_status(struct app *app, bool is_error, const char *format, va_list args)
{
    vsnprintf(app->status, sizeof app->status, format, args);
    app->status_is_error = is_error;
}

void
app_status(struct app *app, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    set_status(app, false, format, args);
    va_end(args);
}

void
app_error(struct app *app, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    set_status(app, true, format, args);
    va_end(args);
}

void
app_api_error(struct app *app, const char *doing, const struct api_error *err)
{
    char sentence[API_MESSAGE_MAX + 256];

    api_error_describe(err, sentence, sizeof sentence);
    app_error(app, "%s failed: %s", doing, sentence);
}

/* ---- screens ------------------------------------------------------------ */

struct screen *
app_screen(struct app *app)
{
    struct tab *tab = &app->tabs[app->current];

    return tab->stack[tab->depth - 1];
}

void
app_push(struct app *app, struct screen *screen)
{
    struct tab *tab = &app->tabs[app->current];

    if (tab->depth == APP_MAX_DEPTH) {
        screen->ops->free(screen);
        app_error(app, "Too many screens open on this tab; Esc closes some.");
        return;
    }
    tab->stack[tab->depth++] = screen;
}

bool
app_pop(struct app *app)
{
    struct tab *tab = &app->tabs[app->current];
    struct screen *top;

    if (tab->depth <= 1)
        return false;
    top = tab->stack[--tab->depth];
    top->ops->free(top);
    return true;
}

void
app_switch_tab(struct app *app, int index)
{
    if (index < 0 || index >= VIEW_TAB_COUNT)
        return;
    app->current = index;
    app->help_open = false;
    app->status[0] = '\0';
    app->status_is_error = false;
}

void
app_open_record(struct app *app, const char *path, struct json_object *record)
{
    app_push(app, detail_screen_new(app, path, record));
}

void
app_open_list(struct app *app, const struct view_def *view, int64_t parent_id,
              const char *parent_title)
{
    app_push(app, list_screen_new(app, view, parent_id, parent_title));
}

struct json_object *
app_selected_record(struct app *app)
{
    struct screen *s = app_screen(app);

    return s->ops->selected ? s->ops->selected(s) : NULL;
}

void
app_confirm(struct app *app, const char *question, app_confirm_fn yes, void *data)
{
    char label[512];

    snprintf(label, sizeof label, "%s [y/n] ", question);
    prompt_start(&app->prompt, label, NULL);
    app->prompt_kind = APP_PROMPT_CONFIRM;
    app->confirm_yes = yes;
    app->confirm_data = data;
}

/* ---- user names ----------------------------------------------------------- */

static int
compare_user_ids(const void *a, const void *b)
{
    const struct app_user_name *x = a, *y = b;

    return (x->id > y->id) - (x->id < y->id);
}

const char *
app_user_name(struct app *app, int64_t id)
{
    struct app_user_name key = { id, NULL }, *found;

    if (!app->users_requested) {
        app->users_requested = true;
        app_request_users(app);
    }
    if (app->user_count == 0)
        return NULL;
    found = bsearch(&key, app->users, app->user_count, sizeof key, compare_user_ids);
    return found ? found->name : NULL;
}

void
app_add_users(struct app *app, struct json_object *rows)
{
    size_t n = rows ? json_object_array_length(rows) : 0;

    app->users = mem_realloc(app->users, (app->user_count + n) * sizeof app->users[0]);
    for (size_t i = 0; i < n; i++) {
        struct json_object *row = json_object_array_get_idx(rows, i);
        const char *first = api_json_string(row, "first_name");
        const char *last = api_json_string(row, "last_name");
        int64_t id;

        if (!api_json_id(row, "id", &id))
            continue;
        app->users[app->user_count].id = id;
        app->users[app->user_count].name = mem_printf("%s%s%s", first ? first : "",
                                                      first && last ? " " : "", last ? last : "");
        app->user_count++;
    }
    qsort(app->users, app->user_count, sizeof app->users[0], compare_user_ids);
}

void
app_free_users(struct app *app)
{
    for (size_t i = 0; i < app->user_count; i++)
        free(app->users[i].name);
    free(app->users);
    app->users = NULL;
    app->user_count = 0;
}
