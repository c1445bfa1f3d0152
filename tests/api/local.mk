# tests/api/local.mk: the api tests.
