# tests/api/local.mk: the api tests: the API client over real HTTP against a
# cats-sandbox each test program starts.
api_test_programs = tests/api/api_ops_test tests/api/api_faults_test
check_PROGRAMS += $(api_test_programs)
TESTS += $(api_test_programs)

API_TEST_SOURCES = tests/api/fixture.c tests/api/fixture.h

tests_api_api_ops_test_SOURCES = tests/api/api_ops_test.c $(API_TEST_SOURCES)
tests_api_api_ops_test_CPPFLAGS = $(TEST_CPPFLAGS) -I$(top_srcdir)/tests/api
tests_api_api_ops_test_LDADD = $(TEST_LIBS)

tests_api_api_faults_test_SOURCES = tests/api/api_faults_test.c $(API_TEST_SOURCES)
tests_api_api_faults_test_CPPFLAGS = $(TEST_CPPFLAGS) -I$(top_srcdir)/tests/api
tests_api_api_faults_test_LDADD = $(TEST_LIBS)

# The fetcher and the model together against a sandbox.
check_PROGRAMS += tests/api/fetch_sandbox_test
TESTS += tests/api/fetch_sandbox_test
tests_api_fetch_sandbox_test_SOURCES = tests/api/fetch_sandbox_test.c $(API_TEST_SOURCES)
tests_api_fetch_sandbox_test_CPPFLAGS = $(TEST_CPPFLAGS) -I$(top_srcdir)/tests/api
tests_api_fetch_sandbox_test_LDADD = $(TEST_LIBS)

# The sanitizer on the sandbox's seeded strings, hostile ones included.
check_PROGRAMS += tests/api/text_sandbox_test
TESTS += tests/api/text_sandbox_test
tests_api_text_sandbox_test_SOURCES = tests/api/text_sandbox_test.c tests/inert.c tests/inert.h \
	$(API_TEST_SOURCES)
tests_api_text_sandbox_test_CPPFLAGS = $(TEST_CPPFLAGS) -I$(top_srcdir)/tests/api
tests_api_text_sandbox_test_LDADD = $(TEST_LIBS)
