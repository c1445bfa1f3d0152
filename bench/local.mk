# bench/local.mk: benchmark scripts; run by hand, never by 'make check'.
EXTRA_DIST += bench/README.md
EXTRA_DIST += bench/console.sh
