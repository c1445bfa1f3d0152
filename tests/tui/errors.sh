#!/bin/sh
# errors.sh: a rejected key, an unreachable server, a 429 and a 500 each
# show their message in the console, which keeps running and recovers with
# R (or, for the 429, by itself once Retry-After has passed).
. "${CATS_TEST_SRCDIR:-.}/tests/tui/lib.sh"
tui_setup

# A rejected key: the console opens anyway, shows why, and R retries once
# the server accepts the key.
sandbox_start
CONSOLE_KEY=not-the-right-key console_start 120 30
check "401 shows the rejected key" wait_screen "CATS rejected the API key"
check "401 rows say the page failed" wait_screen "Failed:"
check "the failure shows once, not on every row" at_most 1 sh -c "'$TMUX_BIN' -L '$socket' capture-pane -p -t main | grep -c 'Failed:'"
check "401 says the key was rejected in the header" wait_screen "✗ key rejected"
port=$(sandbox_port)
sandbox_stop
SANDBOX_PORT=$port SANDBOX_KEY=not-the-right-key sandbox_start
keys R
check "R after a fixed key loads the rows" wait_screen "1-25 of 100000"
check "the header is connected again" wait_screen "● connected"
console_stop
sandbox_stop

# An unreachable server: nothing listens on the port until later.
SANDBOX_PORT=$port sandbox_start
sandbox_stop
console_start 120 30
check "an unreachable server is named" wait_screen "offline"
check "its rows say the page failed" wait_screen "Failed:"
SANDBOX_PORT=$port sandbox_start
keys R
check "R after the server starts loads the rows" wait_screen "1-25 of 100000"
console_stop
sandbox_stop

# Rate limited: the next three requests get 429 with Retry-After 2.
sandbox_start
console_start 120 30
check "tasks load before the 429s" wait_screen "1-25 of 100000"
sandbox_control /_sandbox/faults '{"throttle_burst": 3, "throttle_retry_after": 2}'
keys 2
check "a 429 shows a countdown" wait_screen "these rows load in"
check "the page loads once Retry-After passes" wait_screen "1-25 of 1000"
check "no blind retries during the wait" at_most 5 log_count ' 429 '

# A server error with an HTML page is summarised, and R retries.
sandbox_control /_sandbox/faults '{"error_rate": 1.0}'
keys 3
check "a 500 is summarised in one line" wait_screen "Failed:"
check "the HTML page is not dumped" sh -c "! '$TMUX_BIN' -L '$socket' capture-pane -p -t main | grep -q '<html'"
sandbox_control /_sandbox/faults '{"error_rate": 0}'
keys R
check "R after the error loads the users" wait_screen "jdoe"
keys q
check "the console exits cleanly" console_exited
tui_finish
