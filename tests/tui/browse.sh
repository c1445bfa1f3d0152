#!/bin/sh
# browse.sh: every tab shows its rows, G reaches the last of 100,000 rows
# in at most two requests, the detail pane follows references, and the
# ':' commands work, all in a real terminal against cats-sandbox.
. "${CATS_TEST_SRCDIR:-.}/tests/tui/lib.sh"
tui_setup
sandbox_start
console_start 140 40

check "header names the account" wait_screen "Sandbox Staffing"
check "tasks tab counts 100000 rows" wait_screen "1-35 of 100000"
check "header shows the rate-limit budget" wait_screen "budget 49"
check "tasks show assignee names" wait_screen "Mateus Kowalczyk"

keys 2
check "activities tab shows rows" wait_screen "call_lvm"
keys 3
check "users tab shows the documented user" wait_screen "jdoe"
keys 4
check "portals tab shows portals" wait_screen "Main Careers Site"
keys 5
check "backups tab shows status and size" wait_screen "completed"
keys 6
check "webhooks view shows targets" wait_screen "hooks.example.com"
keys 7
check "tags view shows tags" wait_screen "Skills"
keys 8
check "triggers view shows triggers" wait_screen "Send interview confirmation"
keys 9
check "events view is a live feed" wait_screen "Events (live)"
keys Tab
check "Tab wraps to the first tab" wait_screen "1-35 of 100000"
keys BTab
check "Shift-Tab goes back to events" wait_screen "Events (live)"

keys 1 G
check "G shows the last rows" wait_screen "99966-100000 of 100000"
keys PageDown C-d
check "paging past the end keeps the screen full" wait_screen "99966-100000 of 100000"
check "G costs at most two task-page requests" \
    at_most 2 log_count '^GET /v3/tasks\?page='
keys g
check "g returns to the first row" wait_screen "1-35 of 100000"
keys C-d C-d C-d
check "Ctrl-D moves half a screen" wait_screen "52-86 of 100000"
keys C-u C-u C-u C-u
check "Ctrl-U moves back up" wait_screen "1-35 of 100000"
keys PageDown
check "PgDn scrolls a whole screen" wait_screen "36-70 of 100000"
keys PageUp
check "PgUp scrolls back" wait_screen "1-35 of 100000"
keys g

keys Enter
check "Enter opens the task's detail" wait_screen "/tasks/1000001"
check "detail names the assignee" wait_screen "assigned_to_id: 1034 (Mateus Kowalczyk) →"
check "detail shows links" wait_screen "_links:"
keys j j j Enter
check "Enter on the assignee opens the user" wait_screen "username: mateus34"
keys Escape Escape
check "Esc goes back to the list" wait_screen "1-35 of 100000"

keys : "candidate 123456789" Enter
check ":candidate opens a candidate" wait_screen "first_name: Candidate Name"
keys g Enter
check "work history opens as a list" wait_screen "Ingénieur logiciel confirmé"
keys q q
check "q goes back through the screens" wait_screen "1-35 of 100000"

keys : "task 1000002" Enter
check ":task opens a task" wait_screen "/tasks/1000002"
keys Escape
keys : "work-history 2237" Enter
check ":work-history opens an item" wait_screen "Senior Software Engineer"
keys Escape
keys : "backup 701" Enter
check ":backup opens a backup" wait_screen "file_size:"
keys Escape
keys : "user 657" Enter
check ":user opens a user" wait_screen "username: jdoe"
keys Escape
keys : "attachment 1" Enter
check ":attachment shows a missing record's error" wait_screen "404"
keys Escape
keys : "tab portals" Enter
check ":tab switches tabs" wait_screen "Main Careers Site"
keys Enter
check "Enter on a portal lists its jobs" wait_screen "Main Careers Site › Jobs"
keys Escape r
check "r shows the registration application" wait_screen "General application"
keys Escape

keys : "activity 123456789" Enter
check ":activity opens the documented activity" wait_screen "Added candidate to pipeline"
keys Escape
keys : "refresh" Enter
check ":refresh reloads" wait_screen "Main Careers Site"
keys : "quit" Enter
check ":quit exits with status 0" console_exited
tui_finish
