/* help.c: the '?' screen: every key and ':' command, from the tables. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "command.h"
#include "help.h"
#include "screen.h"
#include "text.h"
#include "ui.h"

#define KEY_COLUMN 22

/* Calls line() for each help line; returns their number.  A NULL keys
 * string marks a section title. */
static int
walk_lines(struct app *app, void (*line)(void *ctx, int n, const char *keys, const char *text),
           void *ctx)
{
    const struct command *view_keys = app_screen(app)->view ? app_screen(app)->view->keys : NULL;
    char keys[128], usage[128];
    int n = 0;

    line(ctx, n++, NULL, "Keys (q or Esc closes this help)");
    for (const struct command *c = command_table; c->name; c++)
        if (c->keys[0])
            line(ctx, n++, command_keys_label(c, keys, sizeof keys), c->help);
    if (view_keys != NULL) {
        line(ctx, n++, "", "");
        line(ctx, n++, NULL, "Keys on this tab");
        for (const struct command *c = view_keys; c->name; c++)
            line(ctx, n++, command_keys_label(c, keys, sizeof keys), c->help);
    }
    line(ctx, n++, "", "");
    line(ctx, n++, NULL, "Commands (type ':' then the name; Tab completes)");
    for (const struct command *c = command_table; c->name; c++) {
        snprintf(usage, sizeof usage, ":%s%s%s", c->name, c->arg ? " " : "", c->arg ? c->arg : "");
        line(ctx, n++, usage, c->help);
    }
    return n;
}

struct draw_context {
    WINDOW *win;
    int first, height, width;
};

static void
draw_line(void *data, int n, const char *keys, const char *text)
{
    struct draw_context *d = data;
    int y = n - d->first;
    char *fitted;

    if (y < 0 || y >= d->height)
        return;
    if (keys == NULL) {
        fitted = text_pad(text, d->width, TEXT_ALIGN_LEFT);
        wattron(d->win, A_BOLD);
        mvwaddstr(d->win, y, 0, fitted);
        wattroff(d->win, A_BOLD);
        free(fitted);
        return;
    }
    fitted = text_pad(keys, KEY_COLUMN, TEXT_ALIGN_LEFT);
    wattron(d->win, ui_attr(UI_KEY));
    mvwaddstr(d->win, y, 1, fitted);
    wattroff(d->win, ui_attr(UI_KEY));
    free(fitted);
    fitted = text_pad(text, d->width - KEY_COLUMN - 2, TEXT_ALIGN_LEFT);
    mvwaddstr(d->win, y, KEY_COLUMN + 2, fitted);
    free(fitted);
}

static void
count_line(void *data, int n, const char *keys, const char *text)
{
    (void)data; (void)n; (void)keys; (void)text;
}

int
help_line_count(struct app *app)
{
    return walk_lines(app, count_line, NULL);
}

void
help_draw(struct app *app, WINDOW *win, int height, int width)
{
    int max_scroll = help_line_count(app) - height;
    struct draw_context d = { win, 0, height, width };

    if (app->help_scroll > max_scroll)
        app->help_scroll = max_scroll;
    if (app->help_scroll < 0)
        app->help_scroll = 0;
    d.first = app->help_scroll;
    walk_lines(app, draw_line, &d);
}
