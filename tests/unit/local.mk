# tests/unit/local.mk: the unit tests.
check_PROGRAMS += tests/unit/api_parse_test tests/unit/api_error_test
TESTS += tests/unit/api_parse_test tests/unit/api_error_test

tests_unit_api_parse_test_SOURCES = tests/unit/api_parse_test.c
tests_unit_api_parse_test_CPPFLAGS = $(TEST_CPPFLAGS)
tests_unit_api_parse_test_LDADD = $(TEST_LIBS)

tests_unit_api_error_test_SOURCES = tests/unit/api_error_test.c
tests_unit_api_error_test_CPPFLAGS = $(TEST_CPPFLAGS)
tests_unit_api_error_test_LDADD = $(TEST_LIBS)
