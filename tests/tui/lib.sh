# lib.sh: shell helpers for the terminal tests, which drive cats-admin in
# tmux against a cats-sandbox they start, read the screen, and print TAP.
#
# A test sources this file, calls tui_setup, then uses sandbox_start,
# console_start, keys, wait_screen and check; tui_finish prints the plan and
# exits with the right status.  Every server is on 127.0.0.1, every tmux
# server on its own socket, and everything is stopped on exit.

set -u

BUILDDIR=${CATS_TEST_BUILDDIR:-$(pwd)}
TMUX_BIN=${TMUX_BIN:-tmux}
TEST_KEY=tui-test-key-42
WAIT_SECONDS=${WAIT_SECONDS:-10}

test_count=0
failed_count=0
sandbox_pid=
work_dir=

tui_setup() {
    if ! command -v "$TMUX_BIN" >/dev/null 2>&1 || [ ! -x "$BUILDDIR/cats-admin" ]; then
        echo "1..0 # SKIP tmux or cats-admin is missing"
        exit 0
    fi
    work_dir=$(mktemp -d /tmp/cats-tui.XXXXXX)
    socket="cats-tui-$$"
    export XDG_CONFIG_HOME="$work_dir/config" XDG_STATE_HOME="$work_dir/state"
    export TERM=${TERM:-xterm-256color}
    [ "$TERM" = dumb ] && export TERM=xterm-256color
    unset CATS_API_KEY CATS_API_URL TMUX NO_COLOR
    trap tui_cleanup EXIT
}

tui_cleanup() {
    "$TMUX_BIN" -L "$socket" kill-server 2>/dev/null
    [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null
    [ -n "$work_dir" ] && [ -z "${CATS_TEST_KEEP_LOG:-}" ] && rm -rf "$work_dir"
}

# sandbox_start [FLAG...]: starts cats-sandbox on loopback with seed 1, on
# SANDBOX_PORT (default: a free port) accepting SANDBOX_KEY (default
# TEST_KEY); sets SANDBOX_URL and SANDBOX_LOG (its request log, emptied
# at each start).
sandbox_start() {
    SANDBOX_LOG="$work_dir/sandbox.log"
    : >"$work_dir/sandbox.out"
    "$BUILDDIR/cats-sandbox" --port "${SANDBOX_PORT:-0}" --key "${SANDBOX_KEY:-$TEST_KEY}" \
        --seed 1 "$@" >"$work_dir/sandbox.out" 2>"$SANDBOX_LOG" &
    sandbox_pid=$!
    for _ in $(seq 100); do
        SANDBOX_URL=$(head -n 1 "$work_dir/sandbox.out" 2>/dev/null)
        case "$SANDBOX_URL" in http://127.0.0.1:*/v3) return 0 ;; esac
        sleep 0.1
    done
    echo "Bail out! cats-sandbox printed no URL; log: $(cat "$SANDBOX_LOG")"
    exit 1
}

# sandbox_stop: stops the sandbox, e.g. to test an unreachable server.
sandbox_stop() {
    kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null
    sandbox_pid=
}

# sandbox_control PATH JSON: PUTs JSON to the sandbox's control endpoint.
sandbox_control() {
    curl -s -o /dev/null -X PUT -H 'Content-Type: application/json' \
        --data "$2" "${SANDBOX_URL%/v3}$1"
}

# sandbox_port: the port of the running sandbox.
sandbox_port() {
    port=${SANDBOX_URL#http://127.0.0.1:}
    echo "${port%/v3}"
}

# log_count PATTERN: counts request-log lines matching the extended regex.
log_count() {
    grep -cE "$1" "$SANDBOX_LOG"
}

# console_start COLS ROWS [VAR=VALUE...]: runs cats-admin in a detached
# tmux session of that size, with the sandbox's URL and key (CONSOLE_KEY,
# default TEST_KEY) in its environment, plus the given variables.
console_start() {
    cols=$1 rows=$2
    shift 2
    console_stop    # a session left from an earlier start would keep the name
    "$TMUX_BIN" -L "$socket" -f /dev/null new-session -d -s main -x "$cols" -y "$rows" \
        "env CATS_API_KEY='${CONSOLE_KEY:-$TEST_KEY}' CATS_API_URL='${SANDBOX_URL:-}' $* \
         '$BUILDDIR/cats-admin' ${CONSOLE_ARGS:-}; echo \"[exited \$?]\"; sleep 600"
    "$TMUX_BIN" -L "$socket" set-option -t main status off >/dev/null
}

# console_stop: ends the tmux session.
console_stop() {
    "$TMUX_BIN" -L "$socket" kill-session -t main 2>/dev/null
}

# keys KEY...: sends tmux key names or literal strings to the console.
keys() {
    "$TMUX_BIN" -L "$socket" send-keys -t main "$@"
}

# type_text TEXT: sends TEXT literally.
type_text() {
    "$TMUX_BIN" -L "$socket" send-keys -t main -l "$1"
}

# resize COLS ROWS: resizes the console's window.
resize() {
    "$TMUX_BIN" -L "$socket" resize-window -t main -x "$1" -y "$2"
}

# screen: prints the console's screen as text.
screen() {
    "$TMUX_BIN" -L "$socket" capture-pane -p -t main
}

# wait_screen TEXT: waits until TEXT (a fixed string) is on screen.
wait_screen() {
    deadline=$(( $(date +%s) + WAIT_SECONDS ))
    while [ "$(date +%s)" -le "$deadline" ]; do
        screen | grep -qF -- "$1" && return 0
        sleep 0.05
    done
    return 1
}

# wait_gone TEXT: waits until TEXT is no longer on screen.
wait_gone() {
    deadline=$(( $(date +%s) + WAIT_SECONDS ))
    while [ "$(date +%s)" -le "$deadline" ]; do
        screen | grep -qF -- "$1" || return 0
        sleep 0.05
    done
    return 1
}

# check NAME COMMAND...: runs COMMAND and prints a TAP line for it; on
# failure the screen is printed as a TAP comment.
check() {
    name=$1
    shift
    test_count=$((test_count + 1))
    if "$@"; then
        echo "ok $test_count - $name"
    else
        failed_count=$((failed_count + 1))
        echo "not ok $test_count - $name"
        screen | sed 's/^/# | /'
    fi
}

# tui_finish: prints the TAP plan and exits 0 or 1.
tui_finish() {
    echo "1..$test_count"
    [ "$failed_count" -eq 0 ]
    exit $?
}

# screen_has TEXT: whether TEXT is on screen now.
screen_has() {
    screen | grep -qF -- "$1"
}

# wait_log REGEX COUNT: waits until the request log has COUNT lines
# matching REGEX.
wait_log() {
    deadline=$(( $(date +%s) + WAIT_SECONDS ))
    while [ "$(date +%s)" -le "$deadline" ]; do
        [ "$(log_count "$1")" -ge "$2" ] && return 0
        sleep 0.05
    done
    return 1
}

# eventually COMMAND...: runs COMMAND until it succeeds or WAIT_SECONDS
# pass, for checks of a screen that is still being redrawn (after a resize).
eventually() {
    deadline=$(( $(date +%s) + WAIT_SECONDS ))
    while ! "$@" >/dev/null 2>&1; do
        [ "$(date +%s)" -gt "$deadline" ] && { "$@"; return 1; }
        sleep 0.1
    done
    "$@"
}

# at_most N COMMAND...: whether COMMAND prints a number no greater than N.
at_most() {
    limit=$1
    shift
    value=$("$@")
    echo "# $* = $value (at most $limit)"
    [ "$value" -le "$limit" ]
}

# console_exited: whether the console has ended with status 0.
console_exited() {
    wait_screen "[exited 0]"
}
