# sandbox/local.mk: cats-sandbox, the local CATS API v3 server.
bin_PROGRAMS += cats-sandbox
cats_sandbox_SOURCES = sandbox/main.c
cats_sandbox_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/sandbox $(MHD_CFLAGS) $(JSONC_CFLAGS) $(CRYPTO_CFLAGS) $(CURL_CFLAGS)
cats_sandbox_LDADD = $(MHD_LIBS) $(JSONC_LIBS) $(CRYPTO_LIBS) $(CURL_LIBS)
