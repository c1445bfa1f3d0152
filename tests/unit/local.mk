# tests/unit/local.mk: the unit tests, one cmocka program per module.
UNIT_TESTS = tests/unit/text_test tests/unit/model_test tests/unit/config_test \
	tests/unit/fetch_test

check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)

tests_unit_text_test_SOURCES = tests/unit/text_test.c tests/inert.c tests/inert.h
tests_unit_text_test_CPPFLAGS = $(TEST_CPPFLAGS)
tests_unit_text_test_LDADD = $(TEST_LIBS)

tests_unit_model_test_SOURCES = tests/unit/model_test.c
tests_unit_model_test_CPPFLAGS = $(TEST_CPPFLAGS)
tests_unit_model_test_LDADD = $(TEST_LIBS)

tests_unit_config_test_SOURCES = tests/unit/config_test.c
tests_unit_config_test_CPPFLAGS = $(TEST_CPPFLAGS)
tests_unit_config_test_LDADD = $(TEST_LIBS)

# The fetcher's threads and pipe, against a closed port and a silent
# listener on 127.0.0.1 (no HTTP server needed).
tests_unit_fetch_test_SOURCES = tests/unit/fetch_test.c
tests_unit_fetch_test_CPPFLAGS = $(TEST_CPPFLAGS)
tests_unit_fetch_test_LDADD = $(TEST_LIBS)

# The API client's parsers and error mapping.
check_PROGRAMS += tests/unit/api_parse_test tests/unit/api_error_test
TESTS += tests/unit/api_parse_test tests/unit/api_error_test

tests_unit_api_parse_test_SOURCES = tests/unit/api_parse_test.c
tests_unit_api_parse_test_CPPFLAGS = $(TEST_CPPFLAGS)
tests_unit_api_parse_test_LDADD = $(TEST_LIBS)

tests_unit_api_error_test_SOURCES = tests/unit/api_error_test.c
tests_unit_api_error_test_CPPFLAGS = $(TEST_CPPFLAGS)
tests_unit_api_error_test_LDADD = $(TEST_LIBS)

# The console's command table, views and prompt, without a terminal.
check_PROGRAMS += tests/unit/console_test
TESTS += tests/unit/console_test
tests_unit_console_test_SOURCES = tests/unit/console_test.c
tests_unit_console_test_CPPFLAGS = $(TEST_CPPFLAGS)
tests_unit_console_test_LDADD = $(TEST_LIBS)
