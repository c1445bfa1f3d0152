/* text.c: makes server text inert for the terminal and measures it in cells. */
#include "config.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "mem.h"
#include "text.h"

#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD in UTF-8 */
#define TAB_STOP 8
#define INVALID_CHAR ((wchar_t)-1)

/* A growing output string. */
struct text_buf {
    char *data;
    size_t len;
    size_t cap;
};

/* The state of one sanitizer pass. */
struct sanitizer {
    struct text_buf *out;
    enum text_mode mode;
    int column; /* cells since the last newline, for tab stops */
};

/* An escape sequence introducer: its 7-bit form is ESC followed by
 * esc_final, its 8-bit form the C1 code point c1.  body() returns how many
 * bytes of the sequence follow the introducer. */
struct sequence_kind {
    unsigned char esc_final;
    wchar_t c1;
    size_t (*body)(const unsigned char *s, size_t len);
};

static void
buf_put(struct text_buf *buf, const char *bytes, size_t len)
{
    if (buf->len + len + 1 > buf->cap) {
        buf->cap = (buf->len + len + 1) * 2;
        buf->data = mem_realloc(buf->data, buf->cap);
    }
    memcpy(buf->data + buf->len, bytes, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
}

static void
buf_put_spaces(struct text_buf *buf, int count)
{
    for (int i = 0; i < count; i++)
        buf_put(buf, " ", 1);
}

static char *
buf_finish(struct text_buf *buf)
{
    if (buf->data == NULL)
        return mem_strdup("");
    return buf->data;
}

/* Decodes one character at s.  Returns the bytes it takes (at least 1).  An
 * undecodable byte takes 1 byte and decodes as INVALID_CHAR, which no valid
 * UTF-8 decodes to and which is_unprintable() reports. */
static size_t
decode_char(const unsigned char *s, size_t len, wchar_t *wc)
{
    mbstate_t state;

    if (s[0] < 0x80) {
        *wc = s[0];
        return 1;
    }
    memset(&state, 0, sizeof state);
    size_t n = mbrtowc(wc, (const char *)s, len, &state);
    if (n == (size_t)-1 || n == (size_t)-2) {
        *wc = INVALID_CHAR;
        return 1;
    }
    return n == 0 ? 1 : n;
}

/* Width of one decoded character; a non-printable one counts as the
 * one-cell U+FFFD that the sanitizer would put in its place. */
static int
char_width(wchar_t wc)
{
    if (wc >= 0x20 && wc < 0x7F)
        return 1;

    int width = wcwidth(wc);

    return width < 0 ? 1 : width;
}

/* Control sequence: parameter bytes, intermediate bytes, one final byte. */
static size_t
csi_body(const unsigned char *s, size_t len)
{
    size_t i = 0;

    while (i < len && s[i] >= 0x30 && s[i] <= 0x3F)
        i++;
    while (i < len && s[i] >= 0x20 && s[i] <= 0x2F)
        i++;
    if (i < len && s[i] >= 0x40 && s[i] <= 0x7E)
        i++;
    return i;
}

/* Control string (OSC, DCS, SOS, PM, APC): everything up to and including
 * BEL, ESC '\' or the C1 string terminator.  Without a terminator, nothing:
 * only the introducer goes, and the rest is sanitized as plain text. */
static size_t
string_body(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] == 0x07)
            return i + 1;
        if (i + 1 < len && s[i] == 0x1B && s[i + 1] == '\\')
            return i + 2;
        if (i + 1 < len && s[i] == 0xC2 && s[i + 1] == 0x9C)
            return i + 2;
    }
    return 0;
}

static const struct sequence_kind sequence_kinds[] = {
    { '[', 0x9B, csi_body },    /* CSI */
    { ']', 0x9D, string_body }, /* OSC */
    { 'P', 0x90, string_body }, /* DCS */
    { 'X', 0x98, string_body }, /* SOS */
    { '^', 0x9E, string_body }, /* PM */
    { '_', 0x9F, string_body }, /* APC */
};

#define SEQUENCE_KIND_COUNT (sizeof sequence_kinds / sizeof sequence_kinds[0])

/* Any other escape sequence: ESC, intermediate bytes, one final byte. */
static size_t
plain_escape_length(const unsigned char *s, size_t len)
{
    size_t i = 1;

    while (i < len && s[i] >= 0x20 && s[i] <= 0x2F)
        i++;
    if (i < len && s[i] >= 0x30 && s[i] <= 0x7E)
        i++;
    return i;
}

/* Returns how many bytes the escape sequence that starts at s takes, or 0
 * when the character at s (wc, n bytes long) starts none. */
static size_t
sequence_length(const unsigned char *s, size_t len, wchar_t wc, size_t n)
{
    for (size_t k = 0; k < SEQUENCE_KIND_COUNT; k++) {
        const struct sequence_kind *kind = &sequence_kinds[k];
        size_t intro = 0;

        if (wc == 0x1B && len > 1 && s[1] == kind->esc_final)
            intro = 2;
        else if (wc == kind->c1)
            intro = n;
        if (intro > 0)
            return intro + kind->body(s + intro, len - intro);
    }
    return wc == 0x1B ? plain_escape_length(s, len) : 0;
}

static bool
is_bidi_control(wchar_t wc)
{
    return (wc >= 0x202A && wc <= 0x202E) || (wc >= 0x2066 && wc <= 0x2069);
}

static bool
is_unprintable(wchar_t wc)
{
    if (wc >= 0x20 && wc < 0x7F)
        return false;
    return wc == INVALID_CHAR || wc < 0x20 || (wc >= 0x7F && wc <= 0x9F) || wcwidth(wc) < 0;
}

static void
put_replacement(struct sanitizer *st)
{
    buf_put(st->out, REPLACEMENT, sizeof REPLACEMENT - 1);
    st->column++;
}

/* Handles '\n', '\r' and "\r\n" at s; returns the bytes they take. */
static size_t
put_newline(struct sanitizer *st, const unsigned char *s, size_t len)
{
    size_t n = (s[0] == '\r' && len > 1 && s[1] == '\n') ? 2 : 1;

    if (st->mode == TEXT_MULTILINE) {
        buf_put(st->out, "\n", 1);
        st->column = 0;
    } else {
        buf_put(st->out, TEXT_NEWLINE_MARK, sizeof TEXT_NEWLINE_MARK - 1);
        st->column++;
    }
    return n;
}

static void
put_tab(struct sanitizer *st)
{
    int spaces = st->mode == TEXT_MULTILINE ? TAB_STOP - st->column % TAB_STOP : 1;

    buf_put_spaces(st->out, spaces);
    st->column += spaces;
}

/* Sanitizes the character or sequence at s; returns the bytes consumed. */
static size_t
sanitize_step(struct sanitizer *st, const unsigned char *s, size_t len)
{
    wchar_t wc;
    size_t n = decode_char(s, len, &wc);
    size_t sequence = sequence_length(s, len, wc, n);

    if (sequence > 0) {
        put_replacement(st);
        return sequence;
    }
    if (wc == '\n' || wc == '\r')
        return put_newline(st, s, len);
    if (wc == '\t') {
        put_tab(st);
        return n;
    }
    if (is_bidi_control(wc))
        return n;

    if (is_unprintable(wc)) {
        put_replacement(st);
        return n;
    }
    buf_put(st->out, (const char *)s, n);
    st->column += char_width(wc);
    return n;
}

bool
text_locale_is_utf8(void)
{
    return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

char *
text_sanitize_len(const char *src, size_t len, enum text_mode mode)
{
    struct text_buf out = { 0 };
    struct sanitizer st = { .out = &out, .mode = mode, .column = 0 };
    const unsigned char *s = (const unsigned char *)src;
    size_t at = 0;

    while (src != NULL && at < len)
        at += sanitize_step(&st, s + at, len - at);
    return buf_finish(&out);
}

char *
text_sanitize(const char *src, enum text_mode mode)
{
    return text_sanitize_len(src, src ? strlen(src) : 0, mode);
}

size_t
text_prefix_bytes(const char *s, int max_cells, int *width)
{
    const unsigned char *u = (const unsigned char *)(s ? s : "");
    size_t len = strlen((const char *)u);
    size_t at = 0;
    int used = 0;

    while (at < len && u[at] != '\n') {
        wchar_t wc;
        size_t n = decode_char(u + at, len - at, &wc);
        int w = char_width(wc);

        if (used + w > max_cells)
            break;
        used += w;
        at += n;
    }
    if (width != NULL)
        *width = used;
    return at;
}

int
text_width(const char *s)
{
    int width;

    text_prefix_bytes(s, 1 << 30, &width);
    return width;
}

char *
text_truncate(const char *s, int max_cells)
{
    struct text_buf out = { 0 };

    if (s == NULL || max_cells <= 0)
        return mem_strdup("");

    size_t fit = text_prefix_bytes(s, max_cells, NULL);
    if (s[fit] == '\0')
        return mem_strdup(s);

    size_t kept = text_prefix_bytes(s, max_cells - 1, NULL);
    buf_put(&out, s, kept);
    buf_put(&out, TEXT_ELLIPSIS, sizeof TEXT_ELLIPSIS - 1);
    return buf_finish(&out);
}

char *
text_pad(const char *s, int cells, enum text_align align)
{
    struct text_buf out = { 0 };
    char *cut = text_truncate(s, cells);
    int gap = cells > 0 ? cells - text_width(cut) : 0;

    if (align == TEXT_ALIGN_RIGHT)
        buf_put_spaces(&out, gap);
    buf_put(&out, cut, strlen(cut));
    if (align == TEXT_ALIGN_LEFT)
        buf_put_spaces(&out, gap);

    free(cut);
    return buf_finish(&out);
}

char *
text_cell(const char *raw, size_t len, int cells, enum text_align align)
{
    char *clean = text_sanitize_len(raw, raw ? len : 0, TEXT_LINE);
    char *cell = text_pad(clean, cells, align);

    free(clean);
    return cell;
}

/* Decodes s into lowercase wide characters; returns a new array that the
 * caller frees, and its length in *count. */
static wchar_t *
fold_case(const char *s, size_t *count)
{
    size_t len = strlen(s), n = 0;
    wchar_t *out = mem_calloc(len + 1, sizeof *out);

    while (*s) {
        wchar_t wc;
        size_t used = decode_char((const unsigned char *)s, len, &wc);
        /* An undecodable byte becomes a code no text decodes to, so it
         * matches only the same byte. */
        if (wc == INVALID_CHAR)
            out[n++] = (wchar_t)(0xDC00 + (unsigned char)*s);
        else
            out[n++] = (wchar_t)towlower((wint_t)wc);
        s += used;
        len -= used;
    }
    *count = n;
    return out;
}

bool
text_contains_nocase(const char *haystack, const char *needle)
{
    size_t hay_count, needle_count;
    wchar_t *hay = fold_case(haystack ? haystack : "", &hay_count);
    wchar_t *pin = fold_case(needle ? needle : "", &needle_count);
    bool found = needle_count == 0 || wcsstr(hay, pin) != NULL;

    free(hay);
    free(pin);
    return found;
}
