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

# mixed_widths: whether some rows on screen hold wide characters and some
# zero-width ones, so that the alignment checks below mean something.
mixed_widths() {
    widths=$(screen | sed -n '5,39p' | "$CELLCOL" --width)
    echo "$widths" | awk '$1 > $2 { wide = 1 } $1 < $2 { narrow = 1 } END { exit !(wide && narrow) }'
}

# all_set VALUE...: whether no value is empty.
all_set() {
    for value in "$@"; do
        [ -n "$value" ] || return 1
    done
}

# find_task TEXT: the id of the first task on the first 30 pages whose
# description contains TEXT (\e for ESC), from the sandbox's API.
find_task() {
    for page in $(seq 30); do
        id=$(curl -s -H "Authorization: Token $TEST_KEY" \
                 "$SANDBOX_URL/tasks?page=$page&per_page=100" \
             | "$BUILDDIR/tests/tui/findrow" description "$1")
        [ -n "$id" ] && echo "$id" && return 0
    done
    return 1
}

check "tasks load" wait_screen "1-35 of 100000"
check "the first page holds wide and zero-width characters" mixed_widths
check "columns line up across scripts and emoji" eventually aligned
resize 112 40
check "narrower columns still line up" eventually aligned
resize 140 40

# The sandbox seeds hostile text among its tasks: escape sequences that
# would colour text, set the terminal's title or clear the screen.
red=$(find_task '\e[31mURGENT')
title=$(find_task '\e]0;owned terminal title')
clear=$(find_task '\e[2J')
two_lines=$(find_task 'Line one of a two-line task')
check "the sandbox seeds hostile tasks" all_set "$red" "$title" "$clear" "$two_lines"

title_before=$("$TMUX_BIN" -L "$socket" display-message -p -t main '#{pane_title}')
keys : "task $red" Enter
check "each escape sequence shows as one visible mark" wait_screen "�URGENT� call the candidate back"
keys Escape : "task $title" Enter
check "an OSC title sequence shows as one mark" wait_screen "Renamed� contact"
title_after=$("$TMUX_BIN" -L "$socket" display-message -p -t main '#{pane_title}')
check "the terminal title did not change" [ "$title_before" = "$title_after" ]
keys Escape : "task $clear" Enter
check "a clear-screen sequence does not clear the screen" wait_screen "screen cleared?"
check "the header is still drawn" screen_has "cats-admin │"
check "no raw escape reached the terminal" sh -c \
    "! '$TMUX_BIN' -L '$socket' capture-pane -p -e -t main | grep -q '2J'"
keys Escape : "task $two_lines" Enter
check "a two-line description shows both lines" wait_screen "and its second line"
keys Escape Escape Escape q
check "the console exits cleanly" console_exited
tui_finish
