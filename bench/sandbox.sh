#!/bin/sh
# sandbox.sh: measures cats-sandbox with its default data set (100,000 tasks
# and 100,000 activities): start-up time, resident memory, and the time to
# serve a 100-row page of tasks, seen by the client and by the server.
#
# Usage: bench/sandbox.sh [PATH-TO-cats-sandbox] [REQUESTS]
# Build the binary without sanitizers for meaningful figures (see
# bench/README.md).  Everything runs on 127.0.0.1 and stops by itself.
set -eu

sandbox=${1:-./cats-sandbox}
requests=${2:-1000}
work=$(mktemp -d)
pid=

cleanup() {
    if [ -n "$pid" ]; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

if nm -D "$sandbox" 2>/dev/null | grep -q __asan_init; then
    echo "warning: $sandbox is built with AddressSanitizer; figures will be slow" >&2
fi

median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f", m }'
}

percentile() {
    sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int(NR * p / 100); if (i < 1) i = 1; printf "%.3f", v[i] }'
}

rss_mb() {
    awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# Start-up: from exec to the base URL on standard output.
start=$(date +%s.%N)
"$sandbox" --key bench-key --rate-limit 1000000/3600 >"$work/out" 2>"$work/log" &
pid=$!
while [ ! -s "$work/out" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "cats-sandbox exited; its log:" >&2
        cat "$work/log" >&2
        exit 1
    fi
    sleep 0.01
done
ready=$(date +%s.%N)
url=$(head -n 1 "$work/out")
startup_ms=$(echo "$start $ready" | awk '{ printf "%.0f", ($2 - $1) * 1000 }')
rss_start=$(rss_mb "$pid")

# Pages spread over the whole data set, in a fixed pseudo-random order, all
# on one kept-alive connection.
awk -v n="$requests" -v url="$url" 'BEGIN {
    srand(7);
    for (i = 0; i < n; i++)
        printf "url = \"%s/tasks?per_page=100&page=%d\"\noutput = /dev/null\n", url, 1 + int(rand() * 1000)
}' >"$work/curl.conf"
curl -s -H 'Authorization: Token bench-key' -w '%{time_total}\n' -K "$work/curl.conf" >"$work/times"
client_median=$(awk '{ print $1 * 1000 }' "$work/times" | median)
client_p95=$(awk '{ print $1 * 1000 }' "$work/times" | percentile 95)
server_median=$(awk '$1 == "GET" && $2 ~ /^\/v3\/tasks\?per_page=100/ { sub("ms", "", $4); print $4 }' "$work/log" | median)
rss_after=$(rss_mb "$pid")

echo "cats-sandbox benchmark, $(date -u +%Y-%m-%d), $(uname -m), $(nproc) cores"
echo "data set:                 $(grep 'seeded' "$work/log" | sed 's/^cats-sandbox: //')"
echo "start-up to URL:          ${startup_ms} ms"
echo "resident memory:          ${rss_start} MB after start, ${rss_after} MB after the requests"
echo "100-row task page:        median ${client_median} ms, p95 ${client_p95} ms (client, curl, $requests requests)"
echo "                          median ${server_median} ms (server, from its request log)"
