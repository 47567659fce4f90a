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
} dt;

static const pia_node *section_of(const pia_node *n)
{
    while (n->parent)
        n = n->parent;
    return n;
}

/* Text of one piece, with control characters made visible; an open
 * colour is closed before each newline and reopened after it. */
static void put_piece(dt *d, const char *text, const char *open, const char *close,
                      const char *indent)
{
    char *v = pia_text_visible(text);
    const char *p = v;
    int colour = d->color && *open;
    fputs(open, d->out);
    for (;;) {
        const char *nl = strchr(p, '\n');
        if (!nl) {
            fputs(p, d->out);
            fputs(close, d->out);
            break;
        }
        fwrite(p, 1, (size_t)(nl - p), d->out);
        if (colour)
            fputs(C_OFF, d->out);
        fputc('\n', d->out);
        fputs(indent, d->out);
        p = nl + 1;
        if (colour && !*p)
            break;      /* already closed, nothing left to colour */
        if (colour)
            fputs(open, d->out);
    }
    free(v);
}

static void put_diff(dt *d, const pia_tdiff_list *l, const char *indent)
{
    fputs(indent, d->out);
    for (int i = 0; i < l->n; i++) {
        const pia_tdiff *t = &l->v[i];
        if (t->op == PIA_TD_EQUAL)
            put_piece(d, t->text, "", "", indent);
        else if (t->op == PIA_TD_DELETE)
            put_piece(d, t->text, d->color ? C_DEL : PIA_DEL_OPEN,
                      d->color ? C_OFF : PIA_DEL_CLOSE, indent);
        else
            put_piece(d, t->text, d->color ? C_INS : PIA_INS_OPEN,
                      d->color ? C_OFF : PIA_INS_CLOSE, indent);
    }
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
static void put_file(dt *d, const pia_cmp *c, const pia_cmp_entry *e)
{
    if (e->file_name && c->multi_file)
        fprintf(d->out, "　（%s）", e->file_name);
}

static void put_entry(dt *d, const pia_cmp *c, const pia_cmp_entry *e)
{
    const char *h = d->color ? C_HEAD : "", *off = d->color ? C_OFF : "";
    if (e->what == PIA_CMPW_FILE) {
        if (e->kind == PIA_CMP_CHANGED) {
            fprintf(d->out, "%s%s 特定個人情報ファイル名%s\n", h, mark(e->kind), off);
            put_diff(d, &e->diff, "    ");
        } else {
            fprintf(d->out, "%s%s 特定個人情報ファイルの%s: %s%s\n", h, mark(e->kind),
                    pia_cmp_kind_label(e->kind), e->file_name, off);
        }
        return;
    }
    if (e->what == PIA_CMPW_INSTANCE) {
        fprintf(d->out, "%s%s %s の%s%s", h, mark(e->kind), e->where,
                pia_cmp_kind_label(e->kind), off);
        put_file(d, c, e);
        fputc('\n', d->out);
        return;
    }
    /* The parent's numbers, then this item's own heading. */
    char *title = pia_cmp_title(e->node, e->inst_b ? e->inst_b : e->inst_a);
    char *tv = pia_text_visible(title);
    fprintf(d->out, "%s%s%s %s%s", e->inside ? "  " : "", e->kind == PIA_CMP_SAME ? "" : h,
            mark(e->kind), tv, e->kind == PIA_CMP_SAME ? "" : off);
    put_file(d, c, e);
    fputc('\n', d->out);
    free(tv);
    free(title);
    if (e->diff.n)
        put_diff(d, &e->diff, e->inside ? "      " : "    ");
    else
        fprintf(d->out, "%s    %s（未記入）%s\n", e->inside ? "  " : "", d->color ? C_DIM : "", off);
}

int pia_export_diff_text(const pia_cmp *c, const pia_diff_opts *o, FILE *out, pia_err *err)
{
    dt d = { out, o && o->color };
    const char *h = d.color ? C_HEAD : "", *off = d.color ? C_OFF : "";
    fprintf(out, "%s比較: %s → %s%s\n", h, o && o->label_a ? o->label_a : "A",
            o && o->label_b ? o->label_b : "B", off);
    fprintf(out, "変更 %d 件", c->nchanged);
    if (c->approx)
        fputs("（長文のため一部は行単位の比較）", out);
    fputc('\n', out);
    const pia_node *sec = NULL;
    for (int i = 0; i < c->n; i++) {
        const pia_cmp_entry *e = &c->v[i];
        const pia_node *s = section_of(e->node);
        if (s != sec) {
            char *sh = pia_node_heading(s);
            fprintf(out, "\n%s%s%s\n", h, sh, off);
            free(sh);
            sec = s;
        }
        put_entry(&d, c, e);
    }
    if (fflush(out) != 0 || ferror(out))
        return pia_fail(err, errno == ENOSPC ? PIA_EFULL : PIA_EIO,
                        "比較結果を書き出せません: %s", strerror(errno));
    return 0;
}
