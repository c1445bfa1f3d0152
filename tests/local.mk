# tests/local.mk: 'make check'. Unit tests (cmocka), API and sandbox tests over
# real HTTP against a cats-sandbox each test starts, and terminal tests in tmux.
# Each folder keeps its list in its own fragment so they change independently.
EXTRA_DIST += tests/tui/lib.sh

# Every test speaks TAP, so the totals count test cases, not programs.
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
AM_TESTS_ENVIRONMENT += CMOCKA_MESSAGE_OUTPUT=TAP; export CMOCKA_MESSAGE_OUTPUT;

if HAVE_CMOCKA
check_LIBRARIES = tests/libharness.a
tests_libharness_a_SOURCES = tests/harness.c tests/harness.h
tests_libharness_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests $(CURL_CFLAGS) $(JSONC_CFLAGS)

# Flags shared by every cmocka test program.
TEST_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests $(CMOCKA_CFLAGS) $(NCURSESW_CFLAGS) $(CURL_CFLAGS) $(JSONC_CFLAGS)
TEST_LIBS = tests/libharness.a $(CATS_LIBS) $(CMOCKA_LIBS) $(CURL_LIBS) $(JSONC_LIBS)

include tests/unit/local.mk
include tests/api/local.mk
include tests/sandbox/local.mk
endif
include tests/tui/local.mk
