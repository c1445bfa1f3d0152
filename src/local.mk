# src/local.mk: the console. Everything but main.c goes into libcats.a so the
# unit and API tests link the same code the program runs.
noinst_LIBRARIES += src/libcats.a
src_libcats_a_SOURCES = \
	src/config_file.c src/config_file.h \
	src/fetch.c src/fetch_ops.c src/fetch.h src/fetch_internal.h \
	src/mem.c src/mem.h \
	src/model.c src/model.h \
	src/text.c src/text.h \
	src/version.c src/version.h \
	src/app.c src/app.h src/app_fetch.c src/app_views.c \
	src/command.c src/command.h src/commands.c \
	src/detail.c src/detail.h src/feed.c src/feed.h \
	src/help.c src/help.h src/list.c src/list.h \
	src/listdraw.c src/listdraw.h src/prompt.c src/prompt.h \
	src/sandbox_child.c src/sandbox_child.h src/screen.h \
	src/ui.c src/ui.h src/view.h src/views.c \
	src/api.h src/api_internal.h \
	src/api_error.c src/api_session.c src/api_http.c src/api_call.c \
	src/api_json.c src/api_ops.c src/api_body.c src/api_files.c src/api_portal.c
src_libcats_a_CPPFLAGS = $(AM_CPPFLAGS) $(NCURSESW_CFLAGS) $(CURL_CFLAGS) $(JSONC_CFLAGS) $(CRYPTO_CFLAGS)

# libcrypto encodes the files of portal applications in base64.
CATS_LIBS = src/libcats.a $(NCURSESW_LIBS) $(CURL_LIBS) $(JSONC_LIBS) $(CRYPTO_LIBS)

dist_man_MANS += man/cats-admin.1

bin_PROGRAMS += cats-admin
cats_admin_SOURCES = src/main.c
cats_admin_CPPFLAGS = $(src_libcats_a_CPPFLAGS)
cats_admin_LDADD = $(CATS_LIBS)
