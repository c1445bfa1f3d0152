/* view.h: the table-driven description of each tab and sub-list: which
 * collection it shows, its columns and how each cell is formatted.
 *
 * A view is data, not code: adding a tab means adding a struct view_def
 * to views.c.  The list screen (list.c) draws any view from its columns;
 * formats turn a field of a record into raw text, which the screen then
 * sanitizes and fits to the column with text_cell().  All views are
 * static tables that live as long as the program.
 */
#ifndef CATS_VIEW_H
#define CATS_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "command.h"
#include "text.h"

struct json_object;
struct app;

/* The formatting a column applies to its field. */
enum column_format {
    COL_TEXT,       /* the field as it is; numbers printed, null empty */
    COL_DATE,       /* RFC 3339 shown as "2024-11-19 19:57" in its own offset */
    COL_DAY,        /* the date part only */
    COL_DUE,        /* a due date; null reads "ASAP" as in CATS */
    COL_CHECK,      /* a boolean as a check mark */
    COL_PRIORITY,   /* 1-5 as "1 low" .. "5 high" */
    COL_USER,       /* a user id as the user's name */
    COL_DATA_ITEM,  /* {"id", "type"} as "candidate 123"; null "general" */
    COL_JOB_REF,    /* a job id as "job 123"; null "general" */
    COL_BYTES,      /* a size in bytes as "1.4 MB" */
    COL_JOINED,     /* an array of strings joined with ", " */
    COL_NAME,       /* first_name and last_name of the record itself */
    COL_LINK,       /* _links.<field>.href */
    COL_EMPLOYER,   /* a work history's employer: its name, or "company ID" when linked */
};

struct column {
    const char *title;
    const char *field;            /* dotted path into the record: "data_item.type" */
    enum column_format format;
    int width;                    /* cells; 0 = takes the width left over */
    enum text_align align;
};

/* One kind of list: a tab, or a list reached from a record. */
struct view_def {
    const char *title;            /* "Tasks" */
    const char *name;             /* ":tab NAME" and the help screen: "tasks" */
    const char *path;             /* the collection: "/tasks", or a pattern for
                                     sub-lists: "/portals/{id}/jobs" */
    const char *plural;           /* _embedded key: "tasks" */
    const char *record_path;      /* one record: "/tasks/{id}", NULL when CATS has none */
    const struct column *columns; /* ends with a column whose title is NULL */
    const struct command *keys;   /* keys only this view has, or NULL */
    const char *empty_text;       /* shown when the list has no rows */
    /* Enter on a row.  NULL opens the record's detail pane. */
    void (*open_row)(struct app *app, struct json_object *row);
    bool is_feed;                 /* the Events view: a live feed, not pages */
};

/* The tabs in the order of keys 1-9. */
#define VIEW_TAB_COUNT 9
extern const struct view_def *const view_tabs[VIEW_TAB_COUNT];

/* Lists reached from a record. */
extern const struct view_def view_portal_jobs;
extern const struct view_def view_work_history;
extern const struct view_def view_activity_search;

/* view_tab_index() for a prefix that starts several tabs' names. */
#define VIEW_TAB_AMBIGUOUS (-2)

/* Returns the index of the tab named name ("tasks", "Tasks", a unique
 * prefix such as "act", or its number "1" to "9"); -1 when none is,
 * VIEW_TAB_AMBIGUOUS when several start with it. */
int view_tab_index(const char *name);

/* Writes pattern into buf with its "{id}" replaced by id.  Returns buf. */
char *view_expand_path(const char *pattern, const char *id, char *buf, size_t size);

/* Reads the value at a dotted path ("data_item.id"), or NULL.  Borrowed. */
struct json_object *view_field(struct json_object *record, const char *path);

/* Formats one cell of a record into buf as raw, unsanitized text (the
 * caller passes it through text_cell()).  app resolves user names; it may
 * be NULL, and then user ids print as "#ID".  Returns buf. */
char *view_format_cell(struct app *app, const struct column *col, struct json_object *record,
                       char *buf, size_t size);

/* Lays columns out across width cells: fixed widths first, shrunk when
 * they do not fit, and the rest to the flexible column.  Writes each
 * column's width into widths (room for every column).  Returns the
 * number of columns.  A column that would get under 6 cells gets 0 and is
 * hidden, with no gap, except dates and marks, which keep their width. */
int view_layout(const struct view_def *view, int width, int *widths);

#endif
