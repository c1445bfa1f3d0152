/* detail.h: the detail pane: every field of one record, nested objects and
 * fields the console does not know included, with references (a task's
 * assignee, an activity's job, a candidate's work history) that Enter
 * opens. */
#ifndef CATS_DETAIL_H
#define CATS_DETAIL_H

struct app;
struct screen;
struct json_object;

/* Creates a detail pane for the record at path ("/tasks/5"), fetched when
 * the pane is first drawn.  record, when not NULL, is shown until the
 * fetch returns (the pane takes its own reference).  path may be NULL for
 * a record CATS has no single-record path for; then record is all it
 * shows. */
struct screen *detail_screen_new(struct app *app, const char *path, struct json_object *record);

/* Whether a path names a collection (its last segment is not a number and
 * not a known single resource such as "registration"). */
int detail_path_is_list(const char *path);

#endif
