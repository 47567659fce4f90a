/*
 * terminal.c — what the command line prints on a terminal is shown, never
 * obeyed.  Answers are typed by many people and imported from files; an
 * answer holding ESC [ 2 J or an OSC title sequence must not clear or
 * retitle the screen of whoever runs `pia export` or `pia log`.
 *
 * When stdout or stderr is a terminal it is replaced by a stream that
 * writes control characters in the notation of pia_text_visible (ESC as
 * "^[", DEL as "^?", C1 controls and any byte that is not UTF-8 — a raw
 * 0x9B, which terminals honouring 8-bit controls read as CSI — as "<9B>");
 * newline and tab pass, and so does carriage return on stderr, where the
 * bundle draws its progress line.  On a terminal whose locale is Shift_JIS
 * or EUC-JP the text is converted to that encoding, so Japanese reads
 * right there too.  A file or a pipe gets the bytes unchanged, so exports
 * stay exact — except with `pia diff --color=always`, whose output is
 * meant for a terminal and is guarded wherever it goes.
 * The TUI is not guarded: ncurses writes the screen through stdout.
 * pia's own colours (the diff) pass through pia_cli_term_style, the one
 * way past the guard, which user text never takes.
 */
#define _GNU_SOURCE   /* fopencookie */
#include "cli.h"
#include "model/charset.h"
#include "model/fdio.h"
#include "model/utf8.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef struct guard {
    int fd;
    int allow_cr;
    int raw;         /* pia_cli_term_style is writing: pass bytes unchanged */
    pia_charset cs;  /* the terminal's encoding: UTF-8 text is converted to it */
    unsigned char pend[4];
    int npend;       /* the start of a UTF-8 character cut by the end of a write */
} guard;

/* The two guards live as long as the process (the streams are never
 * closed before exit), so they are static rather than allocated. */
static guard out_guard, err_guard;
static guard *stdout_guard;   /* &out_guard once stdout is guarded */

/* Length of the character a lead byte starts, 0 for a byte that starts none. */
static int lead_len(unsigned char c)
{
    return c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
}

/* Whether the m bytes at s (fewer than the len its lead byte asks for)
 * can be completed into a well-formed character: pad with the smallest
 * continuation each place allows and decode. */
static int could_continue(const unsigned char *s, size_t m, int len)
{
    unsigned char t[4];
    memcpy(t, s, m);
    for (size_t k = m; k < (size_t)len; k++)
        t[k] = k == 1 && s[0] == 0xE0 ? 0xA0 : k == 1 && s[0] == 0xF0 ? 0x90 : 0x80;
    uint32_t cp;
    return pia_utf8_decode((const char *)t, (size_t)len, &cp) == len;
}

/* The shown form of s[0..n) into out (room: 4 bytes per input byte); the
 * bytes of a character cut at the end go to g->pend.  Returns the length. */
static size_t show(guard *g, const unsigned char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        int len = lead_len(c);
        if (len > 1 && n - i < (size_t)len) {
            /* Possibly a character continued by the next write. */
            if (could_continue(s + i, n - i, len)) {
                memcpy(g->pend, s + i, n - i);
                g->npend = (int)(n - i);
                return o;
            }
        }
        uint32_t cp = 0;
        int got = len ? pia_utf8_decode((const char *)s + i, n - i, &cp) : 0;
        if (got == 0 || (cp >= 0x80 && cp <= 0x9F)) {
            /* Not UTF-8 (a raw 0x9B is CSI to some terminals), or a C1
             * control: shown in hex, never sent. */
            o += (size_t)sprintf(out + o, "<%02X>", got ? (unsigned)cp : c);
            i += got ? (size_t)got : 1;
        } else if ((cp < 0x20 && cp != '\n' && cp != '\t' && !(cp == '\r' && g->allow_cr)) || cp == 0x7f) {
            out[o++] = '^';
            out[o++] = cp == 0x7f ? '?' : (char)(cp + 0x40);
            i++;
        } else {
            memcpy(out + o, s + i, (size_t)got);
            o += (size_t)got;
            i += (size_t)got;
        }
    }
    return o;
}

/* Shown text out to the terminal, in its encoding. */
static int emit(guard *g, const char *p, size_t n)
{
    if (g->cs != PIA_CS_SJIS && g->cs != PIA_CS_EUCJP)
        return pia_write_all(g->fd, p, n);
    size_t len;
    char *conv = pia_charset_from_utf8(g->cs, p, n, &len);
    int rc = pia_write_all(g->fd, conv, len);
    free(conv);
    return rc;
}

static ssize_t guard_write(void *cookie, const char *buf, size_t size)
{
    guard *g = cookie;
    if (g->raw)
        return pia_write_all(g->fd, buf, size) ? -1 : (ssize_t)size;
    /* A character cut by the last write goes first. */
    unsigned char *in = pia_xmalloc(size + 4);
    size_t n = (size_t)g->npend;
    memcpy(in, g->pend, n);
    memcpy(in + n, buf, size);
    n += size;
    g->npend = 0;
    char *out = pia_xmalloc(n * 4 + 1);
    size_t o = show(g, in, n, out);
    int rc = emit(g, out, o);
    free(out);
    free(in);
    return rc ? -1 : (ssize_t)size;
}

static int guard_close(void *cookie)
{
    guard *g = cookie;
    char out[16];
    size_t o = 0;
    for (int i = 0; i < g->npend; i++)
        o += (size_t)sprintf(out + o, "<%02X>", g->pend[i]);
    g->npend = 0;
    int rc = o ? emit(g, out, o) : 0;
    if (g == stdout_guard)
        stdout_guard = NULL;
    return rc;
}

static FILE *guarded(guard *g, int fd, int allow_cr, pia_charset cs)
{
    *g = (guard){ .fd = fd, .allow_cr = allow_cr, .cs = cs };
    cookie_io_functions_t io = { .write = guard_write, .close = guard_close };
    FILE *fp = fopencookie(g, "w", io);
    if (fp)
        setvbuf(fp, NULL, _IOLBF, 0);
    return fp;
}

static void guard_stdout(pia_charset cs)
{
    FILE *fp;
    if (!stdout_guard && (fp = guarded(&out_guard, STDOUT_FILENO, 0, cs)) != NULL) {
        fflush(stdout);
        stdout = fp;
        stdout_guard = &out_guard;
    }
}

void pia_cli_guard_terminal(void)
{
    FILE *fp;
    pia_charset cs = pia_charset_of_locale();
    if (isatty(STDOUT_FILENO))
        guard_stdout(cs);
    if (isatty(STDERR_FILENO) && (fp = guarded(&err_guard, STDERR_FILENO, 1, cs)) != NULL) {
        fflush(stderr);
        setvbuf(fp, NULL, _IONBF, 0);
        stderr = fp;
    }
}

void pia_cli_guard_stdout_always(void)
{
    guard_stdout(PIA_CS_OTHER);
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
