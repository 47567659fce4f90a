/*
 * terminal.c — what the command line prints on a terminal is shown, never
 * obeyed.  Answers are typed by many people and imported from files; an
 * answer holding ESC [ 2 J or an OSC title sequence must not clear or
 * retitle the screen of whoever runs `pia export` or `pia log`.
 *
 * When stdout or stderr is a terminal it is replaced by a stream that
 * writes control characters in the notation of pia_text_visible (ESC as
 * "^[", DEL as "^?", C1 as "<9B>"); newline and tab pass, and so does
 * carriage return on stderr, where the bundle draws its progress line.
 * A file or a pipe gets the bytes unchanged, so exports stay exact.
 * The TUI is not guarded: ncurses writes the screen through stdout.
 * pia's own colours (the diff) pass through pia_cli_term_style, the one
 * way past the guard, which user text never takes.
 */
#define _GNU_SOURCE   /* fopencookie */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef struct guard {
    int fd;
    int allow_cr;
    int held_c2;     /* a 0xC2 at the end of the last write: C1 or not yet known */
    int raw;         /* pia_cli_term_style is writing: pass bytes unchanged */
} guard;

/* The two guards live as long as the process (the streams are never
 * closed before exit), so they are static rather than allocated. */
static guard out_guard, err_guard;
static guard *stdout_guard;   /* &out_guard once stdout is guarded */

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Appends the shown form of one byte (and of the 0xC2 held before it). */
static size_t show_byte(guard *g, unsigned char c, char *o)
{
    size_t n = 0;
    if (g->held_c2) {
        g->held_c2 = 0;
        if (c >= 0x80 && c <= 0x9F)
            return (size_t)sprintf(o, "<%02X>", c);
        o[n++] = (char)0xC2;
    }
    if (c == 0xC2) {
        g->held_c2 = 1;
    } else if ((c < 0x20 && c != '\n' && c != '\t' && !(c == '\r' && g->allow_cr)) || c == 0x7f) {
        o[n++] = '^';
        o[n++] = c == 0x7f ? '?' : (char)(c + 0x40);
    } else {
        o[n++] = (char)c;
    }
    return n;
}

static ssize_t guard_write(void *cookie, const char *buf, size_t size)
{
    guard *g = cookie;
    if (g->raw)
        return write_all(g->fd, buf, size) ? -1 : (ssize_t)size;
    char out[1024 + 8];
    size_t used = 0;
    for (size_t i = 0; i < size; i++) {
        used += show_byte(g, (unsigned char)buf[i], out + used);
        if (used >= 1024) {
            if (write_all(g->fd, out, used))
                return -1;
            used = 0;
        }
    }
    if (used && write_all(g->fd, out, used))
        return -1;
    return (ssize_t)size;
}

static int guard_close(void *cookie)
{
    guard *g = cookie;
    int rc = g->held_c2 ? write_all(g->fd, "\xC2", 1) : 0;
    g->held_c2 = 0;
    if (g == stdout_guard)
        stdout_guard = NULL;
    return rc;
}

static FILE *guarded(guard *g, int fd, int allow_cr)
{
    *g = (guard){ .fd = fd, .allow_cr = allow_cr };
    cookie_io_functions_t io = { .write = guard_write, .close = guard_close };
    FILE *fp = fopencookie(g, "w", io);
    if (fp)
        setvbuf(fp, NULL, _IOLBF, 0);
    return fp;
}

void pia_cli_guard_terminal(void)
{
    FILE *fp;
    if (isatty(STDOUT_FILENO) && (fp = guarded(&out_guard, STDOUT_FILENO, 0)) != NULL) {
        fflush(stdout);
        stdout = fp;
        stdout_guard = &out_guard;
    }
    if (isatty(STDERR_FILENO) && (fp = guarded(&err_guard, STDERR_FILENO, 1)) != NULL) {
        fflush(stderr);
        setvbuf(fp, NULL, _IONBF, 0);
        stderr = fp;
    }
}

/* What is buffered goes through the guard first, so the colour lands
 * exactly where it was written. */
void pia_cli_term_style(FILE *out, const char *sgr)
{
    if (out != stdout || !stdout_guard) {
        fputs(sgr, out);
        return;
    }
    fflush(out);
    stdout_guard->raw = 1;
    fputs(sgr, out);
    fflush(out);
    stdout_guard->raw = 0;
}
