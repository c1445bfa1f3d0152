/* inert.c: checks that sanitized text can reach a terminal safely. */
#include "config.h"

#include <string.h>
#include <wchar.h>

#include "inert.h"

static bool
is_bidi_control(wchar_t wc)
{
    return (wc >= 0x202a && wc <= 0x202e) || (wc >= 0x2066 && wc <= 0x2069);
}

const char *
inert_check(const char *text, bool newlines_allowed)
{
    mbstate_t state;
    size_t len = strlen(text);

    memset(&state, 0, sizeof state);
    for (size_t at = 0; at < len;) {
        wchar_t wc;
        size_t n = mbrtowc(&wc, text + at, len - at, &state);

        if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
            return "invalid UTF-8";
        if (wc == '\n' && newlines_allowed) {
            at += n;
            continue;
        }
        if (wc < 0x20 || (wc >= 0x7f && wc <= 0x9f))
            return "a C0 or C1 control character or DEL";
        if (wcwidth(wc) < 0)
            return "a character wcwidth() rejects";
        if (is_bidi_control(wc))
            return "a bidi control";
        at += n;
    }
    return NULL;
}
