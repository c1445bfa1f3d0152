#!/bin/sh
# events.sh: the Events view is a live feed: it shows the last day's events,
# polls at the configured interval, appends events that happen meanwhile,
# and polls only while it is on screen.
. "${CATS_TEST_SRCDIR:-.}/tests/tui/lib.sh"
tui_setup
sandbox_start
mkdir -p "$XDG_CONFIG_HOME/cats-admin"
echo "events_interval = 5" >"$XDG_CONFIG_HOME/cats-admin/config"
console_start 120 30

# update_task ID: completes a task through the API, which adds an event.
update_task() {
    curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Token $TEST_KEY" \
        -H 'Content-Type: application/json' --data '{"is_completed": true}' \
        "$SANDBOX_URL/tasks/$1"
}

# update_activity ID: changes an activity's notes through the API.
update_activity() {
    curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Token $TEST_KEY" \
        -H 'Content-Type: application/json' --data '{"type": "email", "notes": "Called back"}' \
        "$SANDBOX_URL/activities/$1"
}

check "tasks load" wait_screen "of 100000"
check "no events are polled before the view opens" at_most 0 log_count '^GET /v3/events'
keys 9
check "the feed shows the last day's events" wait_screen "candidate.created"
check "the feed says when it checks next" wait_screen "next check in"
check "the sandbox accepts a task update" [ "$(update_task 1000003)" = 204 ]
check "the new event appears without a key" wait_screen "task 1000003"
keys 1
polls=$(log_count '^GET /v3/events')
sleep 5
check "the feed does not poll while hidden" at_most "$polls" log_count '^GET /v3/events'
keys 9
update_task 1000004 >/dev/null
keys R
check "R checks at once" wait_screen "task 1000004"
keys / 1000004 Enter
check "/ filters the events" wait_screen "1-1 of 1 matches"
keys Enter
check "Enter opens an event" wait_screen "event: task.updated"
keys j j j j Enter
check "Enter on its record opens the task" wait_screen "/tasks/1000004"
check "the task shows as completed" wait_screen "is_completed: true"
keys Escape Escape Escape
update_activity 123456789 >/dev/null
keys R
check "an activity's update appears" wait_screen "activity 123456789"
keys / "activity 123456789" Enter Enter j j j j Enter
check "an activity event opens the activity" wait_screen "/activities/123456789"
check "the activity loads" wait_screen "regarding_id: 123456789"
keys Escape Escape Escape q
check "the console exits cleanly" console_exited
tui_finish
