# tests/tui/local.mk: the tui tests.
