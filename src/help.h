/* help.h: the help screen, built from the command table the key handler
 * uses, so every key it lists works and every key that works is listed. */
#ifndef CATS_HELP_H
#define CATS_HELP_H

#include <curses.h>

struct app;

/* Draws the help over the body: height rows of width cells. */
void help_draw(struct app *app, WINDOW *win, int height, int width);

/* Number of lines the help has for the current tab, for scrolling. */
int help_line_count(struct app *app);

#endif
