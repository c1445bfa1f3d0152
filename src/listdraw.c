/* listdraw.c: draws column headers and rows of a view. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "listdraw.h"
#include "mem.h"
#include "model.h"
#include "text.h"
#include "ui.h"
#include "view.h"

void
listdraw_layout(struct listdraw *layout, const struct view_def *view, int width,
                int selected_column, int sorted_column, bool descending)
{
    int widths[LISTDRAW_MAX_COLUMNS + 1];

    memset(layout, 0, sizeof *layout);
    layout->view = view;
    layout->count = view_layout(view, width, widths);
    if (layout->count > LISTDRAW_MAX_COLUMNS)
        layout->count = LISTDRAW_MAX_COLUMNS;
    memcpy(layout->widths, widths, sizeof(int) * (size_t)layout->count);
    layout->selected_column = selected_column;
    layout->sorted_column = sorted_column;
    layout->descending = descending;
}

static void
put_cell(WINDOW *win, const char *raw, int width, enum text_align align, bool last)
{
    char *cell = text_cell(raw, raw ? strlen(raw) : 0, width, align);

    waddstr(win, cell);
    if (!last)
        waddch(win, ' ');
    free(cell);
}

/* The index of the last column shown; columns of 0 cells are hidden. */
static int
last_shown(const struct listdraw *layout)
{
    int last = layout->count - 1;

    while (last > 0 && layout->widths[last] == 0)
        last--;
    return last;
}

void
listdraw_header(WINDOW *win, int y, const struct listdraw *layout)
{
    wmove(win, y, 0);
    wattron(win, ui_attr(UI_HEADER));
    int last = last_shown(layout);

    for (int i = 0; i <= last; i++) {
        const struct column *c = &layout->view->columns[i];
        const char *arrow = "";
        char title[64];

        if (layout->widths[i] == 0)
            continue;
        if (i == layout->sorted_column)
            arrow = layout->descending ? "↓" : "↑";
        snprintf(title, sizeof title, "%s%s", c->title, arrow);
        if (i == layout->selected_column)
            wattron(win, A_UNDERLINE);
        put_cell(win, title, layout->widths[i], c->align, i == last);
        wattroff(win, A_UNDERLINE);
    }
    wclrtoeol(win);
    wattroff(win, ui_attr(UI_HEADER));
}

char *
listdraw_format(struct app *app, const struct listdraw *layout, struct json_object *record)
{
    char raw[2048];
    char *line = mem_strdup("");
    int last = last_shown(layout);

    for (int i = 0; i <= last; i++) {
        const struct column *c = &layout->view->columns[i];
        char *cell, *joined;

        if (layout->widths[i] == 0)
            continue;
        view_format_cell(app, c, record, raw, sizeof raw);
        cell = text_cell(raw, strlen(raw), layout->widths[i], c->align);
        joined = mem_printf("%s%s%s", line, cell, i < last ? " " : "");
        free(cell);
        free(line);
        line = joined;
    }
    return line;
}

void
listdraw_line(WINDOW *win, int y, const char *line, bool selected)
{
    wmove(win, y, 0);
    if (selected)
        wattron(win, ui_attr(UI_SELECTED));
    waddstr(win, line);
    if (selected) {
        wclrtoeol(win);
        wattroff(win, ui_attr(UI_SELECTED));
    }
}

void
listdraw_state_row(WINDOW *win, int y, int width, const char *text, const struct model_row *row,
                   bool selected)
{
    bool failed = row->state == MODEL_PAGE_FAILED || row->state == MODEL_PAGE_WAITING;
    int attr = ui_attr(failed ? UI_ERROR : UI_DIM) | (selected ? ui_attr(UI_SELECTED) : 0);
    char *line = text_cell(text, text ? strlen(text) : 0, width, TEXT_ALIGN_LEFT);

    wattron(win, attr);
    mvwaddstr(win, y, 0, line);
    wattroff(win, attr);
    free(line);
}
