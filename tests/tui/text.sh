#!/bin/sh
# text.sh: rows of CJK, Arabic, Devanagari, emoji and combining marks line
# up in their columns, and server text holding escape sequences and control
# characters is shown inert.
. "${CATS_TEST_SRCDIR:-.}/tests/tui/lib.sh"
tui_setup
sandbox_start
console_start 140 40

CELLCOL="$BUILDDIR/tests/tui/cellcol"

# column_starts: the cell where the last column (About) starts on the
# header and on each row shown, one per line.
column_starts() {
    screen | sed -n '4,39p' | grep -v '^ *$' \
        | "$CELLCOL" About "candidate " "contact " "company " "job " general
}

# aligned: whether every row's About cell starts where the header's does.
aligned() {
    starts=$(column_starts)
    echo "# About starts at cells (count cell): $(echo "$starts" | sort | uniq -c | tr -s ' \n' ' ')"
    [ "$(echo "$starts" | sort -u | wc -l)" -eq 1 ] && [ "$(echo "$starts" | wc -l)" -gt 30 ]
}

check "tasks load" wait_screen "1-35 of 100000"
check "the first page holds wide and combining text" \
    sh -c "'$TMUX_BIN' -L '$socket' capture-pane -p -t main | grep -q 'さくら' \
           && '$TMUX_BIN' -L '$socket' capture-pane -p -t main | grep -q '🚀' \
           && '$TMUX_BIN' -L '$socket' capture-pane -p -t main | grep -q 'साक्षात्कार'"
check "columns line up across scripts and emoji" aligned
resize 97 40
check "narrower columns still line up" aligned
resize 140 40

# The sandbox seeds hostile text: task 1000247 starts with ESC [31m, task
# 1000457 with ESC [2J (clear screen), task 1000634 holds an OSC that
# would set the terminal's title.
title_before=$("$TMUX_BIN" -L "$socket" display-message -p -t main '#{pane_title}')
keys : "task 1000247" Enter
check "each escape sequence shows as one visible mark" wait_screen "�URGENT� call the candidate back"
keys Escape : "task 1000634" Enter
check "an OSC title sequence shows as one mark" wait_screen "Renamed� contact"
title_after=$("$TMUX_BIN" -L "$socket" display-message -p -t main '#{pane_title}')
check "the terminal title did not change" [ "$title_before" = "$title_after" ]
keys Escape : "task 1000457" Enter
check "a clear-screen sequence does not clear the screen" wait_screen "screen cleared?"
check "the header is still drawn" screen_has "cats-admin │"
check "no raw escape reached the terminal" sh -c \
    "! '$TMUX_BIN' -L '$socket' capture-pane -p -e -t main | grep -q '2J'"
keys Escape : "task 1000056" Enter
check "a two-line description shows both lines" wait_screen "and its second line"
tui_finish
