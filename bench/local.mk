# bench/local.mk: benchmark scripts; run by hand, never by 'make check'.
EXTRA_DIST += bench/README.md bench/sandbox.sh
