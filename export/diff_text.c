/*
 * diff_text.c — a comparison as text for the terminal (or a pipe).
 *
 * Section by section, each change with the form's numbers and heading,
 * then the answer: deletions and insertions coloured (red struck through /
 * green underlined) when o->color, else wrapped in [-…-] and {+…+} so the
 * change stays visible without colour (NO_COLOR, a pipe, a printout).
 * Colour is closed at every line end so a pager never bleeds it.
 */
#include "diff.h"
#include "model/format.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define C_DEL   "\033[31;9m"
#define C_INS   "\033[32;4m"
#define C_HEAD  "\033[1m"
#define C_DIM   "\033[2m"
#define C_OFF   "\033[0m"

typedef struct dt {
    FILE *out;
    int color;
    void (*style)(FILE *out, const char *sgr);
} dt;

/* A colour change; nothing without colour. */
static void sgr(const dt *d, const char *seq)
{
    if (!d->color)
        return;
    if (d->style)
        d->style(d->out, seq);
    else
        fputs(seq, d->out);
}

/* User text (titles, labels, file names) with control characters shown. */
static void put_visible(const dt *d, const char *s)
{
    char *v = pia_text_visible(s);
    fputs(v, d->out);
    free(v);
}

static const pia_node *section_of(const pia_node *n)
{
    while (n->parent)
        n = n->parent;
    return n;
}

/* One piece of a comparison: unchanged, deleted or inserted.  With colour
 * each line of it is styled on its own (closed before the newline, so a
 * pager never bleeds it; an empty last line gets nothing); without, the
 * whole piece is wrapped in markers. */
static void put_piece(const dt *d, int op, const char *text, const char *indent)
{
    const char *seq = op == PIA_TD_DELETE ? C_DEL : op == PIA_TD_INSERT ? C_INS : NULL;
    int marked = seq && !d->color;
    char *v = pia_text_visible(text);
    if (marked)
        fputs(op == PIA_TD_DELETE ? PIA_DEL_OPEN : PIA_INS_OPEN, d->out);
    for (const char *p = v;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        int styled = seq && (p == v || *p);
        if (styled)
            sgr(d, seq);
        fwrite(p, 1, n, d->out);
        /* A line break alone added or removed has no text to colour: a
         * styled ↵ shows it (the markers show it without colour). */
        if (styled && d->color && n == 0 && nl)
            fputs("↵", d->out);
        if (styled)
            sgr(d, C_OFF);
        if (!nl)
            break;
        fputc('\n', d->out);
        fputs(indent, d->out);
        p = nl + 1;
    }
    if (marked)
        fputs(op == PIA_TD_DELETE ? PIA_DEL_CLOSE : PIA_INS_CLOSE, d->out);
    free(v);
}

static void put_diff(const dt *d, const pia_tdiff_list *l, const char *indent)
{
    fputs(indent, d->out);
    for (int i = 0; i < l->n; i++)
        put_piece(d, l->v[i].op, l->v[i].text, indent);
    fputc('\n', d->out);
}

static const char *mark(pia_cmp_kind k)
{
    switch (k) {
    case PIA_CMP_ADDED: return "＋";
    case PIA_CMP_REMOVED: return "－";
    case PIA_CMP_CHANGED: return "～";
    case PIA_CMP_SAME: break;
    }
    return "　";
}

/* "（住民基本台帳ファイル）" after the item when the assessment has several. */
static void put_file(const dt *d, const pia_cmp *c, const pia_cmp_entry *e)
{
    if (!e->file_name || !c->multi_file)
        return;
    fputs("　（", d->out);
    put_visible(d, e->file_name);
    fputs("）", d->out);
}

static void put_entry(const dt *d, const pia_cmp *c, const pia_cmp_entry *e)
{
    if (e->what == PIA_CMPW_FILE) {
        sgr(d, C_HEAD);
        fprintf(d->out, "%s ", mark(e->kind));
        if (e->kind == PIA_CMP_CHANGED) {
            fputs("特定個人情報ファイル名", d->out);
            sgr(d, C_OFF);
            fputc('\n', d->out);
            put_diff(d, &e->diff, "    ");
            return;
        }
        fprintf(d->out, "特定個人情報ファイルの%s: ", pia_cmp_kind_label(e->kind));
        put_visible(d, e->file_name);
        sgr(d, C_OFF);
        fputc('\n', d->out);
        return;
    }
    if (e->what == PIA_CMPW_INSTANCE) {
        sgr(d, C_HEAD);
        fprintf(d->out, "%s ", mark(e->kind));
        put_visible(d, e->where);
        fprintf(d->out, " の%s", pia_cmp_kind_label(e->kind));
        sgr(d, C_OFF);
        put_file(d, c, e);
        fputc('\n', d->out);
        return;
    }
    /* The parent's numbers, then this item's own heading. */
    char *title = pia_cmp_title(e->node, e->inst_b ? e->inst_b : e->inst_a);
    int changed = e->kind != PIA_CMP_SAME;
    fputs(e->inside ? "  " : "", d->out);
    if (changed)
        sgr(d, C_HEAD);
    fprintf(d->out, "%s ", mark(e->kind));
    put_visible(d, title);
    if (changed)
        sgr(d, C_OFF);
    free(title);
    put_file(d, c, e);
    fputc('\n', d->out);
    if (e->diff.n) {
        put_diff(d, &e->diff, e->inside ? "      " : "    ");
        return;
    }
    fprintf(d->out, "%s    ", e->inside ? "  " : "");
    sgr(d, C_DIM);
    fputs("（未記入）", d->out);
    sgr(d, C_OFF);
    fputc('\n', d->out);
}

int pia_export_diff_text(const pia_cmp *c, const pia_diff_opts *o, FILE *out, pia_err *err)
{
    dt d = { out, o && o->color, o ? o->style : NULL };
    sgr(&d, C_HEAD);
    fputs("比較: ", out);
    put_visible(&d, o && o->label_a ? o->label_a : "A");
    fputs(" → ", out);
    put_visible(&d, o && o->label_b ? o->label_b : "B");
    sgr(&d, C_OFF);
    fprintf(out, "\n変更 %d 件", c->nchanged);
    if (c->approx)
        fputs("（長文のため一部は行単位の比較）", out);
    fputc('\n', out);
    const pia_node *sec = NULL;
    for (int i = 0; i < c->n; i++) {
        const pia_cmp_entry *e = &c->v[i];
        const pia_node *s = section_of(e->node);
        if (s != sec) {
            char *sh = pia_node_heading(s);
            fputc('\n', out);
            sgr(&d, C_HEAD);
            fputs(sh, out);
            sgr(&d, C_OFF);
            fputc('\n', out);
            free(sh);
            sec = s;
        }
        put_entry(&d, c, e);
    }
    if (fflush(out) != 0 || ferror(out))
        return pia_fail(err, errno == ENOSPC ? PIA_EFULL : PIA_EIO,
                        "比較結果を書き出せません: %s", pia_errno_ja(errno));
    return 0;
}
