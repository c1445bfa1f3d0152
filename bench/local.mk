# bench/local.mk: benchmark scripts; run by hand, never by 'make check'.
EXTRA_DIST += bench/README.md bench/api.sh bench/sandbox.sh bench/console.sh

# Built only on request ('make bench/api_bench'), by bench/api.sh.
EXTRA_PROGRAMS = bench/api_bench
bench_api_bench_SOURCES = bench/api_bench.c
bench_api_bench_CPPFLAGS = $(AM_CPPFLAGS) $(CURL_CFLAGS) $(JSONC_CFLAGS)
bench_api_bench_LDADD = $(CATS_LIBS)
CLEANFILES += bench/api_bench

# Built only on request ('make bench/model_bench'), by bench/model.sh.
EXTRA_DIST += bench/model.sh
EXTRA_PROGRAMS += bench/model_bench
bench_model_bench_SOURCES = bench/model_bench.c
bench_model_bench_CPPFLAGS = $(AM_CPPFLAGS) $(JSONC_CFLAGS)
bench_model_bench_LDADD = $(CATS_LIBS)
CLEANFILES += bench/model_bench
