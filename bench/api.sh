#!/bin/sh
# api.sh: benchmarks the API client: starts a cats-sandbox on 127.0.0.1,
# builds and runs bench/api_bench against it, and stops the sandbox.
# Run from a configured build tree: bench/api.sh
set -eu
cd "$(dirname "$0")/.."

make -s cats-sandbox bench/api_bench

key=bench-key-0123456789
out=$(mktemp)
log=$(mktemp)
./cats-sandbox --port 0 --key "$key" --seed 1 --rate-limit 100000/3600 >"$out" 2>"$log" &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -f "$out" "$log"' EXIT

# The sandbox prints its base URL as the first line once it listens.
url=
for _ in $(seq 100); do
    url=$(head -n 1 "$out")
    [ -n "$url" ] && break
    sleep 0.1
done
if [ -z "$url" ]; then
    echo "api.sh: cats-sandbox printed no URL; its log:" >&2
    cat "$log" >&2
    exit 1
fi

echo "machine: $(uname -m), $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "build: CFLAGS=$(sed -n "s/^CFLAGS = //p" Makefile) SAN_CFLAGS=$(sed -n "s/^SAN_CFLAGS = //p" Makefile)"
bench/api_bench "$url" "$key"
