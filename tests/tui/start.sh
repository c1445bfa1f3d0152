#!/bin/sh
# start.sh: starting cats-admin: options, a missing or badly kept key, a
# terminal without colours, and --sandbox starting and stopping its server.
. "${CATS_TEST_SRCDIR:-.}/tests/tui/lib.sh"
tui_setup
ADMIN="$BUILDDIR/cats-admin"

# run_admin EXPECTED_STATUS TEXT [ARG...]: runs cats-admin outside tmux and
# checks its exit status and that its output contains TEXT.
run_admin() {
    expected=$1 text=$2
    shift 2
    output=$("$ADMIN" "$@" 2>&1 </dev/null)
    status=$?
    echo "# exit $status: $(echo "$output" | head -n 1)"
    [ "$status" -eq "$expected" ] && echo "$output" | grep -qF -- "$text"
}

check "--version prints the version" run_admin 0 "cats-admin 0." --version
check "--help lists the options" run_admin 0 "--sandbox" --help
check "an unknown option prints usage" run_admin 2 "Usage: cats-admin" --frobnicate
check "a key on the command line is refused" run_admin 2 "never given on the command line" secret-key
check "a missing key says how to set one" run_admin 1 "CATS_API_KEY"
check "an invalid --url is a usage error" run_admin 2 "notaurl" --url notaurl
check "--sandbox with --url is refused" run_admin 2 "cannot go with it" --sandbox --url http://127.0.0.1:9/v3
check "a missing --config file is named" run_admin 1 "does not exist" --config "$work_dir/nowhere"
CATS_API_KEY=some-key
export CATS_API_KEY
check "output that is not a terminal is refused" run_admin 1 "must be a terminal"
unset CATS_API_KEY

mkdir -p "$XDG_CONFIG_HOME/cats-admin"
config="$XDG_CONFIG_HOME/cats-admin/config"
echo "api_key = secret-in-file" >"$config"
chmod 644 "$config"
check "a key file others can read is rejected" run_admin 1 "chmod 600"
check "the rejection never shows the key" sh -c "! '$ADMIN' 2>&1 </dev/null | grep -q secret-in-file"
rm -f "$config"

echo "timeout = soon" >"$config"
check "an invalid setting names the line and value" run_admin 1 "line 1"
rm -f "$config"

# NO_COLOR: the screen uses attributes only.
sandbox_start
console_start 100 30 NO_COLOR=1
check "the console starts without colours" wait_screen "of 100000"
check "no colour escape reaches the terminal" sh -c \
    "! '$TMUX_BIN' -L '$socket' capture-pane -p -e -t main | grep -qE '\[(3[0-7]|4[0-7]|38;|48;)'"
check "the selection is still in reverse video" sh -c \
    "'$TMUX_BIN' -L '$socket' capture-pane -p -e -t main | grep -q '\[7m'"
console_stop
console_start 100 30
check "the console starts with colours" wait_screen "of 100000"
check "colours reach the terminal otherwise" sh -c \
    "'$TMUX_BIN' -L '$socket' capture-pane -p -e -t main | grep -qE '\[(3[0-7]|4[0-7]|38;|48;)'"
console_stop
sandbox_stop

# --sandbox: starts its own server, which stops when the console quits.
# With XDG_STATE_HOME unset, its log goes under a HOME with no folders yet.
mkdir "$work_dir/home"
CONSOLE_ARGS=--sandbox SANDBOX_URL= console_start 100 30 XDG_STATE_HOME= "HOME=$work_dir/home"
check "--sandbox shows the seeded tasks" wait_screen "of 100000"
check "--sandbox names the sandbox account" wait_screen "Sandbox Staffing"
log="$work_dir/home/.local/state/cats-admin/sandbox.log"
url=$(sed -n 's/^cats-sandbox: serving //p' "$log" 2>/dev/null | tail -n 1)
check "the sandbox logs under ~/.local/state" [ -n "$url" ]
keys : task
check "the command line opens" wait_screen ":task"
keys C-c
check "Ctrl-C closes the command line" wait_gone ":task"
keys 2
check "the sandbox outlives a Ctrl-C" wait_screen "of 100001"
keys C-c
check "Ctrl-C on a list quits" console_exited
check "the sandbox stopped with the console" sh -c \
    "! curl -s -o /dev/null --max-time 2 '$url/site'"
tui_finish
