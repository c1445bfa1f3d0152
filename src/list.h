/* list.h: the list screen, which shows any view (view.h) as rows of
 * columns, backed by a sparse model list or by a feed (the Events view).
 *
 * The struct is here, not hidden in list.c, because feed.c extends it:
 * a feed screen starts with a struct list_screen and reuses list_ops for
 * everything but fetching.  Other modules use the functions only. */
#ifndef CATS_LIST_H
#define CATS_LIST_H

#include <stdbool.h>
#include <stdint.h>

#include "screen.h"

struct app;
struct model;
struct model_list;
struct view_def;

#define ROW_CACHE_SLOTS 256   /* more than a screen's rows; a power of two */

/* Formatted rows, so a key that only moves the selection redraws without
 * formatting, sanitizing and measuring every cell again.  Any change to
 * what a row index shows (new results, layout, sort, filter) empties it. */
struct row_cache {
    unsigned long data_version;   /* app->data_version when filled */
    unsigned long order_serial;   /* list_screen.order_serial when filled */
    int width;
    struct {
        long index;               /* -1 when empty */
        char *line;
    } slots[ROW_CACHE_SLOTS];
};

struct list_screen {
    struct screen base;
    struct model *model;
    struct model_list *list;      /* owned: closed when the screen is freed */
    char *title;                  /* sanitized */
    long selected;                /* row index, in the current (filtered/sorted) order */
    long top;                     /* first row on screen */
    int column;                   /* the column s sorts by */
    int sorted_column;            /* -1 while in the server's order */
    bool sort_descending;
    unsigned long order_serial;   /* bumped when the sort, filter or pages change */
    bool loading_all;             /* a load-all runs; its progress is reported */
    struct row_cache cache;
};

/* The callbacks of a list screen, for screens that extend it. */
extern const struct screen_ops list_ops;

/* Creates a list screen of view.  parent_id fills a sub-list's path
 * pattern ("/portals/{id}/jobs"); parent_title (may be NULL) is shown in
 * its title.  The screen opens its model list in app->model and closes it
 * when freed. */
struct screen *list_screen_new(struct app *app, const struct view_def *view, int64_t parent_id,
                               const char *parent_title);

/* Creates a list screen of view over the collection at path (a relative
 * path from a record's links, e.g. "/candidates/5/attachments"), whose
 * rows are in _embedded.<plural>; title is shown as is (sanitized). */
struct screen *list_screen_new_path(struct app *app, const struct view_def *view, const char *path,
                                    const char *plural, const char *title);

/* Fills ls, allocated by the caller with room for a larger struct that
 * starts with it, as a list screen over list (which it then owns). */
void list_screen_init(struct list_screen *ls, struct app *app, const struct view_def *view,
                      struct model_list *list, const char *title);

/* Keeps the selection within the rows and the screen. */
void list_screen_clamp(struct list_screen *ls);

#endif
