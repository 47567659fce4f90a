/*
 * input.c — keys and pastes as events (see input.h).
 *
 * ncurses decodes the sequences it knows (terminfo and the define_key
 * list below); anything else arrives as ESC followed by its bytes, which
 * would otherwise run as commands ('[' is "previous section").  Those
 * are read here up to their final byte and either mapped or dropped.
 * Keys read ahead (to parse a sequence or to judge a burst) wait in a
 * small queue and come back in order.
 */
#include "input.h"
#include "model/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY_PASTE_BEGIN (KEY_MAX + 1)
#define KEY_PASTE_END   (KEY_MAX + 2)
#define PASTE_SILENCE_MS 1000   /* a paste whose end mark never comes ends here */
#define BURST_GAP_MS 30         /* chunks of one paste follow each other this closely */

typedef struct rawkey {
    int t;       /* OK or KEY_CODE_YES */
    wint_t k;
} rawkey;

static rawkey queue[64];
static int qhead, qlen;

static void push_back(rawkey r)
{
    if (qlen == (int)(sizeof queue / sizeof queue[0]))
        return;    /* cannot happen: at most a sequence or a burst sample is read ahead */
    queue[(qhead + qlen++) % 64] = r;
}

/* The next rawkey key: queued first, then from the terminal. ERR on timeout. */
static int raw_get(WINDOW *w, int timeout_ms, rawkey *r)
{
    if (qlen) {
        *r = queue[qhead];
        qhead = (qhead + 1) % 64;
        qlen--;
        return OK;
    }
    wtimeout(w, timeout_ms);
    int t = wget_wch(w, &r->k);
    if (t == ERR)
        return ERR;
    r->t = t;
    return OK;
}

int tui_input_pending(WINDOW *w)
{
    if (qlen)
        return 1;
    rawkey r;
    if (raw_get(w, 0, &r) == ERR)
        return 0;
    push_back(r);
    return 1;
}

static const struct { const char *seq; int code; } VARIANTS[] = {
    { "\033[200~", KEY_PASTE_BEGIN }, { "\033[201~", KEY_PASTE_END },
    /* Home / End: PuTTY, Tera Term and the Linux console send ESC [ 1 ~ and
     * ESC [ 4 ~, rxvt ESC [ 7 ~ and ESC [ 8 ~, xterm ESC [ H / ESC O H. */
    { "\033[1~", KEY_HOME }, { "\033[7~", KEY_HOME }, { "\033[H", KEY_HOME }, { "\033OH", KEY_HOME },
    { "\033[4~", KEY_END }, { "\033[8~", KEY_END }, { "\033[F", KEY_END }, { "\033OF", KEY_END },
    { "\033[3~", KEY_DC }, { "\033[2~", KEY_IC }, { "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
    { "\033[A", KEY_UP }, { "\033[B", KEY_DOWN }, { "\033[C", KEY_RIGHT }, { "\033[D", KEY_LEFT },
    { "\033OA", KEY_UP }, { "\033OB", KEY_DOWN }, { "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT },
};

void tui_input_begin(void)
{
    for (size_t i = 0; i < sizeof VARIANTS / sizeof VARIANTS[0]; i++)
        define_key(VARIANTS[i].seq, VARIANTS[i].code);
    fputs("\033[?2004h", stdout);    /* bracketed paste on */
    fflush(stdout);
}

void tui_input_end(void)
{
    fputs("\033[?2004l", stdout);
    fflush(stdout);
}

/* Codes terminfo gives other names (xterm's kfnd/kslt are ESC [ 1 ~ and
 * ESC [ 4 ~, which PuTTY and Tera Term send for Home and End). */
static wint_t normalise_code(wint_t k)
{
    /* Keys with modifiers that terminfo lists under extended names
     * (kLFT5 is Ctrl-Left, kHOM3 Alt-Home …) are the plain key here. */
    const char *name = (int)k > KEY_MAX ? keyname((int)k) : NULL;
    static const struct { const char *prefix; int code; } EXT[] = {
        { "kLFT", KEY_LEFT }, { "kRIT", KEY_RIGHT }, { "kUP", KEY_UP }, { "kDN", KEY_DOWN },
        { "kHOM", KEY_HOME }, { "kEND", KEY_END }, { "kDC", KEY_DC }, { "kPRV", KEY_PPAGE },
        { "kNXT", KEY_NPAGE },
    };
    for (size_t i = 0; name && i < sizeof EXT / sizeof EXT[0]; i++)
        if (strncmp(name, EXT[i].prefix, strlen(EXT[i].prefix)) == 0)
            return (wint_t)EXT[i].code;
    switch (k) {
    case KEY_FIND: case KEY_A1: case KEY_BEG: return KEY_HOME;
    case KEY_SELECT: case KEY_C1: return KEY_END;
    default: return k;
    }
}

/* The code of a CSI / SS3 sequence read by hand: final byte and the first
 * parameter (modifiers after ';' are ignored: Ctrl-Right is Right). */
static int csi_code(int intro, int param, wint_t final)
{
    if (final == '~') {
        switch (param) {
        case 1: case 7: return KEY_HOME;
        case 4: case 8: return KEY_END;
        case 3: return KEY_DC;
        case 2: return KEY_IC;
        case 5: return KEY_PPAGE;
        case 6: return KEY_NPAGE;
        case 200: return KEY_PASTE_BEGIN;
        default: return 0;
        }
    }
    switch (final) {
    case 'A': return KEY_UP;
    case 'B': return KEY_DOWN;
    case 'C': return KEY_RIGHT;
    case 'D': return KEY_LEFT;
    case 'H': return KEY_HOME;
    case 'F': return KEY_END;
    default: (void)intro; return 0;
    }
}

static void paste_add(tui_event *ev, int *cap, wchar_t c)
{
    if (c == 0)
        return;                      /* NUL never enters text */
    if (ev->too_long || ev->npaste >= TUI_PASTE_MAX) {
        ev->too_long = 1;
        return;
    }
    if (c == L'\n' && ev->npaste && ev->paste[ev->npaste - 1] == L'\r') {
        ev->paste[ev->npaste - 1] = L'\n';    /* CR LF is one newline */
        return;
    }
    if (ev->npaste + 1 >= *cap) {
        *cap = *cap ? *cap * 2 : 256;
        ev->paste = pia_xrealloc(ev->paste, (size_t)*cap * sizeof *ev->paste);
    }
    ev->paste[ev->npaste++] = c;
}

static void paste_finish(tui_event *ev)
{
    for (int i = 0; i < ev->npaste; i++)
        if (ev->paste[i] == L'\r')
            ev->paste[i] = L'\n';
    if (ev->too_long) {
        free(ev->paste);
        ev->paste = NULL;
        ev->npaste = 0;
    }
    ev->type = TUI_EV_PASTE;
}

/* Everything up to the end mark (or a second of silence). */
static void read_bracketed(WINDOW *w, tui_event *ev)
{
    int cap = 0;
    rawkey r;
    while (raw_get(w, PASTE_SILENCE_MS, &r) == OK) {
        if (r.t == KEY_CODE_YES && r.k == KEY_PASTE_END)
            break;
        if (r.t == KEY_CODE_YES)
            paste_add(ev, &cap, r.k == KEY_ENTER ? L'\n' : 0);
        else
            paste_add(ev, &cap, (wchar_t)r.k);
    }
    ev->bracketed = 1;
    paste_finish(ev);
}

/* ESC has arrived: a lone Escape, a sequence ncurses did not know, or Alt
 * with a key. */
static tui_ev_type after_escape(WINDOW *w, tui_event *ev)
{
    rawkey r;
    if (raw_get(w, 0, &r) == ERR) {
        ev->type = TUI_EV_KEY;
        ev->key = 27;
        return ev->type;
    }
    if (r.t == OK && r.k == 27) {
        push_back(r);                      /* Esc pressed twice: two Escapes */
        ev->type = TUI_EV_KEY;
        ev->key = 27;
        return ev->type;
    }
    if (r.t != OK) {
        /* A code ncurses made (a resize, a function key) is no part of an
         * Alt combination: the Escape, then that code, neither lost. */
        push_back(r);
        ev->type = TUI_EV_KEY;
        ev->key = 27;
        return ev->type;
    }
    if (r.k != '[' && r.k != 'O')
        return TUI_EV_NONE;                /* Alt-something: not a command */
    int intro = (int)r.k, param = 0, first = 1;
    for (int n = 0; n < 16; n++) {
        if (raw_get(w, 10, &r) == ERR || r.t != OK)
            return TUI_EV_NONE;
        if (intro == '[' && r.k >= '0' && r.k <= '9' && first) {
            param = param * 10 + (int)(r.k - '0');
            continue;
        }
        if (intro == '[' && r.k >= 0x20 && r.k <= 0x3F) {
            first = first && r.k != ';';
            continue;
        }
        if (r.k < 0x40 || r.k > 0x7E)
            return TUI_EV_NONE;
        int code = csi_code(intro, param, r.k);
        if (code == KEY_PASTE_BEGIN) {
            read_bracketed(w, ev);
            return ev->type;
        }
        if (!code)
            return TUI_EV_NONE;
        ev->type = TUI_EV_CODE;
        ev->key = (wint_t)code;
        return ev->type;
    }
    return TUI_EV_NONE;
}

static int is_text_key(const rawkey *r)
{
    return r->t == OK && (r->k >= 0x20 || r->k == '\r' || r->k == '\n' || r->k == '\t') && r->k != 0x7f;
}

/* A first character has arrived; are more already waiting, looking like
 * pasted text rather than keys typed one by one? */
static int ends_line(int flags, const rawkey *r)
{
    return (flags & TUI_BURST_LINE) && r->t == OK && (r->k == '\r' || r->k == '\n');
}

static tui_ev_type burst(WINDOW *w, rawkey first, int flags, tui_event *ev)
{
    rawkey seen[8];
    int n = 0, wide = first.k >= 0x80, kinds = 1;
    rawkey r;
    while (n < 8 && raw_get(w, 0, &r) == OK) {
        if (!is_text_key(&r) || ends_line(flags, &r)) {
            push_back(r);
            break;
        }
        int fresh = r.k != first.k;
        for (int i = 0; i < n && fresh; i++)
            fresh = seen[i].k != r.k;
        kinds += fresh;
        wide |= r.k >= 0x80;
        seen[n++] = r;
    }
    int paste = n >= 1 && (wide || (n + 1 >= 8 && kinds >= 4));
    if (!paste) {
        /* Keys after a non-text key pushed back above stay behind it. */
        int had = qlen;
        for (int i = 0; i < n; i++)
            push_back(seen[i]);
        for (int i = 0; i < had; i++)
            push_back(queue[qhead]), qhead = (qhead + 1) % 64, qlen--;
        ev->type = TUI_EV_KEY;
        ev->key = first.k;
        return ev->type;
    }
    int cap = 0;
    paste_add(ev, &cap, (wchar_t)first.k);
    for (int i = 0; i < n; i++)
        paste_add(ev, &cap, (wchar_t)seen[i].k);
    while (raw_get(w, BURST_GAP_MS, &r) == OK) {
        if (!is_text_key(&r) || ends_line(flags, &r)) {
            push_back(r);
            break;
        }
        paste_add(ev, &cap, (wchar_t)r.k);
    }
    paste_finish(ev);
    return ev->type;
}

tui_ev_type tui_read(WINDOW *w, int timeout_ms, int flags, tui_event *ev)
{
    memset(ev, 0, sizeof *ev);
    rawkey r;
    if (raw_get(w, timeout_ms, &r) == ERR)
        return TUI_EV_NONE;
    if (r.t == KEY_CODE_YES) {
        if (r.k == KEY_PASTE_BEGIN) {
            read_bracketed(w, ev);
            return ev->type;
        }
        if (r.k == KEY_PASTE_END)
            return TUI_EV_NONE;
        ev->type = TUI_EV_CODE;
        ev->key = normalise_code(r.k);
        return ev->type;
    }
    if (r.k == 27)
        return after_escape(w, ev);
    if ((flags & (TUI_BURST | TUI_BURST_LINE)) && is_text_key(&r) && !ends_line(flags, &r))
        return burst(w, r, flags, ev);
    ev->type = TUI_EV_KEY;
    ev->key = r.k;
    return ev->type;
}

void tui_event_free(tui_event *ev)
{
    free(ev->paste);
    ev->paste = NULL;
    ev->npaste = 0;
}
