# sandbox/local.mk: cats-sandbox, the local CATS API v3 server.
bin_PROGRAMS += cats-sandbox
cats_sandbox_SOURCES = \
	sandbox/main.c \
	sandbox/options.c sandbox/options.h \
	sandbox/server.c sandbox/server.h \
	sandbox/response.c \
	sandbox/routes.c sandbox/handlers.h \
	sandbox/control.c \
	sandbox/api_collections.c \
	sandbox/api_tasks.c \
	sandbox/api_activities.c \
	sandbox/api_records.c \
	sandbox/api_portals.c \
	sandbox/api_admin.c \
	sandbox/api_parse.c \
	sandbox/filter.c sandbox/filter.h \
	sandbox/validate.c sandbox/validate.h \
	sandbox/render.c sandbox/render.h \
	sandbox/settings.c sandbox/settings.h \
	sandbox/ratelimit.c sandbox/ratelimit.h \
	sandbox/webhook.c sandbox/webhook.h \
	sandbox/store.c sandbox/store.h \
	sandbox/seed.c sandbox/seed_examples.c \
	sandbox/seed_text.c sandbox/seed_text.h \
	sandbox/table.c sandbox/table.h \
	sandbox/rng.c sandbox/rng.h \
	sandbox/jsonutil.c sandbox/jsonutil.h \
	sandbox/util.c sandbox/util.h
cats_sandbox_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/sandbox $(MHD_CFLAGS) $(JSONC_CFLAGS) $(CRYPTO_CFLAGS) $(CURL_CFLAGS)
cats_sandbox_LDADD = $(MHD_LIBS) $(JSONC_LIBS) $(CRYPTO_LIBS) $(CURL_LIBS) -lm
dist_man_MANS += man/cats-sandbox.1
