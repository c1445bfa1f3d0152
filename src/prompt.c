/* prompt.c: the one-line editor behind ':', '/' and yes/no questions. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "prompt.h"
#include "text.h"

#define CTRL(c) ((c) & 0x1f)
#define MAX_COMPLETIONS 64

void
prompt_start(struct prompt *p, const char *label, struct prompt_history *history)
{
    memset(p, 0, sizeof *p);
    mbstowcs(p->label, label, sizeof p->label / sizeof p->label[0] - 1);
    p->history = history;
    p->history_pos = -1;
}

void
prompt_set_text(struct prompt *p, const char *utf8)
{
    size_t n = mbstowcs(p->text, utf8, PROMPT_MAX_CHARS - 1);

    if (n == (size_t)-1)
        n = 0;
    p->text[n] = L'\0';
    p->length = p->cursor = n;
}

static void
set_wide_text(struct prompt *p, const wchar_t *text)
{
    wcsncpy(p->text, text, PROMPT_MAX_CHARS - 1);
    p->text[PROMPT_MAX_CHARS - 1] = L'\0';
    p->length = p->cursor = wcslen(p->text);
}

char *
prompt_text(const struct prompt *p)
{
    size_t size = p->length * MB_CUR_MAX + 1;
    char *out = malloc(size);

    if (out == NULL)
        return NULL;
    if (wcstombs(out, p->text, size) == (size_t)-1)
        out[0] = '\0';
    return out;
}

static void
insert_char(struct prompt *p, wchar_t c)
{
    if (p->length + 1 >= PROMPT_MAX_CHARS)
        return;
    memmove(&p->text[p->cursor + 1], &p->text[p->cursor],
            (p->length - p->cursor + 1) * sizeof(wchar_t));
    p->text[p->cursor++] = c;
    p->length++;
}

static void
delete_range(struct prompt *p, size_t from, size_t to)
{
    memmove(&p->text[from], &p->text[to], (p->length - to + 1) * sizeof(wchar_t));
    p->length -= to - from;
    p->cursor = from;
}

/* Ctrl-W: deletes the word before the cursor and the spaces after it. */
static void
delete_word_before(struct prompt *p)
{
    size_t start = p->cursor;

    while (start > 0 && iswspace(p->text[start - 1]))
        start--;
    while (start > 0 && !iswspace(p->text[start - 1]))
        start--;
    delete_range(p, start, p->cursor);
}

static void
history_add(struct prompt *p)
{
    struct prompt_history *h = p->history;

    if (h == NULL || p->length == 0)
        return;
    if (h->count > 0 && wcscmp(h->lines[h->count - 1], p->text) == 0)
        return;
    if (h->count == PROMPT_HISTORY) {
        free(h->lines[0]);
        memmove(&h->lines[0], &h->lines[1], (PROMPT_HISTORY - 1) * sizeof h->lines[0]);
        h->count--;
    }
    h->lines[h->count] = wcsdup(p->text);
    if (h->lines[h->count] != NULL)
        h->count++;
}

/* Up and Down: walk the history, newest first; below the newest is empty text. */
static void
history_move(struct prompt *p, int direction)
{
    struct prompt_history *h = p->history;
    int pos;

    if (h == NULL || h->count == 0)
        return;
    pos = p->history_pos < 0 ? h->count : p->history_pos;
    pos += direction;
    if (pos < 0)
        pos = 0;
    if (pos >= h->count) {
        p->history_pos = -1;
        set_wide_text(p, L"");
        return;
    }
    p->history_pos = pos;
    set_wide_text(p, h->lines[pos]);
}

void
prompt_history_clear(struct prompt_history *h)
{
    for (int i = 0; i < h->count; i++)
        free(h->lines[i]);
    h->count = 0;
}

static size_t
common_prefix(const char **words, size_t count)
{
    size_t len = strlen(words[0]);

    for (size_t i = 1; i < count; i++) {
        size_t j = 0;
        while (j < len && words[i][j] == words[0][j])
            j++;
        len = j;
    }
    return len;
}

/* Lists the candidates after the text, prefixed by their number when
 * there are more than fit on one line, so the user types more letters. */
static void
show_candidates(struct prompt *p, const char **words, size_t count)
{
    size_t used = 0;

    p->hint[0] = '\0';
    if (count > 8)
        used = (size_t)snprintf(p->hint, sizeof p->hint, "%zu matches, type more:", count);
    for (size_t i = 0; i < count && used + 2 < sizeof p->hint; i++) {
        int n = snprintf(p->hint + used, sizeof p->hint - used, "%s%s", used ? "  " : "", words[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

/* Tab: completes the text before the cursor to the candidates' common
 * prefix, adds a space after a single match, and lists several. */
static void
complete(struct prompt *p)
{
    const char *words[MAX_COMPLETIONS];
    wchar_t saved = p->text[p->cursor];
    char before[PROMPT_MAX_CHARS * 4];
    size_t count, prefix;

    if (p->complete == NULL)
        return;
    p->text[p->cursor] = L'\0';
    if (wcstombs(before, p->text, sizeof before) == (size_t)-1)
        before[0] = '\0';
    p->text[p->cursor] = saved;

    count = p->complete(before, words, MAX_COMPLETIONS, p->complete_data);
    if (count == 0) {
        snprintf(p->hint, sizeof p->hint, "no completion");
        return;
    }
    prefix = common_prefix(words, count);
    if (prefix > strlen(before)) {
        char grown[sizeof before];
        snprintf(grown, sizeof grown, "%.*s%s", (int)prefix, words[0],
                 count == 1 && words[0][prefix - 1] != ' ' ? " " : "");
        delete_range(p, 0, p->cursor);
        for (const char *s = grown; *s; s++)
            insert_char(p, (wchar_t)(unsigned char)*s);
    }
    if (count > 1)
        show_candidates(p, words, count);
}

static enum prompt_result
edit_key_code(struct prompt *p, wint_t key)
{
    switch (key) {
    case KEY_LEFT:      if (p->cursor > 0) p->cursor--; break;
    case KEY_RIGHT:     if (p->cursor < p->length) p->cursor++; break;
    case KEY_HOME:      p->cursor = 0; break;
    case KEY_END:       p->cursor = p->length; break;
    case KEY_UP:        history_move(p, -1); break;
    case KEY_DOWN:      history_move(p, +1); break;
    case KEY_BACKSPACE:
        if (p->cursor > 0)
            delete_range(p, p->cursor - 1, p->cursor);
        break;
    case KEY_DC:
        if (p->cursor < p->length)
            delete_range(p, p->cursor, p->cursor + 1);
        break;
    case KEY_ENTER:
        history_add(p);
        return PROMPT_ACCEPTED;
    default:
        break;
    }
    return PROMPT_EDITING;
}

static enum prompt_result
edit_control(struct prompt *p, wint_t key)
{
    switch (key) {
    case '\n': case '\r':
        history_add(p);
        return PROMPT_ACCEPTED;
    case 27: case CTRL('c'): case CTRL('g'):
        return PROMPT_CANCELLED;
    case CTRL('a'): p->cursor = 0; break;
    case CTRL('e'): p->cursor = p->length; break;
    case CTRL('b'): return edit_key_code(p, KEY_LEFT);
    case CTRL('f'): return edit_key_code(p, KEY_RIGHT);
    case CTRL('p'): return edit_key_code(p, KEY_UP);
    case CTRL('n'): return edit_key_code(p, KEY_DOWN);
    case CTRL('d'): return edit_key_code(p, KEY_DC);
    case CTRL('h'): case 127: return edit_key_code(p, KEY_BACKSPACE);
    case CTRL('u'): delete_range(p, 0, p->cursor); break;
    case CTRL('k'): p->text[p->cursor] = L'\0'; p->length = p->cursor; break;
    case CTRL('w'): delete_word_before(p); break;
    case '\t': complete(p); break;
    default: break;
    }
    return PROMPT_EDITING;
}

enum prompt_result
prompt_key(struct prompt *p, wint_t key, bool is_key_code)
{
    if (key != '\t')
        p->hint[0] = '\0';
    if (is_key_code)
        return edit_key_code(p, key);
    if (key < 32 || key == 127)
        return edit_control(p, key);
    if (iswprint(key))
        insert_char(p, (wchar_t)key);
    return PROMPT_EDITING;
}

static int
char_cells(wchar_t c)
{
    int w = wcwidth(c);

    return w < 0 ? 1 : w;
}

/* Moves the scroll so the cursor's cell lies within the width, showing as
 * much of the text before it as fits (after a resize makes room too). */
static void
scroll_to_cursor(struct prompt *p, int width)
{
    int cells = 0;

    if (p->cursor < p->scroll)
        p->scroll = p->cursor;
    for (size_t i = p->scroll; i < p->cursor; i++)
        cells += char_cells(p->text[i]);
    while (cells >= width && p->scroll < p->cursor)
        cells -= char_cells(p->text[p->scroll++]);
    while (p->scroll > 0 && cells + char_cells(p->text[p->scroll - 1]) < width)
        cells += char_cells(p->text[--p->scroll]);
}

/* Draws the label, or its end when it is wider than max cells, so a long
 * question still shows its "[y/n]".  Returns the cells drawn. */
static int
draw_label(struct prompt *p, WINDOW *win, int max)
{
    const wchar_t *label = p->label;
    int cells = wcswidth(label, wcslen(label));

    if (cells < 0)
        cells = (int)wcslen(label);
    if (cells <= max) {
        waddwstr(win, label);
        return cells;
    }
    waddwstr(win, L"…");
    cells++;
    while (*label && cells > max) {
        cells -= char_cells(*label);
        label++;
    }
    waddwstr(win, label);
    return cells;
}

void
prompt_draw(struct prompt *p, WINDOW *win, int y, int width)
{
    int label_cells, room, cells = 0, cursor_x;

    wmove(win, y, 0);
    wclrtoeol(win);
    label_cells = draw_label(p, win, width > 2 ? width - 2 : 1);
    room = width - label_cells - 1;
    if (room < 1)
        return;

    scroll_to_cursor(p, room);
    cursor_x = label_cells;
    for (size_t i = p->scroll; i < p->length; i++) {
        int w = char_cells(p->text[i]);
        if (cells + w > room)
            break;
        if (i == p->cursor)
            cursor_x = label_cells + cells;
        waddnwstr(win, &p->text[i], 1);
        cells += w;
    }
    if (p->cursor >= p->length)
        cursor_x = label_cells + cells;
    if (p->hint[0] != '\0' && cells + 4 < room) {
        char *hint = text_truncate(p->hint, room - cells - 3);
        wattron(win, A_DIM);
        mvwaddstr(win, y, label_cells + cells + 2, hint);
        wattroff(win, A_DIM);
        free(hint);
    }
    wmove(win, y, cursor_x);
}
