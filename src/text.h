/* text.h: the one sanitizer for text from the server, and widths in cells.
 *
 * Everything the server sends is untrusted.  Before a string reaches the
 * terminal it goes through text_sanitize() (or text_cell(), which also fits
 * it to a column), so that:
 *
 *   - escape sequences (ESC and 8-bit CSI sequences, OSC, DCS, APC, PM and
 *     SOS strings) are each replaced by one U+FFFD; a string sequence with
 *     no terminator loses only its introducer, and the rest is kept as text;
 *   - every other C0 or C1 control character and DEL becomes U+FFFD;
 *   - invalid UTF-8 becomes U+FFFD, one for each byte that cannot be decoded;
 *   - characters that wcwidth() reports as not printable become U+FFFD;
 *   - the bidi embedding, override and isolate controls (U+202A to U+202E,
 *     U+2066 to U+2069) are removed, so text cannot reorder what follows it;
 *   - CR LF and a lone CR count as one newline.
 *
 * TEXT_LINE output is one screen line: each newline becomes U+21B5 and each
 * tab a space.  TEXT_MULTILINE output keeps '\n' and expands tabs to the
 * next multiple of 8 cells.  What remains is printable UTF-8 that contains
 * no byte below 0x20 except '\n' in TEXT_MULTILINE mode.
 *
 * Widths are terminal cells as wcwidth() counts them: most CJK characters
 * and emoji take two cells, combining marks none.  The width functions
 * expect sanitized text; given anything else they count each undecodable
 * byte or non-printable character as one cell, as its U+FFFD would take.
 *
 * All of this needs a UTF-8 locale: call setlocale(LC_ALL, "") first, and
 * check text_locale_is_utf8() before drawing.  The functions only read
 * locale state, so any thread may call them.
 *
 * Memory: every function that returns char * returns a new NUL-terminated
 * string that the caller frees with free().  None returns NULL (they abort
 * when memory runs out).  A NULL input counts as the empty string.
 */
#ifndef CATS_TEXT_H
#define CATS_TEXT_H

#include <stdbool.h>
#include <stddef.h>

enum text_mode {
    TEXT_LINE,      /* one line: newline -> U+21B5, tab -> one space */
    TEXT_MULTILINE, /* keeps '\n', expands tabs to 8-cell stops */
};

enum text_align {
    TEXT_ALIGN_LEFT,  /* text first, then spaces */
    TEXT_ALIGN_RIGHT, /* spaces first, then text: for numbers */
};

/* NOTE: U+21B5 and U+2026 below have East Asian width "ambiguous": they
 * are counted as one cell, which is wrong on terminals set to draw
 * ambiguous characters wide, where such rows come out one cell long. */

/* The mark that replaces a newline in TEXT_LINE mode (U+21B5). */
#define TEXT_NEWLINE_MARK "\xe2\x86\xb5"

/* The mark that ends truncated text (U+2026, one cell). */
#define TEXT_ELLIPSIS "\xe2\x80\xa6"

/* Returns true when the current LC_CTYPE locale decodes UTF-8. */
bool text_locale_is_utf8(void);

/* Returns the sanitized copy of the NUL-terminated string src. */
char *text_sanitize(const char *src, enum text_mode mode);

/* Returns the sanitized copy of the len bytes at src, which may contain NUL
 * bytes (JSON strings can hold "\u0000"); each NUL becomes U+FFFD. */
char *text_sanitize_len(const char *src, size_t len, enum text_mode mode);

/* Returns the width in cells of s up to its first '\n' or its end. */
int text_width(const char *s);

/* Returns how many bytes of s fit in max_cells cells, stopping before the
 * first '\n'.  Zero-width characters that follow the last character kept
 * are kept with it.  When width is not NULL it receives the width of those
 * bytes.  The detail pane uses this to wrap long lines without copying. */
size_t text_prefix_bytes(const char *s, int max_cells, int *width);

/* Returns the first line of s cut to at most max_cells cells.  When s did
 * not fit, the result ends in TEXT_ELLIPSIS.  It may be one cell narrower
 * than max_cells when a two-cell character straddled the limit.
 * max_cells <= 0 returns "". */
char *text_truncate(const char *s, int max_cells);

/* Returns the first line of s fitted to exactly cells cells: truncated as
 * text_truncate() does, then padded with spaces on the side align names.
 * cells <= 0 returns "". */
char *text_pad(const char *s, int cells, enum text_align align);

/* Returns whether haystack contains needle, ignoring case in every script
 * the locale supports (towlower(): "ZOË" matches "Zoë", "ИВАН" "Иван").  Both
 * are UTF-8; an undecodable byte only matches itself.  "" is in anything. */
bool text_contains_nocase(const char *haystack, const char *needle);

/* Returns one table cell made from untrusted text: the len bytes at raw are
 * sanitized in TEXT_LINE mode and padded to exactly cells cells.  raw may
 * be NULL (an empty cell). */
char *text_cell(const char *raw, size_t len, int cells, enum text_align align);

#endif
