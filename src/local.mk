# src/local.mk: the console. Everything but main.c goes into libcats.a so the
# unit and API tests link the same code the program runs.
noinst_LIBRARIES += src/libcats.a
src_libcats_a_SOURCES = \
	src/config_file.c src/config_file.h \
	src/mem.c src/mem.h \
	src/model.c src/model.h \
	src/text.c src/text.h \
	src/version.c src/version.h
src_libcats_a_CPPFLAGS = $(AM_CPPFLAGS) $(NCURSESW_CFLAGS) $(CURL_CFLAGS) $(JSONC_CFLAGS)

CATS_LIBS = src/libcats.a $(NCURSESW_LIBS) $(CURL_LIBS) $(JSONC_LIBS)

bin_PROGRAMS += cats-admin
cats_admin_SOURCES = src/main.c
cats_admin_CPPFLAGS = $(src_libcats_a_CPPFLAGS)
cats_admin_LDADD = $(CATS_LIBS)
