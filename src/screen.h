/* screen.h: what the console shows in its body, as a stack of screens per
 * tab: a list, the detail pane of a record, a list reached from a record.
 *
 * A screen plugs in through a table of callbacks.  Commands call the
 * callback of the screen on top of the current tab's stack.  A NULL
 * callback means the command does nothing there, and the status line
 * reports that.  Screens are created by list.c, detail.c and feed.c,
 * owned by the tab's stack in struct app, and freed by their free
 * callback when popped.
 * Only the UI thread touches them.
 */
#ifndef CATS_SCREEN_H
#define CATS_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

struct app;
struct screen;
struct view_def;
struct json_object;
struct api_error;

struct screen_ops {
    /* Requests what the next draw needs (pages, records) from the fetcher. */
    void (*prepare)(struct screen *s, struct app *app, int height);
    /* Draws the body: height rows of width cells in win, from row 0. */
    void (*draw)(struct screen *s, struct app *app, WINDOW *win, int height, int width);
    /* Moves the selection or scroll by delta rows (negative is up). */
    void (*step)(struct screen *s, struct app *app, long delta);
    /* Goes to the first (to_end false) or last row. */
    void (*jump)(struct screen *s, struct app *app, bool to_end);
    /* Enter. */
    void (*open)(struct screen *s, struct app *app);
    /* R: fetches what is shown again. */
    void (*reload)(struct screen *s, struct app *app);
    /* '/': a list shows only what matches pattern ("" shows everything
     * again) and returns true while it filters; a pane moves to the first
     * match and returns false. */
    bool (*filter)(struct screen *s, struct app *app, const char *pattern);
    /* n and N: goes to the next (1) or previous (-1) match. */
    void (*find)(struct screen *s, struct app *app, int direction);
    /* Left and Right: selects another column for sorting. */
    void (*select_column)(struct screen *s, struct app *app, int delta);
    /* s: sorts by the selected column; again reverses. */
    void (*sort)(struct screen *s, struct app *app);
    /* :load-all. */
    void (*load_all)(struct screen *s, struct app *app);
    /* The right side of the status line, e.g. "1-40 of 100000". */
    void (*position)(struct screen *s, char *buf, size_t size);
    /* The title line: the view and where it was reached from. */
    void (*title)(struct screen *s, char *buf, size_t size);
    /* A record fetched for this screen arrived (record NULL and err set
     * when it failed).  token is what the screen asked with. */
    void (*record_arrived)(struct screen *s, struct app *app, unsigned long token,
                           struct json_object *record, const struct api_error *err);
    /* The selected record (borrowed), or NULL. */
    struct json_object *(*selected)(struct screen *s);
    /* Whether something on screen counts down (a 429 wait), so the
     * console redraws each second. */
    bool (*counting_down)(struct screen *s);
    void (*free)(struct screen *s);
};

struct screen {
    const struct screen_ops *ops;
    const struct view_def *view;  /* the view it shows, NULL for a detail pane */
    unsigned long id;             /* unique while the program runs */
    int height;                   /* body rows at the last draw */
    bool filtered;                /* a filter hides rows; Esc clears it first */
};

#endif
