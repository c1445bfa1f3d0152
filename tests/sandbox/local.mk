# tests/sandbox/local.mk: the sandbox tests, over real HTTP against a
# cats-sandbox each program starts.
check_LIBRARIES += tests/sandbox/libsandboxtest.a
tests_sandbox_libsandboxtest_a_SOURCES = \
	tests/sandbox/common.c tests/sandbox/common.h \
	tests/sandbox/http.c tests/sandbox/http.h
tests_sandbox_libsandboxtest_a_CPPFLAGS = $(TEST_CPPFLAGS)

SANDBOX_TEST_LIBS = tests/sandbox/libsandboxtest.a $(TEST_LIBS) $(MHD_LIBS) $(CRYPTO_LIBS)
SANDBOX_TEST_CPPFLAGS = $(TEST_CPPFLAGS) $(MHD_CFLAGS) $(CRYPTO_CFLAGS)

SANDBOX_TESTS = tests/sandbox/api_test tests/sandbox/faults_test tests/sandbox/cli_test tests/sandbox/webhook_test tests/sandbox/records_test
check_PROGRAMS += $(SANDBOX_TESTS)
TESTS += $(SANDBOX_TESTS)

tests_sandbox_api_test_SOURCES = tests/sandbox/api_test.c
tests_sandbox_api_test_CPPFLAGS = $(SANDBOX_TEST_CPPFLAGS)
tests_sandbox_api_test_LDADD = $(SANDBOX_TEST_LIBS)

tests_sandbox_faults_test_SOURCES = tests/sandbox/faults_test.c
tests_sandbox_faults_test_CPPFLAGS = $(SANDBOX_TEST_CPPFLAGS)
tests_sandbox_faults_test_LDADD = $(SANDBOX_TEST_LIBS)

tests_sandbox_cli_test_SOURCES = tests/sandbox/cli_test.c
tests_sandbox_cli_test_CPPFLAGS = $(SANDBOX_TEST_CPPFLAGS)
tests_sandbox_cli_test_LDADD = $(SANDBOX_TEST_LIBS)

tests_sandbox_webhook_test_SOURCES = tests/sandbox/webhook_test.c
tests_sandbox_webhook_test_CPPFLAGS = $(SANDBOX_TEST_CPPFLAGS)
tests_sandbox_webhook_test_LDADD = $(SANDBOX_TEST_LIBS)

tests_sandbox_records_test_SOURCES = tests/sandbox/records_test.c
tests_sandbox_records_test_CPPFLAGS = $(SANDBOX_TEST_CPPFLAGS)
tests_sandbox_records_test_LDADD = $(SANDBOX_TEST_LIBS)
