/* listdraw.h: drawing of column headers and rows, shared by the list
 * screen and the events feed.  Only the UI thread calls these. */
#ifndef CATS_LISTDRAW_H
#define CATS_LISTDRAW_H

#include <stdbool.h>

#include <curses.h>

struct app;
struct json_object;
struct model_row;
struct view_def;

#define LISTDRAW_MAX_COLUMNS 12

/* The placement of each column of a view at one screen width. */
struct listdraw {
    const struct view_def *view;
    int count;
    int widths[LISTDRAW_MAX_COLUMNS];
    int selected_column;   /* underlined in the header */
    int sorted_column;     /* marked with an arrow, -1 for none */
    bool descending;
};

void listdraw_layout(struct listdraw *layout, const struct view_def *view, int width,
                     int selected_column, int sorted_column, bool descending);

/* Draws the column titles on row y. */
void listdraw_header(WINDOW *win, int y, const struct listdraw *layout);

/* Returns a record's row as one line (caller frees): each cell sanitized,
 * fitted to its column and followed by a space. */
char *listdraw_format(struct app *app, const struct listdraw *layout, struct json_object *record);

/* Draws a line from listdraw_format() on row y; selected rows are drawn in
 * reverse video across the whole width. */
void listdraw_line(WINDOW *win, int y, const char *line, bool selected);


/* Draws a row that has no record yet: text (e.g. "loading…") dimmed, or
 * highlighted as an error when the row's page failed. */
void listdraw_state_row(WINDOW *win, int y, int width, const char *text,
                        const struct model_row *row, bool selected);

#endif
