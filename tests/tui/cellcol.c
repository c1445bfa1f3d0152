/* cellcol.c: a test tool that prints, for each line of standard input, the
 * terminal cell column (from 0) where the last occurrence of any of the
 * texts given as arguments starts, or -1 when none occurs.  The terminal
 * tests use it to check that columns line up when rows hold CJK, emoji
 * and combining marks, counting cells with wcwidth() as a terminal does.
 * With --width it prints each line's cells and characters instead. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Cells taken by the first len bytes of s. */
static int
cells(const char *s, size_t len)
{
    mbstate_t state;
    int total = 0;

    memset(&state, 0, sizeof state);
    while (len > 0) {
        wchar_t wc;
        size_t n = mbrtowc(&wc, s, len, &state);
        if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
            memset(&state, 0, sizeof state);
            n = 1;
            wc = L'?';
        }
        int w = wcwidth(wc);
        total += w > 0 ? w : 0;
        s += n;
        len -= n;
    }
    return total;
}

static long
last_start(const char *line, int count, char **texts)
{
    const char *best = NULL;

    for (int i = 0; i < count; i++)
        for (const char *p = strstr(line, texts[i]); p; p = strstr(p + 1, texts[i]))
            if (best == NULL || p > best)
                best = p;
    return best ? cells(line, (size_t)(best - line)) : -1;
}

int
main(int argc, char **argv)
{
    char line[8192];

    if (argc < 2) {
        fprintf(stderr, "usage: cellcol TEXT... | cellcol --width\n");
        return 2;
    }
    if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
        fprintf(stderr, "cellcol: the C.UTF-8 locale is missing\n");
        return 1;
    }
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        if (strcmp(argv[1], "--width") == 0)
            printf("%d %zu\n", cells(line, strlen(line)), mbstowcs(NULL, line, 0));
        else
            printf("%ld\n", last_start(line, argc - 1, argv + 1));
    }
    return 0;
}
