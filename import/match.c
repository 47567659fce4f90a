/*
 * match.c — finding the form in a source (see import.h, imp_match).
 *
 * 1. Form text that is neither label nor answer is set aside: the 項目一覧
 *    page (each section listed once), （続き） continuation labels, the
 *    cover's edition stamp (which is read: [平成28年1月 様式4]).  A stamp or
 *    title of another form (基礎項目評価書 …) refuses the file.
 * 2. The source is folded into streams (scan.c) and the numbers of files
 *    and instances it may hold are bounded from its headings (「システム3」,
 *    the count of per-file sections' first labels).
 * 3. Every printed row's label is looked for (rows.c: the rows as the
 *    print model lays them out); one chain of matches in the form's order
 *    is chosen (align.c); too few matches means the file is not an
 *    assessment.
 * 4. The text between labels becomes the answers (fill.c), tables' cells
 *    by their columns (table.c).
 */
#include "match_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILES 32     /* a 全項目評価書 rarely has more than a handful of files */
#define MAX_INSTS 100    /* システム, 委託事項, 提供先 … per file */
#define MIN_FOUND 8      /* labels found before a file is taken for an assessment */
#define MIN_LONG 3       /* of which this many are long (six characters or more) */

static int folded_equal(const imp_source *s, const imp_piece *p, const char *text)
{
    uint32_t *a, *b;
    size_t n = pia_fold_str(imp_piece_text(s, p), PIA_FOLD_LABEL, &a), m = pia_fold_str(text, PIA_FOLD_LABEL, &b);
    int eq = n == m && memcmp(a, b, n * sizeof *a) == 0;
    free(a);
    free(b);
    return eq;
}

/* The section whose heading the piece is, alone ("Ⅲ 特定個人情報ファイル
 * の取扱いプロセスにおけるリスク対策", "（別添1）事務の内容"), or -1. */
static int section_heading(const imp_source *s, const imp_piece *p, const pia_form *form)
{
    for (int i = 0; i < form->nsections; i++) {
        const pia_node *n = form->sections[i];
        if (folded_equal(s, p, n->label))
            return i;
        char *h = pia_xasprintf("%s%s", n->number ? n->number : "", n->label);
        int eq = folded_equal(s, p, h);
        free(h);
        if (eq)
            return i;
    }
    return -1;
}

/* The 項目一覧 lists each section once; the list ends where a section
 * comes again (the body's first band, often right after it on the next
 * page) or where lines are no sections' headings. */
static void set_aside_contents(imp_source *s, const pia_form *form, int at)
{
    char *listed = pia_xcalloc((size_t)form->nsections + 1, 1);
    int other = 0;
    for (int j = at + 1; j < s->n && j < at + 60 && other < 2; j++) {
        int k = section_heading(s, &s->p[j], form);
        if (k >= 0 && listed[k])
            break;
        if (k < 0) {
            other++;
            continue;
        }
        listed[k] = 1;
        other = 0;
        s->p[j].skip = 1;
    }
    free(listed);
}

/* Whether folded text a[0..n) is one of the form's headings or labels. */
static int a_heading(const pia_form *form, const uint32_t *a, size_t n)
{
    for (int i = 0; i < form->nnodes; i++) {
        char *h = pia_node_heading(form->nodes[i]);
        const char *forms[2] = { h, form->nodes[i]->label };
        for (int k = 0; k < 2; k++) {
            uint32_t *b;
            size_t m = pia_fold_str(forms[k], PIA_FOLD_LABEL, &b);
            int eq = m == n && memcmp(a, b, n * sizeof *a) == 0;
            free(b);
            if (eq) {
                free(h);
                return 1;
            }
        }
        free(h);
    }
    return 0;
}

/* A continuation label: "（続き）" alone, or a heading of the form with it
 * (the sheet labels the rows a long answer goes on "②事務の内容 ※（続き）").
 * Anything else ending in （続き） is someone's text and stays. */
static int continued(const imp_source *s, const imp_piece *p, const pia_form *form)
{
    static const uint32_t MORE[] = { '(', 0x7D9A, 0x304D, ')' };
    uint32_t *a;
    size_t n = pia_fold_str(imp_piece_text(s, p), PIA_FOLD_LABEL, &a);
    int yes = n >= 4 && n <= 200 && memcmp(a + n - 4, MORE, sizeof MORE) == 0 &&
              (n == 4 || a_heading(form, a, n - 4));
    free(a);
    return yes;
}

/* The 項目一覧 and （続き） labels. */
static void set_aside(imp_source *s, const pia_form *form)
{
    const char *contents = form->contents_title ? form->contents_title : "項目一覧";
    for (int i = 0; i < s->n; i++) {
        imp_piece *p = &s->p[i];
        if (continued(s, p, form)) {
            p->skip = 1;
        } else if (folded_equal(s, p, contents)) {
            p->skip = 1;
            set_aside_contents(s, form, i);
        }
    }
}

/* ---- the edition stamp ------------------------------------------------------ */

static size_t digits_at(const pia_fold *n, size_t p, int *value)
{
    size_t q = p;
    *value = 0;
    if (q < n->n && n->cp[q] == 0x5143) {          /* 元年 */
        *value = 1;
        return 1;
    }
    while (q < n->n && n->cp[q] >= '0' && n->cp[q] <= '9' && q - p < 4)
        *value = *value * 10 + (int)(n->cp[q++] - '0');
    return q - p;
}

/* "[平成28年1月 様式4]" at folded position p: its length, and the parts. */
static size_t stamp_at(const pia_fold *n, size_t p, char *out, size_t outn, int *form_no)
{
    static const uint32_t HEISEI[] = { 0x5E73, 0x6210 }, REIWA[] = { 0x4EE4, 0x548C };
    size_t q = p;
    if (q + 2 >= n->n || n->cp[q++] != '[')
        return 0;
    const char *era = NULL;
    if (n->cp[q] == HEISEI[0] && n->cp[q + 1] == HEISEI[1])
        era = "平成";
    else if (n->cp[q] == REIWA[0] && n->cp[q + 1] == REIWA[1])
        era = "令和";
    if (!era)
        return 0;
    q += 2;
    int year, month, k;
    size_t d = digits_at(n, q, &year);
    if (!d || q + d >= n->n || n->cp[q + d] != 0x5E74)
        return 0;
    q += d + 1;
    if (!(d = digits_at(n, q, &month)) || q + d >= n->n || n->cp[q + d] != 0x6708)
        return 0;
    q += d + 1;
    if (q + 2 >= n->n || n->cp[q] != 0x69D8 || n->cp[q + 1] != 0x5F0F)
        return 0;
    q += 2;
    if (!(d = digits_at(n, q, &k)) || q + d >= n->n || n->cp[q + d] != ']')
        return 0;
    q += d + 1;
    if (year == 1)
        snprintf(out, outn, "%s元年%d月 様式%d", era, month, k);
    else
        snprintf(out, outn, "%s%d年%d月 様式%d", era, year, month, k);
    *form_no = k;
    return q - p;
}

static const char *other_form(const imp_editions *ed, int k)
{
    char num[32];
    snprintf(num, sizeof num, "様式%d", k);
    for (int i = 0; i < ed->nothers; i++)
        if (strcmp(ed->others[i].number, num) == 0)
            return ed->others[i].title;
    return NULL;
}

static int blank_piece(const imp_source *s, const imp_piece *p)
{
    const char *t = imp_piece_text(s, p);
    for (uint32_t i = 0; i < p->len; i++)
        if (t[i] != ' ' && t[i] != '\t' && t[i] != '\n' && t[i] != '\r')
            return 0;
    return 1;
}

/* Read the stamp (and blank it, so it joins no answer); refuse another form. */
static int read_stamp(imp_source *s, const imp_editions *ed, imp_result *res, pia_err *err)
{
    for (int i = 0; i < s->n; i++) {
        imp_piece *pc = &s->p[i];
        pia_fold n = { 0 };
        pia_fold_append(&n, imp_piece_text(s, pc), pc->len, 0, PIA_FOLD_LABEL);
        for (size_t p = 0; p < n.n; p++) {
            char name[64];
            int k = 0;
            size_t len = stamp_at(&n, p, name, sizeof name, &k);
            if (!len)
                continue;
            char mine[32];
            snprintf(mine, sizeof mine, "様式%d", k);
            if (ed->form_number && strcmp(mine, ed->form_number) != 0) {
                const char *t = other_form(ed, k);
                pia_fold_free(&n);
                return pia_fail(err, PIA_EINVAL, "%s: %s の評価書です（表紙の「%s」）。取り込めるのは %s だけです",
                                s->path, t ? t : mine, name, res->form->title);
            }
            if (!res->edition)
                res->edition = pia_xstrdup(name);
            memset(s->buf + pc->off + n.at[p], ' ', n.end[p + len - 1] - n.at[p]);
            p += len - 1;
        }
        /* A cell or line that held only the stamp is no text at all. */
        if (n.n > 0 && !pc->skip && blank_piece(s, pc))
            pc->skip = 1;
        pia_fold_free(&n);
    }
    return 0;
}

static int refuse_other_title(imp_source *s, const imp_editions *ed, const pia_form *form, pia_err *err)
{
    const char *open = strstr(form->title, "（");
    if (!open)
        return 0;
    for (int k = 0; k < ed->nothers; k++) {
        char *t = pia_xasprintf("%.*s（%s）", (int)(open - form->title), form->title, ed->others[k].title);
        uint32_t *v;
        size_t m = pia_fold_str(t, PIA_FOLD_LABEL, &v);
        for (int i = 0; i < s->n && i < 400; i++) {
            uint32_t *a;
            size_t n = pia_fold_str(imp_piece_text(s, &s->p[i]), PIA_FOLD_LABEL, &a);
            int hit = 0;
            for (size_t p = 0; !hit && m && p + m <= n; p++)
                hit = memcmp(a + p, v, m * sizeof *v) == 0;
            free(a);
            if (hit) {
                pia_fail(err, PIA_EINVAL, "%s: %s です（%s）。取り込めるのは %s だけです", s->path,
                         ed->others[k].title, t, form->title);
                free(v);
                free(t);
                return -1;
            }
        }
        free(v);
        free(t);
    }
    return 0;
}

/* ---- bounds --------------------------------------------------------------------- */

static const pia_node *first_field(const pia_node *n)
{
    for (int i = 0; i < n->nkids; i++) {
        if (pia_node_is_field(n->kids[i]))
            return n->kids[i];
        const pia_node *f = first_field(n->kids[i]);
        if (f)
            return f;
    }
    return NULL;
}

static int files_bound(imp_scan *sc, const pia_form *form)
{
    int files = 1;
    for (int i = 0; i < form->nsections; i++) {
        const pia_node *s = form->sections[i], *f = first_field(s);
        if (!s->per_file)
            continue;
        int a = imp_scan_count(sc, s->label), b = f ? imp_scan_count(sc, f->label) : 0;
        if (a > files) files = a;
        if (b > files) files = b;
    }
    return files > MAX_FILES ? MAX_FILES : files;
}

/* ---- matching ------------------------------------------------------------------ */

static void edition_from_labels(const imp_cands *cs, const int *chosen, int nrows,
                                const imp_editions *ed, imp_result *res)
{
    if (res->edition)
        return;
    for (int r = 0; r < nrows; r++) {
        if (chosen[r] < 0 || !cs->c[chosen[r]].alias)
            continue;
        const imp_edition *e = &ed->e[cs->c[chosen[r]].alias - 1];
        res->edition = pia_xstrdup(e->name);
        res->edition_guess = 1;
        return;
    }
}

int imp_match(imp_source *src, imp_result *res, pia_err *err)
{
    const pia_form *form = res->form;
    imp_editions *ed;
    if (imp_editions_load(form, &ed, err))
        return -1;
    set_aside(src, form);
    if (read_stamp(src, ed, res, err) || refuse_other_title(src, ed, form, err)) {
        imp_editions_free(ed);
        return -1;
    }
    imp_scan sc;
    imp_scan_build(&sc, src);
    int *insts = pia_xcalloc((size_t)form->nnodes, sizeof *insts);
    for (int i = 0; i < form->nnodes; i++)
        if (form->nodes[i]->repeat)
            insts[i] = imp_scan_max_numbered(&sc, form->nodes[i]->repeat, MAX_INSTS);
    imp_row *rows;
    int nrows;
    imp_rows_build(form, files_bound(&sc, form), insts, &rows, &nrows);
    imp_cands cs = { 0 };
    int rc = 0;
    if (imp_scan_rows(&sc, form, rows, nrows, ed, &cs))
        rc = pia_fail(err, PIA_EINVAL, "%s: 様式の見出しが評価書としては考えられないほど繰り返されています"
                      "（見出しの候補が %d を超えました）。一冊ずつに分けて取り込んでください", src->path, IMP_MAX_CANDS);
    int *chosen = pia_xmalloc((size_t)(nrows + 1) * sizeof *chosen);
    if (!rc)
        imp_align(&cs, nrows, (uint32_t)sc.all.n.n, chosen);
    int found = 0, longer = 0;
    for (int r = 0; r < nrows && !rc; r++) {
        if (chosen[r] < 0)
            continue;
        found++;
        longer += cs.c[chosen[r]].e - cs.c[chosen[r]].s >= 6;
    }
    if (!rc && (found < MIN_FOUND || longer < MIN_LONG))
        rc = pia_fail(err, PIA_EINVAL, "%s: 評価書として読み取れません（%s の項目名が %d 個しか見つかりません）",
                      src->path, form->title, found);
    if (!rc) {
        res->found = found;
        edition_from_labels(&cs, chosen, nrows, ed, res);
        rc = imp_fill(&sc, rows, nrows, &cs, chosen, ed, res, err);
        res->fuzzy_capped = sc.capped;
    }
    free(chosen);
    free(cs.c);
    free(rows);
    free(insts);
    imp_scan_free(&sc);
    imp_editions_free(ed);
    return rc;
}
