/* inert.h: a check that sanitized text can reach a terminal safely, shared
 * by the sanitizer's unit tests and its test on the sandbox's data. */
#ifndef CATS_TEST_INERT_H
#define CATS_TEST_INERT_H

#include <stdbool.h>

/* Returns NULL when text is valid UTF-8 holding no control character
 * (except '\n' when newlines_allowed), no C1 code point, no character
 * wcwidth() rejects and no bidi embedding, override or isolate control;
 * else a static description of the first offence. */
const char *inert_check(const char *text, bool newlines_allowed);

#endif
