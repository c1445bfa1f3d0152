#!/bin/sh
# budget.sh: the console fetches a page ahead of the screen while the
# rate-limit budget is healthy, and stops fetching ahead when it runs low,
# loading only the pages the screen shows.
. "${CATS_TEST_SRCDIR:-.}/tests/tui/lib.sh"
tui_setup

# A healthy budget (500 an hour): one screen down, the next page comes early.
sandbox_start
console_start 120 40
check "tasks load" wait_screen "1-35 of 100000"
keys PageDown
check "rows 36-70 show" wait_screen "36-70 of 100000"
check "page 2 is fetched ahead of the screen" wait_log '^GET /v3/tasks\?page=2&' 1
console_stop
sandbox_stop

# A low budget (40 an hour, under a tenth of the default reserve of 50).
sandbox_start --rate-limit 40/3600
console_start 120 40
check "tasks load with a low budget" wait_screen "1-35 of 100000"
check "the header shows the low budget" wait_screen "/40"
keys PageDown
check "rows 36-70 show again" wait_screen "36-70 of 100000"
sleep 1
check "page 2 is not fetched ahead" at_most 0 log_count '^GET /v3/tasks\?page=2&'
keys PageDown
check "page 2 loads once the screen shows it" wait_screen "71-105 of 100000"
check "page 2 was fetched for the screen" wait_log '^GET /v3/tasks\?page=2&' 1
keys q
check "the console exits cleanly" console_exited
console_stop
sandbox_stop

# Load-all pauses before it spends the budget, and other requests go first.
sandbox_start --rate-limit 80/3600 --latency-ms 100
console_start 120 40
check "tasks load for load-all" wait_screen "1-35 of 100000"
keys 2
check "activities load" wait_screen "of 100001"
keys A
check "load-all asks first" wait_screen "Load all?"
keys y
check "load-all pauses on a low budget" wait_screen "is paused while the rate-limit budget is low"
check "the budget is not spent" at_most 40 log_count '^GET /v3/activities\?page='
keys : "user 657" Enter
check "a record still loads during the pause" wait_screen "username: jdoe"
keys Escape q
check "the console exits after load-all" console_exited
tui_finish
