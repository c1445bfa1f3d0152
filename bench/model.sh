#!/bin/sh
# model.sh: benchmarks the model and the text cells the UI draws per
# keystroke, the requests to reach the last row, and resident memory while
# scrolling 100,000 rows.  Run from a configured build tree: bench/model.sh
# (configure without --enable-sanitizers for figures worth recording).
set -eu
cd "$(dirname "$0")/.."

make -s bench/model_bench

echo "machine: $(uname -m), $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "build: CFLAGS=$(sed -n "s/^CFLAGS = //p" Makefile) SAN_CFLAGS=$(sed -n "s/^SAN_CFLAGS = //p" Makefile)"
bench/model_bench
