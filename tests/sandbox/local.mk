# tests/sandbox/local.mk: the sandbox tests.
