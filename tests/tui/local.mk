# tests/tui/local.mk: terminal tests; each drives cats-admin in tmux against
# a cats-sandbox it starts and prints TAP.
TUI_TESTS = tests/tui/browse.sh tests/tui/filter.sh tests/tui/resize.sh tests/tui/text.sh \
	tests/tui/errors.sh tests/tui/events.sh

TESTS += $(TUI_TESTS)
EXTRA_DIST += $(TUI_TESTS) tests/tui/cellcol.c
TEST_EXTENSIONS = .sh
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)

# Counts terminal cells for the alignment test.
check_PROGRAMS += tests/tui/cellcol
tests_tui_cellcol_SOURCES = tests/tui/cellcol.c
