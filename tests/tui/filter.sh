#!/bin/sh
# filter.sh: '/' filters the loaded rows as you type, n and N jump between
# matches, :load-all makes a list whole (asking first when it is costly),
# s sorts a whole list, and the help screen lists the keys.
. "${CATS_TEST_SRCDIR:-.}/tests/tui/lib.sh"
# rows_all_match TEXT: whether the list shows rows and each contains TEXT.
rows_all_match() {
    rows=$(screen | sed -n '5,39p' | grep -v '^ *$')
    [ -n "$rows" ] && ! printf '%s\n' "$rows" | grep -viqF -- "$1"
}

tui_setup
sandbox_start
console_start 140 40

check "tasks load" wait_screen "1-35 of 100000"
keys / visa
check "typing filters the loaded rows" wait_screen "matches in loaded rows"
check "only matching rows are shown" rows_all_match visa
keys Enter
check "Enter keeps the filter" wait_screen "match 'visa'"
keys Escape
check "Esc clears the filter" wait_screen "1-35 of 100000"
keys n
check "n finds the next match" wait_screen "Check visa status"
keys / ЁЛКА
check "an upper-case Cyrillic filter applies" wait_screen "matches in loaded rows"
check "the filter ignores case beyond ASCII" rows_all_match Ёлка
keys Escape
keys / 'no such text anywhere' Enter
check "a filter without matches says so" wait_screen "No loaded row matches"
keys Escape

keys A
check "load-all asks when it costs over a tenth of the budget" \
    wait_screen "needs 999 requests"
keys n
check "answering n cancels" wait_screen "Cancelled."
check "nothing was loaded" at_most 1 log_count '^GET /v3/tasks\?page='

keys s
check "s on a partial list explains load-all" wait_screen ":load-all loads it"

keys 3
check "users load" wait_screen "jdoe"
keys A
check "a one-page list is whole at once" wait_screen "already whole"
keys Right Right
check "Right selects a column" wait_screen "Column Name selected"
keys s
check "s sorts by the column" wait_screen "Sorted by Name, ascending"
keys s
check "s again reverses" wait_screen "Sorted by Name, descending"
keys / jdoe
check "filter covers a whole list" wait_screen "1-1 of 1 matches"
keys Escape Escape

keys '?'
check "? opens the help" wait_screen "Keys (q or Esc closes this help)"
check "help lists paging keys" wait_screen "PgDn, Ctrl-F"
check "help lists tab keys" wait_screen "1-9"
keys G
check "help scrolls to the commands" wait_screen ":work-history ID"
keys q
check "q closes the help" wait_gone "Keys (q or Esc"
keys 4 '?'
check "help lists the tab's own keys" wait_screen "Keys on this tab"
keys Escape

keys : ta Tab
check "Tab lists several completions" wait_screen "tab  task"
keys C-u wor Tab
check "Tab completes a unique name" wait_screen ":work-history"
keys abc Enter
check "a bad id keeps the line and says why" wait_screen "'abc' is not one"
check "the typed line is kept" wait_screen ":work-history abc"
keys C-u "tab po" Tab
check "Tab completes a tab name" wait_screen ":tab portals"
keys C-u "tab ta" Enter
check "an ambiguous tab name says so" wait_screen "starts more than one tab"
keys C-u Tab
check "Tab on an empty line counts the commands" wait_screen "matches, type more"
keys C-u frobnicate Enter
check "an unknown command is named" wait_screen "Unknown command 'frobnicate'"
keys Escape
check "Esc closes the command line" wait_gone "frobnicate"
keys Escape Escape Escape q
check "the console exits cleanly" console_exited
tui_finish
