#!/bin/sh
# resize.sh: the console redraws at the new size in every state: a list,
# the detail pane, the help screen, the command line, a question, the
# events feed, and a terminal too small to use.
. "${CATS_TEST_SRCDIR:-.}/tests/tui/lib.sh"
tui_setup
sandbox_start
console_start 120 30

# header_fits COLS: whether the title bar is exactly COLS cells wide, so
# it was drawn for the current width.
header_fits() {
    width=$(screen | head -n 1 | "$BUILDDIR/tests/tui/cellcol" "│ budget" "budget")
    [ "$width" -ge 0 ] && [ "$width" -lt "$1" ]
}

check "list shows" wait_screen "of 100000"
resize 70 20
check "list redraws narrower" wait_screen "1-15 of 100000"
resize 160 45
check "list redraws wider" wait_screen "1-40 of 100000"

keys Enter
check "detail shows" wait_screen "/tasks/1000001"
resize 60 15
check "detail redraws after a resize" wait_screen "id: 1000001"
check "detail keeps its title" wait_screen "/tasks/1000001"
resize 120 30
keys Escape

keys '?'
check "help shows" wait_screen "Keys (q or Esc"
resize 50 12
check "help redraws narrower" wait_screen "Keys (q or Esc"
resize 120 30
check "help redraws wider" wait_screen "move down one row"
keys q

keys : "task 10"
resize 80 20
check "command line survives a resize" wait_screen ":task 10"
keys 0 Enter
check "the line typed before the resize runs" wait_screen "/tasks/100"
keys Escape

keys A
check "question shows" wait_screen "Load all?"
resize 100 25
check "question survives a resize" wait_screen "Load all? [y/n]"
keys n

keys 9
check "events feed shows" wait_screen "Events (live)"
resize 90 20
check "events feed redraws" wait_screen "Events (live)"

keys 8
resize 40 20
check "a narrow tab bar still names the current tab" wait_screen "8 Triggers"
keys 1 A
check "a narrow question still shows [y/n]" wait_screen "[y/n]"
keys n

resize 20 5
check "a tiny terminal says it is too small" wait_screen "too small"
keys G j j
resize 120 30
check "the console comes back at a usable size" wait_screen "1-25 of 100000"
check "keys sent while too small did nothing" screen_has "1-25 of 100000"
keys q
check "q quits" console_exited
tui_finish
