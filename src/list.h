/* list.h: the list screen, which shows any view (view.h) as rows of
 * columns, backed by a sparse model list, or by the events feed. */
#ifndef CATS_LIST_H
#define CATS_LIST_H

#include <stdint.h>

struct app;
struct screen;
struct view_def;

/* Creates a list screen of view.  parent_id fills a sub-list's path
 * pattern ("/portals/%lld/jobs"); parent_title (may be NULL) is shown in
 * its title.  The screen opens its model list in app->model and closes it
 * when freed. */
struct screen *list_screen_new(struct app *app, const struct view_def *view, int64_t parent_id,
                               const char *parent_title);

/* Creates a list screen of view over the collection at path (a relative
 * path from a record's links, e.g. "/candidates/5/attachments"), whose
 * rows are in _embedded.<plural>; title is shown as is (sanitized). */
struct screen *list_screen_new_path(struct app *app, const struct view_def *view, const char *path,
                                    const char *plural, const char *title);

#endif
