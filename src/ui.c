/* ui.c: curses set-up, the frame around the screens, and the main loop. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>

#include "api.h"
#include "app.h"
#include "help.h"
#include "screen.h"
#include "text.h"
#include "ui.h"

#define MIN_COLUMNS 30
#define MIN_LINES 8
#define FRAME_TOP 3     /* title bar, tab bar, screen title */

#define PROFILE_MAX_KEYS 100000

static volatile sig_atomic_t quit_signal;

/* CATS_ADMIN_PROFILE timings; all on the UI thread. */
static struct {
    bool on;
    struct timespec start;
    double first_frame_ms;         /* -1 until the first frame */
    struct timespec key_arrived;   /* of the key whose frame is pending */
    bool key_pending;
    double *key_us;
    int key_count;
} profile = { .first_frame_ms = -1 };
static SCREEN *terminal;
static int style_attrs[UI_STYLE_COUNT];

static double
elapsed_us(const struct timespec *since)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - since->tv_sec) * 1e6 + (double)(now.tv_nsec - since->tv_nsec) / 1e3;
}

void
ui_profile_begin(void)
{
    const char *path = getenv("CATS_ADMIN_PROFILE");

    profile.on = path != NULL && path[0] != '\0';
    clock_gettime(CLOCK_MONOTONIC, &profile.start);
    if (profile.on)
        profile.key_us = calloc(PROFILE_MAX_KEYS, sizeof profile.key_us[0]);
    profile.on = profile.on && profile.key_us != NULL;
}

/* After each frame: the first frame's time, and the pending key's delay. */
static void
profile_frame_drawn(void)
{
    if (!profile.on)
        return;
    if (profile.first_frame_ms < 0)
        profile.first_frame_ms = elapsed_us(&profile.start) / 1000;
    if (profile.key_pending && profile.key_count < PROFILE_MAX_KEYS)
        profile.key_us[profile.key_count++] = elapsed_us(&profile.key_arrived);
    profile.key_pending = false;
}

static int
compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static void
profile_write(void)
{
    FILE *out;
    int n = profile.key_count;

    if (!profile.on || (out = fopen(getenv("CATS_ADMIN_PROFILE"), "a")) == NULL)
        return;
    qsort(profile.key_us, (size_t)n, sizeof profile.key_us[0], compare_doubles);
    fprintf(out, "first_frame_ms %.2f\n", profile.first_frame_ms);
    if (n > 0)
        fprintf(out, "key_frame_us median %.1f p90 %.1f max %.1f keys %d\n",
                profile.key_us[n / 2], profile.key_us[n * 9 / 10], profile.key_us[n - 1], n);
    fclose(out);
    free(profile.key_us);
    profile.on = false;
}

static void
on_quit_signal(int signo)
{
    quit_signal = signo;
}

/* Ctrl-C (SIGINT) closes an open prompt, as Esc does, and quits otherwise;
 * SIGTERM and SIGHUP always quit.  Returns true when the loop should end. */
static bool
take_quit_signal(struct app *app)
{
    if (quit_signal == SIGINT && app->prompt_kind != APP_PROMPT_NONE) {
        quit_signal = 0;
        app_key(app, 27, false);
        return false;
    }
    return quit_signal != 0;
}

static void
install_signals(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_quit_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

static bool
colour_wanted(void)
{
    const char *no_color = getenv("NO_COLOR");

    return (no_color == NULL || no_color[0] == '\0') && has_colors();
}

/* Colours where the terminal has them and NO_COLOR is unset; otherwise
 * bold, reverse, underline and dim carry the same distinctions. */
static void
init_styles(void)
{
    static const struct { enum ui_style style; short fg, bg; int attr, mono; } table[] = {
        { UI_HEADER, COLOR_CYAN, -1, A_BOLD, A_BOLD },
        { UI_SELECTED, -1, -1, A_REVERSE, A_REVERSE },
        { UI_TITLE, COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE },
        { UI_TAB, -1, -1, 0, 0 },
        { UI_TAB_CURRENT, COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD },
        { UI_STATUS, -1, -1, 0, 0 },
        { UI_ERROR, COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE },
        { UI_DIM, -1, -1, A_DIM, A_DIM },
        { UI_LINK, COLOR_CYAN, -1, A_UNDERLINE, A_UNDERLINE },
        { UI_KEY, COLOR_YELLOW, -1, A_BOLD, A_BOLD },
    };
    bool colour = colour_wanted();

    if (colour) {
        start_color();
        use_default_colors();
    }
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        short pair = (short)(i + 1);
        style_attrs[table[i].style] = table[i].mono;
        if (colour && (table[i].fg >= 0 || table[i].bg >= 0)) {
            init_pair(pair, table[i].fg, table[i].bg);
            style_attrs[table[i].style] = (int)COLOR_PAIR(pair) | table[i].attr;
        } else if (colour) {
            style_attrs[table[i].style] = table[i].attr;
        }
    }
}

int
ui_attr(enum ui_style style)
{
    return style_attrs[style];
}

bool
ui_start(int escdelay_ms, char *why, size_t why_size)
{
    install_signals();
    terminal = newterm(NULL, stdout, stdin);
    if (terminal == NULL) {
        snprintf(why, why_size, "the terminal type '%s' is unknown to terminfo; set TERM to "
                 "one it knows, such as xterm-256color", getenv("TERM") ? getenv("TERM") : "");
        return false;
    }
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    set_escdelay(escdelay_ms);
    curs_set(0);
    init_styles();
    return true;
}

void
ui_stop(void)
{
    if (terminal == NULL)
        return;
    profile_write();
    endwin();
    delscreen(terminal);
    terminal = NULL;
}

/* ---- the frame ---------------------------------------------------------- */

static void
draw_title_bar(struct app *app, int width)
{
    struct api_rate_limit rate;
    char line[512], budget[64];
    static const char *const states[] = {
        [APP_CONNECTING] = "◌ connecting", [APP_CONNECTED] = "● connected",
        [APP_OFFLINE] = "○ offline", [APP_KEY_REJECTED] = "✗ key rejected",
    };
    const char *state = states[app->connection];

    api_session_rate_limit(app->session, &rate);
    if (rate.retry_in_ms > 0)
        snprintf(budget, sizeof budget, "rate limited, %lds", (rate.retry_in_ms + 999) / 1000);
    else if (rate.remaining >= 0)
        snprintf(budget, sizeof budget, "budget %ld/%ld", rate.remaining, rate.limit);
    else
        snprintf(budget, sizeof budget, "budget ?");
    snprintf(line, sizeof line, " cats-admin │ %s │ %s │ %s",
             app->account[0] ? app->account : "…", state, budget);

    char *fitted = text_cell(line, strlen(line), width, TEXT_ALIGN_LEFT);
    attron(ui_attr(UI_TITLE));
    mvaddstr(0, 0, fitted);
    attroff(ui_attr(UI_TITLE));
    free(fitted);
}

static void
draw_tab_bar(struct app *app, int width)
{
    int full = 0;

    /* When the names do not all fit, only the current tab keeps its name. */
    for (int i = 0; i < VIEW_TAB_COUNT; i++)
        full += text_width(app->tabs[i].view->title) + 4;
    move(1, 0);
    for (int i = 0; i < VIEW_TAB_COUNT; i++) {
        char label[64];
        bool current = i == app->current;
        int x = getcurx(stdscr);

        if (full <= width || current)
            snprintf(label, sizeof label, " %d %s ", i + 1, app->tabs[i].view->title);
        else
            snprintf(label, sizeof label, " %d ", i + 1);
        if (x + text_width(label) > width)
            break;
        attron(ui_attr(current ? UI_TAB_CURRENT : UI_TAB));
        addstr(label);
        attroff(ui_attr(current ? UI_TAB_CURRENT : UI_TAB));
    }
    clrtoeol();
}

static void
draw_screen_title(struct screen *screen, int width)
{
    char title[512];
    char *fitted;

    title[0] = '\0';
    if (screen->ops->title)
        screen->ops->title(screen, title, sizeof title);
    fitted = text_cell(title, strlen(title), width, TEXT_ALIGN_LEFT);
    attron(A_BOLD);
    mvaddstr(2, 0, fitted);
    attroff(A_BOLD);
    free(fitted);
}

static void
draw_status_line(struct app *app, struct screen *screen, int y, int width)
{
    char position[128] = "";
    int room;
    char *left, *right;

    if (screen->ops->position && !app->help_open)
        screen->ops->position(screen, position, sizeof position);
    right = text_cell(position, strlen(position), text_width(position), TEXT_ALIGN_RIGHT);
    room = width - text_width(position) - 1;
    if (app->prompt_kind != APP_PROMPT_NONE) {
        /* The position stays visible, so a filter shows its matches as
         * they change; the prompt keeps at least half the line. */
        int cursor_y, cursor_x;
        if (room < width / 2)
            room = width;
        curs_set(1);
        prompt_draw(&app->prompt, stdscr, y, room);
        getyx(stdscr, cursor_y, cursor_x);
        if (room < width)
            mvaddstr(y, room + 1, right);
        move(cursor_y, cursor_x);
        free(right);
        return;
    }
    curs_set(0);
    left = text_cell(app->status, strlen(app->status), room > 0 ? room : 0, TEXT_ALIGN_LEFT);

    move(y, 0);
    attron(ui_attr(app->status_is_error ? UI_ERROR : UI_STATUS));
    addstr(left);
    attroff(ui_attr(app->status_is_error ? UI_ERROR : UI_STATUS));
    if (room > 0)
        addch(' ');
    addstr(right);
    free(left);
    free(right);
}

static void
draw_too_small(void)
{
    erase();
    mvprintw(0, 0, "Terminal too small:");
    mvprintw(1, 0, "need %dx%d.", MIN_COLUMNS, MIN_LINES);
}

void
ui_draw(struct app *app)
{
    struct screen *screen = app_screen(app);
    int height = LINES - FRAME_TOP - 1;

    if (app->full_repaint) {
        clearok(curscr, TRUE);
        app->full_repaint = false;
    }
    if (COLS < MIN_COLUMNS || LINES < MIN_LINES) {
        draw_too_small();
        refresh();
        return;
    }
    if (screen->ops->prepare)
        screen->ops->prepare(screen, app, height);

    erase();
    draw_title_bar(app, COLS);
    draw_tab_bar(app, COLS);
    draw_screen_title(screen, COLS);
    WINDOW *body = derwin(stdscr, height, COLS, FRAME_TOP, 0);
    if (body != NULL) {
        if (app->help_open)
            help_draw(app, body, height, COLS);
        else
            screen->ops->draw(screen, app, body, height, COLS);
        delwin(body);
    }
    draw_status_line(app, screen, LINES - 1, COLS);
    refresh();
    profile_frame_drawn();
}

/* ---- the loop ------------------------------------------------------------ */

static void
drain_pipe(int fd)
{
    char buf[256];

    while (read(fd, buf, sizeof buf) > 0)
        ;
}

/* Reads every key waiting; returns true when any arrived. */
static bool
read_keys(struct app *app)
{
    bool any = false;
    wint_t key;
    int kind;

    while ((kind = get_wch(&key)) != ERR) {
        any = true;
        if (profile.on && !profile.key_pending) {
            clock_gettime(CLOCK_MONOTONIC, &profile.key_arrived);
            profile.key_pending = true;
        }
        if (kind == KEY_CODE_YES && key == KEY_RESIZE)
            continue;   /* the next frame is drawn at the new size */
        if (COLS < MIN_COLUMNS || LINES < MIN_LINES) {
            app->quit = key == 'q';  /* keys cannot be seen to act, so only q does */
            continue;
        }
        app_key(app, key, kind == KEY_CODE_YES);
        if (app->quit)
            break;
    }
    return any;
}

static int
poll_timeout(struct app *app)
{
    struct screen *screen = app_screen(app);
    int timeout = app_next_timer_ms(app);

    if ((screen->ops->counting_down && screen->ops->counting_down(screen))
        || app_rate_limited(app))
        timeout = timeout < 0 || timeout > 1000 ? 1000 : timeout;
    return timeout;
}

void
ui_run(struct app *app, int wake_fd)
{
    struct pollfd fds[2] = { { .fd = STDIN_FILENO, .events = POLLIN },
                             { .fd = wake_fd, .events = POLLIN } };
    bool dirty = true;

    while (!app->quit) {
        if (dirty)
            ui_draw(app);
        int ready = poll(fds, wake_fd >= 0 ? 2 : 1, poll_timeout(app));
        if (take_quit_signal(app))
            break;
        if (ready < 0 && errno != EINTR)
            break;
        if (ready < 0) {
            dirty = true;   /* a signal: a resize, or a Ctrl-C that closed a prompt */
            read_keys(app);
            continue;
        }

        if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))
            break;      /* the terminal went away, e.g. a dropped SSH link */

        dirty = false;
        if (wake_fd >= 0 && ready > 0 && (fds[1].revents & POLLIN)) {
            drain_pipe(wake_fd);
            dirty |= app_handle_results(app);
        }
        dirty |= read_keys(app);
        dirty |= app_tick(app);
    }
}
