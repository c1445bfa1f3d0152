# tests/unit/local.mk: the unit tests.
