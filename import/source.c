/*
 * source.c — the neutral list of text pieces every reader fills (see
 * source.h): adding pieces within the limits, telling where a piece was,
 * removing running headers and footers and converter markup, and telling
 * the label column from the answer column by position.
 */
#include "source.h"
#include "norm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void imp_source_init(imp_source *s, imp_kind kind, const char *path)
{
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->path = pia_xstrdup(path);
}

void imp_source_free(imp_source *s)
{
    free(s->path);
    free(s->buf);
    free(s->p);
    for (int i = 0; i < s->nsheets; i++)
        free(s->sheets[i]);
    free(s->sheets);
    free(s->encoding);
    free(s->meta_title);
    free(s->meta_author);
    free(s->cuts);
    memset(s, 0, sizeof *s);
}

static int blank(const char *t, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t c;
        i += (size_t)pia_utf8_next(t + i, len - i, &c);
        if (pia_fold_cp(c))
            return 0;
    }
    return 1;
}

int imp_source_add(imp_source *s, const imp_piece *meta, const char *text, size_t len, pia_err *err)
{
    if (blank(text, len))
        return 0;
    if (s->len + len + 1 > IMP_MAX_TEXT)
        return pia_fail(err, PIA_EINVAL, "%s: 文字が多すぎます（上限 %u MiB。評価書一冊の数十倍です）",
                        s->path, IMP_MAX_TEXT >> 20);
    if (s->n >= IMP_MAX_PIECES)
        return pia_fail(err, PIA_EINVAL, "%s: 行やセルが多すぎます（上限 %d）", s->path, IMP_MAX_PIECES);
    if (s->len + len + 1 > s->cap) {
        s->cap = (s->len + len + 1) * 2;
        s->buf = pia_xrealloc(s->buf, s->cap);
    }
    if (s->n == s->cap_p) {
        s->cap_p = s->cap_p ? s->cap_p * 2 : 256;
        s->p = pia_xrealloc(s->p, (size_t)s->cap_p * sizeof *s->p);
    }
    imp_piece *p = &s->p[s->n++];
    *p = *meta;
    p->off = (uint32_t)s->len;
    p->len = (uint32_t)len;
    memcpy(s->buf + s->len, text, len);
    s->len += len;
    s->buf[s->len++] = '\0';
    if (p->page > s->pages)
        s->pages = p->page;
    return 0;
}

void imp_source_add_cut(imp_source *s, uint32_t at, double x, double x2)
{
    if (s->n == 0 || at >= s->p[s->n - 1].len)
        return;
    if (s->ncuts == s->cap_cuts) {
        s->cap_cuts = s->cap_cuts ? s->cap_cuts * 2 : 256;
        s->cuts = pia_xrealloc(s->cuts, (size_t)s->cap_cuts * sizeof *s->cuts);
    }
    s->cuts[s->ncuts++] = (imp_cut){ s->p[s->n - 1].off + at, (float)x, (float)x2 };
}

int imp_source_cut_at(const imp_source *s, uint32_t off)
{
    int lo = 0, hi = s->ncuts;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (s->cuts[mid].off < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int imp_source_piece_at(const imp_source *s, uint32_t off)
{
    int lo = 0, hi = s->n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (s->p[mid].off + s->p[mid].len < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void column_name(int col, char *out)
{
    char tmp[8];
    int n = 0;
    for (; col > 0 && n < 7; col = (col - 1) / 26)
        tmp[n++] = (char)('A' + (col - 1) % 26);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

void imp_source_where(const imp_source *s, const imp_piece *p, char *buf, size_t n)
{
    if (s->kind == IMP_KIND_XLSX) {
        char col[8];
        column_name(p->col, col);
        const char *sheet = p->page >= 1 && p->page <= s->nsheets ? s->sheets[p->page - 1] : "?";
        snprintf(buf, n, "%s!%s%d", sheet, col, p->line);
    } else if (s->kind == IMP_KIND_PDF) {
        snprintf(buf, n, "%dページ %d行目", p->page, p->line);
    } else {
        snprintf(buf, n, "%d行目", p->line);
    }
}

/* ---- running headers and footers ---------------------------------------- */

typedef struct line_key {
    int page, line;
    char *key;           /* folded text, digits masked as '#' */
    int first, count;    /* pieces */
} line_key;

static char *fold_key(const imp_source *s, int first, int count)
{
    size_t cap = 64, n = 0;
    char *k = pia_xmalloc(cap);
    for (int i = first; i < first + count; i++) {
        uint32_t *cp;
        size_t m = pia_fold_str(imp_piece_text(s, &s->p[i]), PIA_FOLD_LABEL, &cp);
        for (size_t j = 0; j < m; j++) {
            if (n + 5 > cap)
                k = pia_xrealloc(k, cap *= 2);
            uint32_t c = cp[j] >= '0' && cp[j] <= '9' ? '#' : cp[j];
            n += (size_t)pia_utf8_encode(c, k + n);
        }
        free(cp);
    }
    k[n] = '\0';
    return k;
}

/* "#/#", "-#-", "#", "p.#", "#ページ": nothing but a page number. */
static int page_number(const char *k)
{
    int digits = 0;
    for (const char *p = k; *p; p++) {
        if (*p == '#')
            digits++;
        else if (!strchr("/-().p", *p) && strncmp(p, "ページ", 9) != 0 && strncmp(p, "頁", 3) != 0)
            return 0;
        if (strncmp(p, "ページ", 9) == 0)
            p += 8;
        else if (strncmp(p, "頁", 3) == 0)
            p += 2;
    }
    return digits > 0;
}

static void drop(imp_source *s, const line_key *l)
{
    if (s->p[l->first].len == 0)
        return;         /* already dropped: the page's last line is also among its first */
    for (int i = l->first; i < l->first + l->count; i++)
        s->p[i].len = 0;        /* compacted below */
    s->dropped_lines++;
}

static void compact(imp_source *s)
{
    int w = 0;
    for (int i = 0; i < s->n; i++)
        if (s->p[i].len > 0)
            s->p[w++] = s->p[i];
    s->n = w;
}

/* A page's first lines, as folded keys. */
#define HEAD_LINES 6

typedef struct page_lines {
    line_key head[HEAD_LINES];
    int nhead;
    line_key foot;
} page_lines;

void imp_source_drop_running_lines(imp_source *s)
{
    if (s->pages < 2)
        return;
    page_lines *pl = pia_xcalloc((size_t)s->pages + 1, sizeof *pl);
    for (int i = 0; i < s->n;) {
        int j = i;
        while (j < s->n && s->p[j].page == s->p[i].page && s->p[j].line == s->p[i].line)
            j++;
        int pg = s->p[i].page;
        if (pg >= 1 && pg <= s->pages) {
            page_lines *l = &pl[pg];
            if (l->nhead < HEAD_LINES)
                l->head[l->nhead++] = (line_key){ pg, s->p[i].line, NULL, i, j - i };
            l->foot = (line_key){ pg, s->p[i].line, NULL, i, j - i };
        }
        i = j;
    }
    for (int pg = 1; pg <= s->pages; pg++) {
        page_lines *l = &pl[pg];
        for (int k = 0; k < l->nhead; k++)
            l->head[k].key = fold_key(s, l->head[k].first, l->head[k].count);
        if (l->foot.count && l->nhead > 1)
            l->foot.key = fold_key(s, l->foot.first, l->foot.count);
    }
    for (int pg = 1; pg <= s->pages; pg++) {
        line_key *f = &pl[pg].foot;
        if (!f->key)
            continue;
        int repeats = page_number(f->key);
        for (int q = 1; q <= s->pages && !repeats; q++)
            repeats = q != pg && pl[q].foot.key && strcmp(pl[q].foot.key, f->key) == 0;
        if (repeats)
            drop(s, f);
    }
    /* A page's first lines are dropped while they repeat the previous
     * page's, line by line: a title row repeated on every printed page,
     * however many lines it wraps to.  The first copy stays: it is the
     * section's heading. */
    for (int pg = 2; pg <= s->pages; pg++) {
        page_lines *l = &pl[pg], *prev = &pl[pg - 1];
        int k = 0;
        while (k < l->nhead && k < prev->nhead && strcmp(l->head[k].key, prev->head[k].key) == 0)
            k++;
        /* …unless the line after them names another 特定個人情報ファイル
         * ("（2）…"): then the page begins the next file's copy of the
         * section, and its heading is no running header. */
        if (k < l->nhead && k < prev->nhead && l->head[k].key[0] == '(' && l->head[k].key[1] == '#')
            k = 0;
        for (int d = 0; d < k; d++)
            drop(s, &l->head[d]);
        if (k == 0 && l->nhead > 0 && page_number(l->head[0].key))
            drop(s, &l->head[0]);
    }
    /* A first line on many pages is a running header from its first copy
     * on (a header that starts on page 2, after a cover without one). */
    for (int pg = 1; pg <= s->pages; pg++) {
        line_key *h = pl[pg].nhead ? &pl[pg].head[0] : NULL;
        if (!h || !h->key || s->p[h->first].len == 0)
            continue;
        int same = 0;
        for (int q = 1; q <= s->pages; q++)
            same += pl[q].nhead && strcmp(pl[q].head[0].key, h->key) == 0;
        if (same >= 2 && same * 5 >= s->pages * 2)
            drop(s, h);
    }
    for (int pg = 1; pg <= s->pages; pg++) {
        for (int k = 0; k < pl[pg].nhead; k++)
            free(pl[pg].head[k].key);
        free(pl[pg].foot.key);
    }
    free(pl);
    compact(s);
}

/* ---- markup -------------------------------------------------------------- */

static const char *const TAGS[] = { "p", "br", "ol", "ul", "li", "span", "div", "b", "i", "u",
                                    "strong", "em", "font", "sup", "sub", "td", "tr", "table", NULL };

/* Length of an ASCII tag <name …> or </name> at s, 0 when it is not one. */
static size_t tag_at(const char *s, size_t len, int *para)
{
    if (len < 3 || s[0] != '<')
        return 0;
    size_t i = 1;
    if (s[i] == '/')
        i++;
    for (int t = 0; TAGS[t]; t++) {
        size_t k = strlen(TAGS[t]);
        if (i + k >= len || strncmp(s + i, TAGS[t], k) != 0)
            continue;
        char after = s[i + k];
        if (after != '>' && after != ' ' && after != '/')
            continue;
        for (size_t j = i + k; j < len && j < 400; j++) {
            if ((unsigned char)s[j] >= 0x80 || s[j] == '<')
                return 0;
            if (s[j] == '>') {
                *para = s[1] == '/' && (strcmp(TAGS[t], "p") == 0 || strcmp(TAGS[t], "li") == 0 ||
                                        strcmp(TAGS[t], "div") == 0);
                if (strcmp(TAGS[t], "br") == 0)
                    *para = 1;
                return j + 1;
            }
        }
    }
    return 0;
}

size_t imp_strip_markup(char *s, size_t len, int *removed)
{
    size_t w = 0;
    int pending_break = 0;
    for (size_t i = 0; i < len;) {
        int para = 0;
        size_t t = tag_at(s + i, len - i, &para);
        if (t) {
            (*removed)++;
            pending_break |= para;
            i += t;
            while (i < len && s[i] == ' ' && pending_break)
                i++;
            continue;
        }
        if (pending_break && w > 0 && s[w - 1] != '\n')
            s[w++] = '\n';
        pending_break = 0;
        s[w++] = s[i++];
    }
    while (w > 0 && (s[w - 1] == ' ' || s[w - 1] == '\n'))
        w--;
    return w;
}

/* ---- label column and answer column --------------------------------------- */

static int starts_bracket(const imp_source *s, const imp_piece *p)
{
    const char *t = imp_piece_text(s, p);
    return t[0] == '[' || strncmp(t, "［", 3) == 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The most common start (within tol) of "[" pieces that are not at the
 * left margin: where choice values and check boxes are printed.  Returns
 * how many pieces start there. */
static int answer_column(const imp_source *s, int from, int to, double tol, double *bx)
{
    double left = 1e9;
    for (int i = from; i < to; i++)
        if (!s->p[i].tabbed && s->p[i].x < left)
            left = s->p[i].x;
    double *xs = pia_xmalloc((size_t)(to - from + 1) * sizeof *xs);
    int m = 0;
    for (int i = from; i < to; i++)
        if (!s->p[i].tabbed && starts_bracket(s, &s->p[i]) && s->p[i].x > left + 4 * tol)
            xs[m++] = s->p[i].x;
    qsort(xs, (size_t)m, sizeof *xs, cmp_double);
    int best = 0;
    for (int i = 0, j = 0; i < m; i++) {
        while (xs[i] - xs[j] > 2 * tol)
            j++;
        if (i - j + 1 > best) {
            best = i - j + 1;
            *bx = xs[j];
        }
    }
    free(xs);
    return best;
}

static int starts_near(const imp_source *s, int from, int to, double x, double tol)
{
    for (int i = from; i < to; i++)
        if (!s->p[i].tabbed && s->p[i].x >= x - tol && s->p[i].x <= x + tol)
            return 1;
    return 0;
}

void imp_source_assign_roles(imp_source *s)
{
    if (s->kind == IMP_KIND_XLSX)
        return;
    double tol = s->kind == IMP_KIND_PDF ? 4.0 : 1.5;
    double all = 0;
    int have_all = answer_column(s, 0, s->n, tol, &all) >= 2;
    for (int i = 0; i < s->n;) {
        int j = i;
        while (j < s->n && s->p[j].page == s->p[i].page)
            j++;
        double bx = all, page = 0;
        int have = have_all;
        if (answer_column(s, i, j, tol, &page) >= 2) {
            have = 1;
            /* A page's own column, unless the document's starts further
             * left and the page has text there: values printed centred
             * ([ 十分である ]) begin right of the column's edge. */
            if (!have_all || page <= all || !starts_near(s, i, j, all, tol))
                bx = page;
        }
        for (int k = i; k < j; k++) {
            imp_piece *p = &s->p[k];
            if (p->tabbed)
                p->role = p->cell > 0 && k > i && s->p[k - 1].line == p->line ? IMP_ROLE_ANSWER : IMP_ROLE_LABEL;
            else
                p->role = have && p->x >= bx - tol ? IMP_ROLE_ANSWER : IMP_ROLE_LABEL;
        }
        i = j;
    }
}
