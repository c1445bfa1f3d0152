/* prompt.h: a one-line editor for the ':' command line, '/' search and
 * yes/no questions, drawn on the bottom row of the screen.
 *
 * The prompt keeps its text as wide characters so editing, cursor motion and
 * horizontal scrolling work per character and per terminal cell, whatever the
 * script.  It owns its buffer and history; callers get the text as a UTF-8
 * copy they must free.  Only the UI thread uses it.
 */
#ifndef CATS_PROMPT_H
#define CATS_PROMPT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include <curses.h>

#define PROMPT_MAX_CHARS 1024
#define PROMPT_HISTORY 50

/* The outcome of prompt_key() for one key. */
enum prompt_result {
    PROMPT_EDITING,   /* the key changed the text or the cursor, or was ignored */
    PROMPT_ACCEPTED,  /* Enter: the text is final */
    PROMPT_CANCELLED  /* Esc or Ctrl-C: the caller drops the prompt */
};

/* Offers completions for the text before the cursor.  Writes up to max
 * candidates (static strings or strings that outlive the call) into out and
 * returns how many there are; the prompt completes their common prefix and
 * lists them when there are several.  May be NULL. */
typedef size_t (*prompt_complete_fn)(const char *text, const char **out, size_t max, void *data);

struct prompt {
    wchar_t label[256];              /* ":" or "/" or a question */
    wchar_t text[PROMPT_MAX_CHARS];  /* what the user typed, NUL-terminated */
    size_t length, cursor;           /* in characters */
    size_t scroll;                   /* first character shown */
    prompt_complete_fn complete;
    void *complete_data;
    char hint[512];                  /* completions after a Tab, or an error */
    struct prompt_history *history;  /* shared by prompts of one kind; may be NULL */
    int history_pos;                 /* -1 while editing new text */
};

/* Remembered lines of one kind of prompt, newest last.  Owns its strings. */
struct prompt_history {
    wchar_t *lines[PROMPT_HISTORY];
    int count;
};

/* Starts an empty prompt with a UTF-8 label. */
void prompt_start(struct prompt *p, const char *label, struct prompt_history *history);

/* Replaces the text (UTF-8) and puts the cursor at its end. */
void prompt_set_text(struct prompt *p, const char *utf8);

/* Edits the text with one key from get_wch(): is_key_code is true when
 * get_wch() returned KEY_CODE_YES.  On PROMPT_ACCEPTED the line is added to
 * the history. */
enum prompt_result prompt_key(struct prompt *p, wint_t key, bool is_key_code);

/* Returns the text as a newly allocated UTF-8 string, or NULL when out of
 * memory.  The caller frees it. */
char *prompt_text(const struct prompt *p);

/* Draws label and text on row y of win, width cells wide, scrolled so the
 * cursor shows, and places the terminal cursor there. */
void prompt_draw(struct prompt *p, WINDOW *win, int y, int width);

/* Frees the history's lines. */
void prompt_history_clear(struct prompt_history *h);

#endif
