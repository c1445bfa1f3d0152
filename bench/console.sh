#!/bin/bash
# console.sh: measures cats-admin's first frame, key redraws, memory after
# paging through 100,000 rows, idle CPU and the requests G makes, against
# a cats-sandbox it starts on 127.0.0.1, with the console in tmux.
#
# Usage: bench/console.sh [BUILDDIR], where BUILDDIR contains cats-admin
# and cats-sandbox (default "."), and RUNS=N in the environment sets the
# number of runs (default 3).  It builds nothing.  It prints each run's
# figures and then their medians, which bench/README.md records.

set -u

SRCDIR=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-.}" && pwd) || exit 2
RUNS=${RUNS:-3}
COLS=120
ROWS=40
IDLE_SECONDS=${IDLE_SECONDS:-30}
MAX_PAGE_KEYS=5000
KEY_MIX_COUNT=300

if ! command -v tmux >/dev/null 2>&1; then
    echo "console.sh: tmux is missing; install it (tools/install-deps)." >&2
    exit 2
fi
for program in cats-admin cats-sandbox; do
    if [ ! -x "$BUILD/$program" ]; then
        echo "console.sh: $BUILD/$program is missing; build first or pass the build directory." >&2
        exit 2
    fi
done

# The terminal tests' helpers: sandbox_start, console_start, keys, screen,
# wait_screen, and the clean-up of tmux and the sandbox on exit.
export CATS_TEST_BUILDDIR="$BUILD"
# shellcheck source-path=SCRIPTDIR source=../tests/tui/lib.sh
. "$SRCDIR/tests/tui/lib.sh"
tui_setup
WAIT_SECONDS=60

# ---- helpers ---------------------------------------------------------------

fail() {
    echo "console.sh: $*" >&2
    screen | sed 's/^/  | /' >&2
    exit 1
}

# console_pid: the cats-admin process inside the tmux pane.
console_pid() {
    local shell_pid pid

    shell_pid=$(tmux -L "$socket" display-message -p -t main '#{pane_pid}')
    for pid in $(ps -o pid= --ppid "$shell_pid"); do
        [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = cats-admin ] && echo "$pid" && return 0
    done
    return 1
}

log_lines() {
    wc -l <"$SANDBOX_LOG"
}

# wait_log_quiet: waits until the sandbox has logged no request for 1 s,
# and fails after WAIT_SECONDS.
wait_log_quiet() {
    local before after waited=0

    after=$(log_lines)
    while [ "$waited" -lt "$WAIT_SECONDS" ]; do
        before=$after
        sleep 1
        waited=$((waited + 1))
        after=$(log_lines)
        [ "$before" = "$after" ] && return 0
    done
    fail "the sandbox kept logging requests for $WAIT_SECONDS s"
}

# cpu_ticks PID: utime + stime of every thread, in clock ticks.
cpu_ticks() {
    sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

# context_switches PID: voluntary and involuntary switches of every thread.
context_switches() {
    cat /proc/"$1"/task/*/status | awk '/ctxt_switches/ { n += $2 } END { print n }'
}

# ui_cpu_ns PID: CPU time of the main thread, which alone calls curses, in ns.
ui_cpu_ns() {
    cut -d ' ' -f 1 "/proc/$1/task/$1/schedstat"
}

# status_kb PID FIELD: a VmRSS-style field of /proc/PID/status, in kB.
status_kb() {
    awk -v field="$2:" '$1 == field { print $2 }' "/proc/$1/status"
}

# quit_console: presses q and waits for the console to exit.
quit_console() {
    keys q
    wait_screen "[exited" || fail "cats-admin did not exit on q"
    console_stop
}

# profile_field FILE KEY: the number after KEY in a CATS_ADMIN_PROFILE file.
profile_field() {
    awk -v key="$2" '{ for (i = 1; i < NF; i++) if ($i == key) print $(i + 1) }' "$1" | tail -n 1
}

# ---- the measurements ------------------------------------------------------

# Session A: first frame, idle CPU, the requests G makes, then key redraws.
measure_session_a() {
    local profile="$work_dir/profile-a.$1" pid before switches lines

    console_start "$COLS" "$ROWS" "CATS_ADMIN_PROFILE='$profile'"
    wait_screen "1-35 of 100000" || fail "the task list did not load"
    wait_log_quiet
    pid=$(console_pid) || fail "no cats-admin process in the tmux pane"

    before=$(cpu_ticks "$pid")
    switches=$(context_switches "$pid")
    sleep "$IDLE_SECONDS"
    echo "idle_cpu_ticks $(( $(cpu_ticks "$pid") - before ))"
    echo "idle_context_switches $(( $(context_switches "$pid") - switches ))"

    lines=$(log_lines)
    keys G
    wait_screen "99966-100000 of 100000" || fail "G did not reach the last row"
    wait_gone "loading…" || fail "the last page did not load"
    wait_log_quiet
    echo "g_requests $(( $(log_lines) - lines ))"

    before=$(ui_cpu_ns "$pid")
    send_key_mix
    echo "ui_cpu_us_per_key $(( ($(ui_cpu_ns "$pid") - before) / (KEY_MIX_COUNT * 1000) ))"
    quit_console
    echo "first_frame_ms $(profile_field "$profile" first_frame_ms)"
    echo "key_median_us $(profile_field "$profile" median)"
    echo "key_p90_us $(profile_field "$profile" p90)"
    echo "key_max_us $(profile_field "$profile" max)"
    echo "keys_timed $(profile_field "$profile" keys)"
}

# send_key_mix: KEY_MIX_COUNT (300) keys, one tmux call each so that most
# get a frame of their own: j/k moves, page moves, and a G and g every 100
# keys.
send_key_mix() {
    local pattern=(j j j j k k PageDown PageDown PageUp j) key

    for _ in 1 2 3; do
        keys g
        for _ in $(seq 9); do
            for key in "${pattern[@]}"; do
                keys "$key"
            done
        done
        keys G
        for key in "${pattern[@]:0:8}"; do
            keys "$key"
        done
    done
}

# page_through KEY POSITION: presses KEY, one tmux call per key, until the
# status line shows POSITION and its rows have loaded.  Sets page_keys to
# the number of keys sent.
page_through() {
    page_keys=0
    while [ "$page_keys" -lt "$MAX_PAGE_KEYS" ]; do
        keys "$1"
        page_keys=$((page_keys + 1))
        [ $((page_keys % 100)) -eq 0 ] && screen | grep -qF -- "$2" && break
    done

    wait_screen "$2" || fail "$1 did not reach $2"
    wait_gone "loading…" || fail "the rows at $2 did not load"
    wait_log_quiet
}

# Session B: page down one screen at a time from the first row to the
# last and read resident memory, then page back up to the first row and
# read it again.
measure_session_b() {
    local pid lines

    lines=$(log_lines)
    console_start "$COLS" "$ROWS"
    wait_screen "1-35 of 100000" || fail "the task list did not load"
    wait_log_quiet
    pid=$(console_pid) || fail "no cats-admin process in the tmux pane"
    echo "rss_kb_first_page $(status_kb "$pid" VmRSS)"

    page_through PageDown "99966-100000 of 100000"
    echo "page_downs $page_keys"
    echo "task_pages_fetched $(tail -n +"$((lines + 1))" "$SANDBOX_LOG" \
        | grep -oE '^GET /v3/tasks\?page=[0-9]+' | sort -u | wc -l)"
    echo "rss_kb $(status_kb "$pid" VmRSS)"
    echo "hwm_kb $(status_kb "$pid" VmHWM)"

    page_through PageUp "1-35 of 100000"
    echo "rss_kb_round_trip $(status_kb "$pid" VmRSS)"
    quit_console
}

# Session C: the first frame when every response takes 500 ms.  The
# header says "connecting" until GET /site returns, so seeing it shows the
# frame was drawn before any response.
measure_session_c() {
    local profile="$work_dir/profile-c.$1" connecting=no

    console_start "$COLS" "$ROWS" "CATS_ADMIN_PROFILE='$profile'"
    wait_screen "◌ connecting" && connecting=yes
    wait_screen "1-35 of 100000" || fail "the task list did not load at 500 ms latency"
    quit_console
    echo "first_frame_ms_latency500 $(profile_field "$profile" first_frame_ms)"
    echo "connecting_shown_latency500 $connecting"
}

# start_overhead_ms: the median wall time of 21 runs of "cats-admin
# --version", an upper bound on the exec and dynamic linking that come
# before main() and so before the profile's clock starts.
start_overhead_ms() {
    local start end

    for _ in $(seq 21); do
        start=$(date +%s%N)
        "$BUILD/cats-admin" --version >/dev/null
        end=$(date +%s%N)
        echo $(( (end - start) / 1000 ))
    done | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f\n", v[int((NR + 1) / 2)] / 1000 }'
}

run_once() {
    echo "start_overhead_ms $(start_overhead_ms)"

    sandbox_start --rate-limit 100000/3600
    measure_session_a "$1"
    measure_session_b
    sandbox_stop

    sandbox_start --rate-limit 100000/3600 --latency-ms 500
    measure_session_c "$1"
    sandbox_stop
}

# ---- main ------------------------------------------------------------------

echo "# cats-admin console benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "# nproc $(nproc), $(grep -m 1 '^model name' /proc/cpuinfo | sed 's/^[^:]*: //')"
echo "# build $BUILD, terminal ${COLS}x${ROWS} in tmux $(tmux -V | cut -d ' ' -f 2)"
echo "# load average before the runs: $(cut -d ' ' -f 1-3 /proc/loadavg)"

results="$work_dir/results"
for run in $(seq "$RUNS"); do
    echo "# run $run of $RUNS" >&2
    run_once "$run" >"$results.$run"
    sed "s/^/run $run: /" "$results.$run"
done

# Medians of the numeric figures over the runs (the middle value, or the
# lower middle one for an even count).
echo "# medians over $RUNS runs"
cat "$results".* | awk '$2 ~ /^[0-9.]+$/ { print $1, $2 }' | sort -k1,1 -k2,2n \
    | awk '{ values[$1] = values[$1] " " $2; count[$1]++ }
           END { for (k in values) { split(values[k], v, " "); print k, v[int((count[k] + 1) / 2)] } }' \
    | sort
