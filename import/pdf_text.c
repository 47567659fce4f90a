/*
 * pdf_text.c — the text of a PDF with positions, through poppler's C API
 * (libpoppler-glib, loaded by poppler_api.c).  Runs in a child process
 * (see pdf.c) and writes what it finds to a file descriptor, so a PDF
 * that makes poppler crash, spin or swell costs that child only.
 *
 * Each character comes with its box.  Characters are grouped into lines
 * by their vertical centres (poppler's own text order splits a table row
 * into blocks), sorted left to right, and cut into runs at spaces and at
 * gaps wider than a fraction of a character.  pdf.c joins the runs into
 * cells once it knows where the answer column starts: a label that fills
 * its cell may touch the answer beside it, so gaps alone cannot tell.
 *
 * Output records, all numbers in decimal:
 *   "M title-len author-len pages\n" title author      once, first
 *   "P page line x x2 y cw h sp len\n" text           a run of text (y: its
 *                                                    line's top; sp: 1 after
 *                                                    a space, 2 after an
 *                                                    ideographic one)
 *   "B page\n"                                         a page without text
 *   "E code message-len\n" message                     a failure (last)
 */
#include "pdf_text.h"
#include "poppler_api.h"
#include "model/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct glyph {
    double x1, y1, x2, y2;
    char utf8[8];
    int space;
} glyph;

typedef struct writer {
    int fd;
    int failed;
} writer;

static void wr(writer *w, const void *data, size_t n)
{
    const char *p = data;
    while (n > 0 && !w->failed) {
        ssize_t k = write(w->fd, p, n);
        if (k <= 0) {
            w->failed = 1;
            return;
        }
        p += k;
        n -= (size_t)k;
    }
}

static void wr_head(writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void wr_head(writer *w, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0)
        wr(w, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

static void fail(writer *w, int code, const char *msg)
{
    wr_head(w, "E %d %zu\n", code, strlen(msg));
    wr(w, msg, strlen(msg));
}

static int by_centre(const void *a, const void *b)
{
    const glyph *x = a, *y = b;
    double cx = (x->y1 + x->y2) / 2, cy = (y->y1 + y->y2) / 2;
    return cx < cy ? -1 : cx > cy;
}

static int by_x(const void *a, const void *b)
{
    const glyph *x = a, *y = b;
    return x->x1 < y->x1 ? -1 : x->x1 > y->x1;
}

/* One line's glyphs (sorted by x) as runs: text between spaces and gaps.
 * pdf.c joins runs back into cells once it knows where the columns are;
 * `sp` tells it whether a space separated a run from the one before. */
static void emit_line(writer *w, int page, int line, double top, glyph *g, int n)
{
    int space_before = 0;
    for (int i = 0; i < n;) {
        if (g[i].space) {
            if (g[i].space > space_before)
                space_before = g[i].space;
            i++;
            continue;
        }
        int j = i + 1;
        double width = g[i].x2 - g[i].x1;
        size_t len = strlen(g[i].utf8);
        for (; j < n && !g[j].space; j++) {
            double h = g[j - 1].y2 - g[j - 1].y1;
            if (g[j].x1 - g[j - 1].x2 > 0.4 * (h > 1 ? h : 1))
                break;
            len += strlen(g[j].utf8);
            width += g[j].x2 - g[j].x1;
        }
        char *text = malloc(len + 1);
        if (!text)
            return;
        size_t k = 0;
        for (int m = i; m < j; m++) {
            size_t l = strlen(g[m].utf8);
            memcpy(text + k, g[m].utf8, l);
            k += l;
        }
        wr_head(w, "P %d %d %.2f %.2f %.2f %.2f %.2f %d %zu\n", page, line, g[i].x1, g[j - 1].x2, top,
                width / (j - i), g[i].y2 - g[i].y1, space_before, k);
        wr(w, text, k);
        free(text);
        space_before = 0;
        i = j;
    }
}

static void emit_page(writer *w, int page, glyph *g, int n)
{
    qsort(g, (size_t)n, sizeof *g, by_centre);
    int line = 0;
    for (int i = 0; i < n;) {
        double top = g[i].y1, bottom = g[i].y2;
        int j = i + 1;
        while (j < n && (g[j].y1 + g[j].y2) / 2 < top + 0.7 * (bottom - top))
            j++;
        qsort(g + i, (size_t)(j - i), sizeof *g, by_x);
        emit_line(w, page, ++line, top, g + i, j - i);
        i = j;
    }
}

static int page_glyphs(const pia_poppler *pp, PopplerPage *page, glyph **out, long *budget)
{
    char *text = pp->page_get_text(page);
    PopplerRectangle *rect = NULL;
    guint nrect = 0;
    if (!text || !pp->page_get_text_layout(page, &rect, &nrect)) {
        pp->free(text);
        *out = NULL;
        return 0;
    }
    glyph *g = malloc(((size_t)nrect + 1) * sizeof *g);
    int n = 0;
    const char *p = text, *end = text + strlen(text);
    for (guint i = 0; g && i < nrect && *p && *budget > 0; i++) {
        uint32_t c;
        const char *next = p + pia_utf8_next(p, (size_t)(end - p), &c);
        if (c != '\n' && c != '\r' && c >= 0x20) {
            glyph *x = &g[n++];
            x->x1 = rect[i].x1;
            x->y1 = rect[i].y1;
            x->x2 = rect[i].x2;
            x->y2 = rect[i].y2;
            size_t l = (size_t)(next - p) < sizeof x->utf8 ? (size_t)(next - p) : 0;
            memcpy(x->utf8, p, l);
            x->utf8[l] = '\0';
            x->space = c == 0x3000 ? 2 : c == ' ' || c == 0xA0;
            *budget -= (long)l + 1;
        }
        p = next;
    }
    pp->free(rect);
    pp->free(text);
    *out = g;
    return g ? n : 0;
}

int pia_pdf_text(const char *data, size_t len, int fd, int max_pages, long max_text)
{
    writer w = { .fd = fd };
    const char *why = NULL;
    const pia_poppler *pp = pia_poppler_load(&why);
    if (!pp) {
        fail(&w, PIA_PDF_NOLIB, why);
        return w.failed ? -1 : 0;
    }
    GError *e = NULL;
    GBytes *bytes = pp->bytes_new_static(data, len);
    PopplerDocument *doc = pp->document_new_from_bytes(bytes, NULL, &e);
    if (!doc) {
        int enc = e && e->domain == pp->error_domain && e->code == POPPLER_ERROR_ENCRYPTED;
        fail(&w, enc ? PIA_PDF_ENCRYPTED : PIA_PDF_BROKEN, e && e->message ? e->message : "");
        if (e)
            pp->error_free(e);
        pp->bytes_unref(bytes);
        return w.failed ? -1 : 0;
    }
    int pages = pp->document_get_n_pages(doc);
    char *title = pp->document_get_title(doc), *author = pp->document_get_author(doc);
    wr_head(&w, "M %zu %zu %d\n", title ? strlen(title) : 0, author ? strlen(author) : 0, pages);
    if (title)
        wr(&w, title, strlen(title));
    if (author)
        wr(&w, author, strlen(author));
    pp->free(title);
    pp->free(author);
    if (pages > max_pages) {
        fail(&w, PIA_PDF_PAGES, "");
        pages = 0;
    }
    long budget = max_text;
    for (int i = 0; i < pages && !w.failed; i++) {
        PopplerPage *page = pp->document_get_page(doc, i);
        if (!page)
            continue;
        glyph *g;
        int n = page_glyphs(pp, page, &g, &budget);
        if (n == 0)
            wr_head(&w, "B %d\n", i + 1);
        else
            emit_page(&w, i + 1, g, n);
        free(g);
        pp->object_unref(page);
        if (budget <= 0) {
            fail(&w, PIA_PDF_TEXT, "");
            break;
        }
    }
    pp->object_unref(doc);
    pp->bytes_unref(bytes);
    return w.failed ? -1 : 0;
}
