/* ui.h: the terminal: curses set-up and tear-down, colours, the frame
 * (header, tab bar, status line) and the main loop.
 *
 * Only the UI thread calls anything here, and it is the only thread that
 * calls curses at all.  The loop blocks in poll() on the terminal and the
 * fetcher's wake-up pipe, so an idle console uses no CPU; it wakes early
 * only for a countdown on screen or a due events poll.
 */
#ifndef CATS_UI_H
#define CATS_UI_H

#include <stdbool.h>
#include <stddef.h>

struct app;

enum ui_style {
    UI_NORMAL,
    UI_HEADER,      /* column titles */
    UI_SELECTED,    /* the selected row */
    UI_TITLE,       /* the top bar */
    UI_TAB,         /* a tab name */
    UI_TAB_CURRENT, /* the current tab */
    UI_STATUS,      /* the status line */
    UI_ERROR,       /* errors and failed rows */
    UI_DIM,         /* loading rows, hints */
    UI_LINK,        /* a reference the detail pane can open */
    UI_KEY,         /* key names on the help screen */
    UI_STYLE_COUNT
};

/* Starts curses: locale-aware, no echo, keypad, a short ESCDELAY (ms),
 * colours unless NO_COLOR is set or the terminal has none.  Returns false
 * when the terminal cannot be used; the reason is written to why. */
bool ui_start(int escdelay_ms, char *why, size_t why_size);

/* Restores the terminal.  Safe to call twice. */
void ui_stop(void);

/* The curses attributes of a style (colour pair or bold/reverse). */
int ui_attr(enum ui_style style);

/* Runs the console until the user quits or a SIGINT, SIGTERM or SIGHUP
 * arrives.  wake_fd is the fetcher's pipe (-1 for none). */
void ui_run(struct app *app, int wake_fd);

/* Draws the whole screen for the current state. */
void ui_draw(struct app *app);

/* Starts timing for CATS_ADMIN_PROFILE=FILE: call first thing in main().
 * When the variable is set, ui_stop() appends to FILE the milliseconds
 * from this call to the first frame on the terminal, and the time each
 * key took from arriving to its frame being drawn (median, 90th
 * percentile, maximum, in microseconds).  The benchmarks read it. */
void ui_profile_begin(void);

#endif
