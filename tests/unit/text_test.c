/* text_test.c: unit tests of the sanitizer and the cell-width functions. */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <cmocka.h>

#include "inert.h"
#include "text.h"

#define FFFD "\xef\xbf\xbd"

static void
assert_sanitized(const char *input, enum text_mode mode, const char *expected)
{
    char *got = text_sanitize(input, mode);

    assert_string_equal(got, expected);
    free(got);
}

static void
test_plain_text_unchanged(void **state)
{
    assert_sanitized("Call Jane about the offer", TEXT_LINE, "Call Jane about the offer");
    assert_sanitized("", TEXT_LINE, "");
    assert_sanitized(NULL, TEXT_LINE, "");
    assert_sanitized("漢字 Ünïcödé 😀 e\xcc\x81", TEXT_LINE, "漢字 Ünïcödé 😀 e\xcc\x81");
}

static void
test_csi_sequences_replaced(void **state)
{
    assert_sanitized("\x1b[31mred\x1b[0m", TEXT_LINE, FFFD "red" FFFD);
    assert_sanitized("a\x1b[2J\x1b[Hb", TEXT_LINE, "a" FFFD FFFD "b");
    assert_sanitized("x\x1b[?1049hy", TEXT_LINE, "x" FFFD "y");
    /* 8-bit CSI, encoded as the code point U+009B. */
    assert_sanitized("a\xc2\x9b" "31mb", TEXT_LINE, "a" FFFD "b");
    /* The raw byte 0x9B is not UTF-8: it goes, the text after it stays. */
    assert_sanitized("a\x9b" "31mb", TEXT_LINE, "a" FFFD "31mb");
}

static void
test_string_sequences_replaced(void **state)
{
    assert_sanitized("\x1b]0;owned\x07title", TEXT_LINE, FFFD "title");
    assert_sanitized("\x1b]0;owned\x1b\\title", TEXT_LINE, FFFD "title");
    assert_sanitized("\x1b]0;owned\xc2\x9ctitle", TEXT_LINE, FFFD "title");
    assert_sanitized("\x1b]8;;http://x.test/\x1b\\click\x1b]8;;\x1b\\", TEXT_LINE,
                     FFFD "click" FFFD);
    assert_sanitized("\x1bPq#0;2;0;0;0\x1b\\z", TEXT_LINE, FFFD "z");
    assert_sanitized("\x1b_payload\x07z", TEXT_LINE, FFFD "z");
    assert_sanitized("\xc2\x9d" "0;t\x07z", TEXT_LINE, FFFD "z");
}

static void
test_unterminated_string_keeps_text(void **state)
{
    assert_sanitized("\x1b]0;rest of the note", TEXT_LINE, FFFD "0;rest of the note");
    assert_sanitized("end\x1b", TEXT_LINE, "end" FFFD);
    assert_sanitized("\x1b" "7saved\x1b" "8", TEXT_LINE, FFFD "saved" FFFD);
    assert_sanitized("\x1b(Bx", TEXT_LINE, FFFD "x");
}

static void
test_control_characters_replaced(void **state)
{
    assert_sanitized("a\x07" "b\x08" "c\x7f" "d", TEXT_LINE, "a" FFFD "b" FFFD "c" FFFD "d");
    assert_sanitized("a\xc2\x85" "b", TEXT_LINE, "a" FFFD "b");
    assert_sanitized("\x01\x1f", TEXT_LINE, FFFD FFFD);

    char *got = text_sanitize_len("a\0b", 3, TEXT_LINE);
    assert_string_equal(got, "a" FFFD "b");
    free(got);
}

static void
test_invalid_utf8_replaced(void **state)
{
    assert_sanitized("a\xff" "b", TEXT_LINE, "a" FFFD "b");
    assert_sanitized("\xe4\xb8", TEXT_LINE, FFFD FFFD);
    assert_sanitized("\xc0\x80", TEXT_LINE, FFFD FFFD);
    assert_sanitized("\xed\xa0\x80", TEXT_LINE, FFFD FFFD FFFD);
    assert_sanitized("\xf4\x90\x80\x80", TEXT_LINE, FFFD);
}

static void
test_unprintable_and_bidi(void **state)
{
    assert_sanitized("a\xe2\x80\xa8" "b", TEXT_LINE, "a" FFFD "b");
    assert_sanitized("a\xef\xbf\xbe" "b", TEXT_LINE, "a" FFFD "b");
    assert_sanitized("invoice\xe2\x80\xae" "fdp.exe", TEXT_LINE, "invoicefdp.exe");
    assert_sanitized("\xe2\x81\xa6" "abc\xe2\x81\xa9", TEXT_LINE, "abc");
    assert_sanitized("\xe2\x80\xaa" "x\xe2\x80\xac", TEXT_LINE, "x");
}

static void
test_line_mode_marks_newlines(void **state)
{
    assert_sanitized("a\nb\tc", TEXT_LINE, "a" TEXT_NEWLINE_MARK "b c");
    assert_sanitized("a\r\nb", TEXT_LINE, "a" TEXT_NEWLINE_MARK "b");
    assert_sanitized("a\rb", TEXT_LINE, "a" TEXT_NEWLINE_MARK "b");
}

static void
test_multiline_mode_expands_tabs(void **state)
{
    assert_sanitized("a\tb\r\nxy\tz", TEXT_MULTILINE, "a       b\nxy      z");
    assert_sanitized("漢\tx", TEXT_MULTILINE, "漢      x");
    assert_sanitized("line 1\r\nline 2\x1b[1m", TEXT_MULTILINE, "line 1\nline 2" FFFD);
}

/* A small deterministic generator, so a failure can be replayed. */
static uint32_t
next_random(uint32_t *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 8;
}

static void
fill_hostile_bytes(unsigned char *buf, size_t len, uint32_t *seed)
{
    static const unsigned char interesting[] = {
        0x1b, '[', ']', 'P', '\\', 0x07, 0xc2, 0x9b, 0x9c, 0x9d, 0x85, 0xe2, 0x80, 0xae,
        0x7f, '\n', '\r', '\t', 0x00, 0xff, 0xed, 0xa0, 0xf4, 0x90, 'a', '1', ';', 'm',
    };

    for (size_t i = 0; i < len; i++) {
        uint32_t r = next_random(seed);
        buf[i] = (r & 1) ? interesting[(r >> 1) % sizeof interesting] : (unsigned char)(r >> 3);
    }
}

static void
assert_inert(const char *out, enum text_mode mode)
{
    const char *offence = inert_check(out, mode == TEXT_MULTILINE);

    if (offence != NULL)
        fail_msg("the sanitized text contains %s", offence);
}

static void
test_random_input_is_inert(void **state)
{
    uint32_t seed = 20240601;
    unsigned char buf[64];

    for (int round = 0; round < 20000; round++) {
        size_t len = next_random(&seed) % sizeof buf;
        enum text_mode mode = (round & 1) ? TEXT_MULTILINE : TEXT_LINE;

        fill_hostile_bytes(buf, len, &seed);
        char *out = text_sanitize_len((const char *)buf, len, mode);
        assert_inert(out, mode);
        free(out);
    }
}

static void
test_width_counts_cells(void **state)
{
    assert_int_equal(text_width("abc"), 3);
    assert_int_equal(text_width(""), 0);
    assert_int_equal(text_width(NULL), 0);
    assert_int_equal(text_width("漢字"), 4);
    assert_int_equal(text_width("😀"), 2);
    assert_int_equal(text_width("e\xcc\x81"), 1);
    assert_int_equal(text_width("ｶﾀｶﾅ"), 4);
    assert_int_equal(text_width("Ａ"), 2);
    assert_int_equal(text_width("one\ntwo three"), 3);
    assert_int_equal(text_width("a\xff"), 2);
}

static void
test_prefix_bytes_stops_at_cells(void **state)
{
    int width = -1;

    assert_int_equal(text_prefix_bytes("漢字abc", 3, &width), 3);
    assert_int_equal(width, 2);
    assert_int_equal(text_prefix_bytes("e\xcc\x81xyz", 1, &width), 3);
    assert_int_equal(width, 1);
    assert_int_equal(text_prefix_bytes("ab\ncd", 10, &width), 2);
    assert_int_equal(width, 2);
    assert_int_equal(text_prefix_bytes("abc", 0, &width), 0);
    assert_int_equal(width, 0);
}

static void
assert_truncated(const char *input, int cells, const char *expected)
{
    char *got = text_truncate(input, cells);

    assert_string_equal(got, expected);
    assert_true(text_width(got) <= (cells > 0 ? cells : 0));
    free(got);
}

static void
test_truncate_adds_ellipsis(void **state)
{
    assert_truncated("description", 20, "description");
    assert_truncated("description", 11, "description");
    assert_truncated("description", 10, "descripti" TEXT_ELLIPSIS);
    assert_truncated("description", 1, TEXT_ELLIPSIS);
    assert_truncated("description", 0, "");
    assert_truncated("漢字漢字", 5, "漢字" TEXT_ELLIPSIS);
    assert_truncated("漢字漢字", 4, "漢" TEXT_ELLIPSIS);
    assert_truncated("cafe\xcc\x81s", 5, "cafe\xcc\x81s");
    assert_truncated("cafe\xcc\x81s!", 5, "cafe\xcc\x81" TEXT_ELLIPSIS);
    assert_truncated("first\nsecond", 20, "first" TEXT_ELLIPSIS);
}

static void
test_pad_reaches_exact_width(void **state)
{
    static const char *const samples[] = {
        "", "a", "Jane Doe", "漢字テスト", "😀😀 party", "e\xcc\x81\xcc\x81 stacked",
        "Ｆｕｌｌｗｉｄｔｈ", "mixed 漢 😀 e\xcc\x81 text that is long",
    };

    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        for (int cells = 0; cells <= 24; cells++) {
            char *left = text_pad(samples[i], cells, TEXT_ALIGN_LEFT);
            char *right = text_pad(samples[i], cells, TEXT_ALIGN_RIGHT);

            assert_int_equal(text_width(left), cells);
            assert_int_equal(text_width(right), cells);
            free(left);
            free(right);
        }
    }
}

static void
test_pad_alignment(void **state)
{
    char *left = text_pad("42", 5, TEXT_ALIGN_LEFT);
    char *right = text_pad("42", 5, TEXT_ALIGN_RIGHT);
    char *wide = text_pad("漢字漢字", 5, TEXT_ALIGN_LEFT);

    assert_string_equal(left, "42   ");
    assert_string_equal(right, "   42");
    assert_string_equal(wide, "漢字" TEXT_ELLIPSIS);
    free(left);
    free(right);
    free(wide);
}

static void
test_cell_sanitizes_and_pads(void **state)
{
    const char raw[] = "\x1b[31mAlert\x1b[0m\nnext";
    char *cell = text_cell(raw, sizeof raw - 1, 11, TEXT_ALIGN_LEFT);
    char *fits = text_cell(raw, sizeof raw - 1, 13, TEXT_ALIGN_LEFT);
    char *empty = text_cell(NULL, 0, 3, TEXT_ALIGN_LEFT);

    assert_string_equal(cell, FFFD "Alert" FFFD TEXT_NEWLINE_MARK "ne" TEXT_ELLIPSIS);
    assert_int_equal(text_width(cell), 11);
    assert_string_equal(fits, FFFD "Alert" FFFD TEXT_NEWLINE_MARK "next ");
    assert_string_equal(empty, "   ");
    free(cell);
    free(fits);
    free(empty);
}

static void
test_locale_is_utf8(void **state)
{
    assert_true(text_locale_is_utf8());
}

static void
contains_nocase_folds_every_script(void **state)
{
    assert_true(text_contains_nocase("Zoë Fernández", "ZOË"));
    assert_true(text_contains_nocase("Иван Петров", "иван"));
    assert_true(text_contains_nocase("Иван Петров", "ПЕТРОВ"));
    assert_true(text_contains_nocase("Grace Taylor", "grace"));
    assert_true(text_contains_nocase("さくら 鈴木", "鈴木"));
    assert_true(text_contains_nocase("anything", ""));
    assert_false(text_contains_nocase("Zoe", "zoë"));
    assert_false(text_contains_nocase("abc", "abcd"));
    assert_true(text_contains_nocase("bad \xff byte", "\xff"));
    assert_false(text_contains_nocase("bad \xff byte", "\xfe"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(contains_nocase_folds_every_script),
        cmocka_unit_test(test_plain_text_unchanged),
        cmocka_unit_test(test_csi_sequences_replaced),
        cmocka_unit_test(test_string_sequences_replaced),
        cmocka_unit_test(test_unterminated_string_keeps_text),
        cmocka_unit_test(test_control_characters_replaced),
        cmocka_unit_test(test_invalid_utf8_replaced),
        cmocka_unit_test(test_unprintable_and_bidi),
        cmocka_unit_test(test_line_mode_marks_newlines),
        cmocka_unit_test(test_multiline_mode_expands_tabs),
        cmocka_unit_test(test_random_input_is_inert),
        cmocka_unit_test(test_width_counts_cells),
        cmocka_unit_test(test_prefix_bytes_stops_at_cells),
        cmocka_unit_test(test_truncate_adds_ellipsis),
        cmocka_unit_test(test_pad_reaches_exact_width),
        cmocka_unit_test(test_pad_alignment),
        cmocka_unit_test(test_cell_sanitizes_and_pads),
        cmocka_unit_test(test_locale_is_utf8),
    };

    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        fail_msg("the C.UTF-8 locale is missing; install the locales package");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
