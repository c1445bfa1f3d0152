# tests/tui/local.mk: terminal tests; each drives cats-admin in tmux against
# a cats-sandbox it starts and prints TAP.
TUI_TESTS = tests/tui/browse.sh tests/tui/filter.sh tests/tui/resize.sh tests/tui/text.sh \
	tests/tui/errors.sh tests/tui/events.sh tests/tui/budget.sh \
	tests/tui/start.sh

TESTS += $(TUI_TESTS)
EXTRA_DIST += $(TUI_TESTS)
TEST_EXTENSIONS = .sh
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)

# Tools of the terminal tests: cellcol counts terminal cells, findrow finds
# seeded records in a list page.
check_PROGRAMS += tests/tui/cellcol tests/tui/findrow
tests_tui_cellcol_SOURCES = tests/tui/cellcol.c
tests_tui_findrow_SOURCES = tests/tui/findrow.c
tests_tui_findrow_CPPFLAGS = $(AM_CPPFLAGS) $(JSONC_CFLAGS)
tests_tui_findrow_LDADD = $(JSONC_LIBS)
